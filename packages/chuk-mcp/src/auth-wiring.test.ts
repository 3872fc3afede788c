import { describe, expect, it } from "vitest";
import { createAuthWiring, type AuthWiringInput } from "./auth-wiring.js";
import { createLogger } from "./logger.js";
import { UsageError } from "./usage-error.js";

const SECRET = "unit-test-secret-that-is-32-bytes-long";
const quiet = createLogger({ level: "critical", stream: { write: () => undefined } });

function input(overrides: Partial<AuthWiringInput> = {}): AuthWiringInput {
  return { auth: undefined, env: { JWT_SECRET_KEY: SECRET }, endpoint: { host: "127.0.0.1", port: 8123, path: "/mcp" }, logger: quiet, ...overrides };
}

describe("createAuthWiring", () => {
  it("turns nothing on without JWT_SECRET_KEY (blank counts as unset) or with auth: false", async () => {
    expect(await createAuthWiring(input({ env: {} }))).toBeUndefined();
    expect(await createAuthWiring(input({ env: { JWT_SECRET_KEY: "  " } }))).toBeUndefined();
    expect(await createAuthWiring(input({ auth: false }))).toBeUndefined();
  });

  it("derives the metadata URL from a concrete bind address when MCP_RESOURCE_URL is unset", async () => {
    const wiring = await createAuthWiring(input());
    expect(wiring?.resourceMetadataUrl).toBe("http://127.0.0.1:8123/.well-known/oauth-protected-resource/mcp");
    const ipv6 = await createAuthWiring(input({ endpoint: { host: "::1", port: 8123, path: "/rpc" } }));
    expect(ipv6?.resourceMetadataUrl).toBe("http://[::1]:8123/.well-known/oauth-protected-resource/rpc");
  });

  it("leaves the metadata URL out when the address is not known yet (port 0, wildcard host)", async () => {
    expect((await createAuthWiring(input({ endpoint: { host: "127.0.0.1", port: 0, path: "/mcp" } })))?.resourceMetadataUrl).toBeUndefined();
    expect((await createAuthWiring(input({ endpoint: { host: "0.0.0.0", port: 8123, path: "/mcp" } })))?.resourceMetadataUrl).toBeUndefined();
  });

  it("prefers MCP_RESOURCE_URL for the metadata URL", async () => {
    const wiring = await createAuthWiring(input({ env: { JWT_SECRET_KEY: SECRET, MCP_RESOURCE_URL: "https://mcp.example.com/tools/mcp" } }));
    expect(wiring?.resourceMetadataUrl).toBe("https://mcp.example.com/.well-known/oauth-protected-resource/tools/mcp");
  });

  it("answers a request without a token 401 through the wired authenticate", async () => {
    const wiring = await createAuthWiring(input());
    const result = await wiring?.authenticate({ headers: {}, url: "http://127.0.0.1:8123/mcp", method: "POST" });
    expect(result).toMatchObject({ ok: false, status: 401 });
  });

  it.each([[true], ["yes"], [{}], [{ authenticate: "nope" }], [{ authorizationServer: undefined }]])("rejects run({ auth: %j }) with a UsageError saying what it accepts", async (auth) => {
    const error = await createAuthWiring(input({ auth: auth as never })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain("expects a resource server from createResourceServer()");
  });

  it("hardening: logs a loud warning when only JWT_SECRET_KEY is set (no issuer, no audience)", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "warning", stream: { write: (line: string) => void lines.push(line) } });
    await createAuthWiring(input({ logger }));
    const text = lines.join("");
    expect(text).toMatch(/SECURITY WARNING: JWT issuer is not checked/);
    expect(text).toMatch(/SECURITY WARNING: JWT audience is not checked/);
    lines.length = 0;
    await createAuthWiring(input({ logger, env: { JWT_SECRET_KEY: SECRET, JWT_ISSUER: "https://id.example", MCP_RESOURCE_URL: "https://mcp.example/mcp" } }));
    expect(lines.join("")).not.toMatch(/SECURITY WARNING/);
  });

  it("hardening: a token without exp is refused through the wired authenticate unless JWT_REQUIRE_EXP=false", async () => {
    const { SignJWT } = await import("jose");
    const token = await new SignJWT({ sub: "u" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(SECRET));
    const request = { headers: { authorization: `Bearer ${token}` }, url: "http://127.0.0.1:8123/mcp", method: "POST" };
    expect(await (await createAuthWiring(input()))?.authenticate(request)).toMatchObject({ ok: false, status: 401 });
    const lenient = await createAuthWiring(input({ env: { JWT_SECRET_KEY: SECRET, JWT_REQUIRE_EXP: "false" } }));
    expect(await lenient?.authenticate(request)).toMatchObject({ ok: true });
  });
});
