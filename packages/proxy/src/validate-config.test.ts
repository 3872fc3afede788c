import { describe, expect, it } from "vitest";
import { listEndpoints, validateProxyConfig } from "./validate-config.js";

function message(value: unknown): string {
  try {
    validateProxyConfig(value);
  } catch (error) {
    expect((error as { code?: string }).code).toBe("invalid_config");
    return (error as Error).message;
  }
  throw new Error("expected validateProxyConfig to throw");
}

describe("validateProxyConfig", () => {
  it("accepts every upstream kind and infers stdio from a command", () => {
    const config = validateProxyConfig({
      servers: {
        a: { command: "node", args: ["x.js"] },
        b: { type: "http", url: "http://127.0.0.1:1/mcp", bearerToken: "t", replicas: ["http://127.0.0.1:2/mcp"] },
        c: { type: "sse", url: "https://example.test/sse", apiKey: "k" },
      },
    });
    expect(config.servers.a?.type).toBe("stdio");
    expect(listEndpoints(config.servers.b!)).toEqual([{ url: "http://127.0.0.1:1/mcp", headers: undefined }, { url: "http://127.0.0.1:2/mcp" }]);
  });

  it("names the setting and the fix for each kind of mistake", () => {
    expect(message(null)).toMatch(/config: must be an object with a `servers` map/);
    expect(message({})).toMatch(/config.servers: is required/);
    expect(message({ servers: { "bad name": { command: "x" } } })).toMatch(/servers.bad name: server names must start with a letter/);
    expect(message({ servers: { a: { type: "ftp" } } })).toMatch(/servers.a.type: must be "stdio", "http" or "sse", got "ftp"/);
    expect(message({ servers: { a: { type: "stdio" } } })).toMatch(/servers.a.command: is required/);
    expect(message({ servers: { a: { type: "http", url: "not a url" } } })).toMatch(/servers.a.url: "not a url" is not a valid URL/);
    expect(message({ servers: { a: { type: "http", url: "ftp://x/" } } })).toMatch(/must be an http: or https: URL/);
    expect(message({ servers: { a: { command: "x", args: "y" } } })).toMatch(/servers.a.args: must be a list of strings/);
    expect(message({ servers: { a: { command: "x", callTimeoutMs: -1 } } })).toMatch(/servers.a.callTimeoutMs: must be a positive number/);
    expect(message({ servers: { a: { command: "x", comand: "typo" } } })).toMatch(/servers.a.comand: unknown setting; allowed here:/);
    expect(message({ servers: {}, reconnect: { jitter: 2 } })).toMatch(/config.reconnect.jitter: must be a number from 0 to 1/);
    expect(message({ servers: {}, namespace: "a.b" })).toMatch(/config.namespace/);
    expect(message({ servers: { a: { type: "http", url: "http://x/", apiKey: "k" } } })).toMatch(/servers.a.apiKey: unknown setting/);
  });
});
