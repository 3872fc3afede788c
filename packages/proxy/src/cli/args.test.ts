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
});
