import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProxyConfig, parseProxyConfig } from "./config-file.js";

describe("config files", () => {
  it("reads YAML with environment references", () => {
    const config = parseProxyConfig(
      ["namespace: tools", "servers:", "  api:", "    type: http", "    url: http://127.0.0.1:9/mcp", "    bearerToken: ${TOKEN}", "    headers:", "      x-team: ${TEAM:-core}"].join("\n"),
      { env: { TOKEN: "secret" } },
    );
    expect(config.namespace).toBe("tools");
    expect(config.servers.api).toMatchObject({ type: "http", bearerToken: "secret", headers: { "x-team": "core" } });
  });

  it("reads JSON too", () => {
    expect(parseProxyConfig('{"servers":{"a":{"command":"node"}}}').servers.a?.type).toBe("stdio");
  });

  it("points at the line of a YAML syntax error", () => {
    expect(() => parseProxyConfig("servers:\n  a: [unclosed\n", { source: "proxy.yaml" })).toThrow(/proxy.yaml: not valid YAML\/JSON at line \d+/);
  });

  it("does not expand ${constructor} or ${toString} from Object.prototype (defect 6)", () => {
    for (const name of ["constructor", "toString", "valueOf", "hasOwnProperty"]) {
      expect(() => parseProxyConfig(`servers:\n  a:\n    command: \${${name}}\n`, { env: {} })).toThrow(new RegExp(`environment variable ${name} is not set`));
    }
  });

  it("names a missing environment variable", () => {
    expect(() => parseProxyConfig("servers:\n  a:\n    command: ${NOPE_NOT_SET}\n", { env: {} })).toThrow(/environment variable NOPE_NOT_SET is not set/);
  });

  it("prefixes validation errors with the file name", async () => {
    const directory = mkdtempSync(join(tmpdir(), "proxy-config-"));
    const file = join(directory, "proxy.yaml");
    writeFileSync(file, "servers:\n  a:\n    type: http\n");
    await expect(loadProxyConfig(file)).rejects.toThrow(/proxy.yaml: servers.a.url: is required/);
    await expect(loadProxyConfig(join(directory, "missing.yaml"))).rejects.toThrow(/cannot read config file .*missing.yaml/);
  });
});
