import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./args.js";
import { HELP_TEXT } from "./help.js";

describe("parseCliArgs", () => {
  it("builds upstreams from repeatable --stdio, --http and --sse groups", () => {
    const options = parseCliArgs([
      "--stdio", "fs", "--command", "npx", "--cwd", "/tmp", "--env", "A=1", "--", "-y", "server-fs", "--verbose",
      "--http", "api", "--url", "http://127.0.0.1:9/mcp", "--header", "X-Team: core", "--bearer", "tok",
      "--sse", "old", "--url", "http://127.0.0.1:8/sse", "--api-key", "key",
      "---",
    ]);
    expect(options.config.servers).toEqual({
      fs: { type: "stdio", command: "npx", cwd: "/tmp", env: { A: "1" }, args: ["-y", "server-fs", "--verbose"] },
      api: { type: "http", url: "http://127.0.0.1:9/mcp", headers: { "X-Team": "core" }, bearerToken: "tok" },
      old: { type: "sse", url: "http://127.0.0.1:8/sse", apiKey: "key" },
    });
  });

  it("reads naming, serving and logging flags", () => {
    const options = parseCliArgs(["--namespace", "", "--openai-compatible", "--keep-root-aliases", "--port", "0", "--host", "0.0.0.0", "--log-level", "debug", "--config", "p.yaml", "--call-timeout", "500"]);
    expect(options.config).toMatchObject({ namespace: "", openaiCompatible: true, keepRootAliases: true, callTimeoutMs: 500 });
    expect(options).toMatchObject({ port: 0, host: "0.0.0.0", logLevel: "debug", configFile: "p.yaml" });
  });

  it("rejects bad flags with a message that says what to fix", () => {
    const cases: [string[], RegExp][] = [
      [["--bogus"], /unknown flag "--bogus"/],
      [["stray"], /unexpected argument "stray"/],
      [["--command", "x"], /--command must follow --stdio NAME/],
      [["--stdio", "a"], /--stdio a needs --command CMD/],
      [["--http", "a"], /--http a needs --url URL/],
      [["--stdio", "a", "--url", "http://x"], /--url applies to --http and --sse/],
      [["--http", "a", "--api-key", "k"], /--api-key applies to --sse upstreams/],
      [["--stdio", "a", "--command", "x", "--stdio", "a", "--command", "y"], /upstream name "a" is used twice/],
      [["--port", "99999"], /--port must be at most 65535/],
      [["--port", "abc"], /--port needs a non-negative whole number/],
      [["--log-level", "loud"], /--log-level must be one of/],
      [["--http", "a", "--url", "http://x", "--header", "nocolon"], /--header needs KEY:VALUE/],
      [["--stdio", "a", "--command"], /--command needs a value/],
    ];
    for (const [argv, pattern] of cases) {
      expect(() => parseCliArgs(argv), argv.join(" ")).toThrow(pattern);
    }
  });

  it("documents every flag it accepts in --help", () => {
    for (const flag of ["--stdio", "--command", "--cwd", "--env", "--http", "--url", "--header", "--bearer", "--sse", "--api-key", "--namespace", "--openai-compatible", "--only-openai-tools", "--keep-root-aliases", "--config", "--start-timeout", "--call-timeout", "--port", "--host", "--log-level", "--help", "--version"]) {
      expect(HELP_TEXT).toContain(flag);
    }
  });

  it("reads the HTTP security flags and documents them in --help", () => {
    const options = parseCliArgs([
      "--port", "8770", "--host", "0.0.0.0", "--auth", "bearer", "--allowed-host", "mcp.example.com", "--allowed-host", "10.0.0.5:8770",
      "--allowed-origin", "https://app.example.com", "--jwks-url", "https://issuer.example/jwks", "--jwt-issuer", "https://issuer.example",
      "--jwt-audience", "https://mcp.example.com/mcp", "--resource-url", "https://mcp.example.com/mcp", "--exit-on-start-failure", "any",
      "--stdio", "fs", "--command", "npx",
    ]);
    expect(options).toMatchObject({
      auth: "bearer", allowedHosts: ["mcp.example.com", "10.0.0.5:8770"], allowedOrigins: ["https://app.example.com"],
      jwksUrl: "https://issuer.example/jwks", jwtIssuer: "https://issuer.example", jwtAudience: "https://mcp.example.com/mcp",
      resourceUrl: "https://mcp.example.com/mcp", exitOnStartFailure: "any", warnings: [],
    });
    for (const flag of ["--auth", "--allowed-host", "--allowed-origin", "--jwks-url", "--jwt-issuer", "--jwt-audience", "--resource-url", "--exit-on-start-failure"]) {
      expect(HELP_TEXT).toContain(flag);
    }
    expect(() => parseCliArgs(["--auth", "basic", "--port", "1", "--stdio", "a", "--command", "x"])).toThrow(/--auth must be "bearer" or "none"/);
    expect(() => parseCliArgs(["--auth", "bearer", "--stdio", "a", "--command", "x"])).toThrow(/add --port N/);
  });

  it("warns when a proxy flag lands among a child's arguments after --, and not when --- ends them", () => {
    const warned = parseCliArgs(["--stdio", "fs", "--command", "npx", "--", "-y", "server-fs", "/tmp", "--port", "8770", "--log-level=debug"]);
    expect(warned.port).toBeUndefined();
    expect(warned.config.servers.fs).toMatchObject({ args: ["-y", "server-fs", "/tmp", "--port", "8770", "--log-level=debug"] });
    expect(warned.warnings).toHaveLength(2);
    expect(warned.warnings[0]).toContain('"--port 8770" comes after "--"');
    expect(warned.warnings[1]).toContain('"--log-level=debug"');
    const ended = parseCliArgs(["--stdio", "fs", "--command", "npx", "--", "server-fs", "---", "--port", "8770"]);
    expect(ended.port).toBe(8770);
    expect(ended.warnings).toEqual([]);
  });
});
