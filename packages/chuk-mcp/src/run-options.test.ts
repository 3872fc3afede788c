import { describe, expect, it } from "vitest";
import { resolveRunOptions } from "./run-options.js";
import { UsageError } from "./usage-error.js";

const defaults = { transport: "stdio", port: 8000, host: "127.0.0.1", path: "/mcp", logLevel: "warning", sessionProvider: "memory", stateless: false, programArguments: [] } as const;

function usageErrorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("resolveRunOptions", () => {
  it("serves stdio with warning logs when nothing is given", () => {
    expect(resolveRunOptions([], {})).toEqual(defaults);
  });

  it("switches to HTTP on --http", () => {
    expect(resolveRunOptions(["--http"], {})).toEqual({ ...defaults, transport: "http" });
  });

  it("switches to HTTP on --port and reads the port in both spellings", () => {
    expect(resolveRunOptions(["--port", "3000"], {})).toMatchObject({ transport: "http", port: 3000 });
    expect(resolveRunOptions(["--port=0"], {})).toMatchObject({ transport: "http", port: 0 });
  });

  it("switches to HTTP on MCP_TRANSPORT=http or a PORT variable", () => {
    expect(resolveRunOptions([], { MCP_TRANSPORT: "http" })).toMatchObject({ transport: "http", port: 8000 });
    expect(resolveRunOptions([], { PORT: "9001" })).toMatchObject({ transport: "http", port: 9001 });
  });

  it("keeps stdio when --stdio or MCP_TRANSPORT=stdio is explicit even if PORT is set", () => {
    expect(resolveRunOptions(["--stdio"], { PORT: "9001" }).transport).toBe("stdio");
    expect(resolveRunOptions([], { PORT: "9001", MCP_TRANSPORT: "stdio" }).transport).toBe("stdio");
  });

  it("lets flags beat the environment and the environment beat in-code defaults", () => {
    expect(resolveRunOptions(["--port", "1"], { PORT: "2" }, { port: 3 }).port).toBe(1);
    expect(resolveRunOptions([], { PORT: "2" }, { port: 3 }).port).toBe(2);
    expect(resolveRunOptions([], {}, { transport: "http", port: 3 })).toMatchObject({ transport: "http", port: 3 });
    expect(resolveRunOptions(["--log-level", "error"], { MCP_LOG_LEVEL: "debug" }).logLevel).toBe("error");
  });

  it("honours --host, MCP_HOST, --path and MCP_LOG_LEVEL", () => {
    expect(resolveRunOptions(["--host", "0.0.0.0", "--path=/rpc"], { MCP_LOG_LEVEL: "DEBUG" })).toMatchObject({
      host: "0.0.0.0",
      path: "/rpc",
      logLevel: "debug",
    });
    expect(resolveRunOptions([], { MCP_HOST: "::1" }).host).toBe("::1");
  });

  it("ignores blank environment variables", () => {
    expect(resolveRunOptions([], { PORT: "", MCP_TRANSPORT: " ", MCP_LOG_LEVEL: "", SESSION_PROVIDER: "" })).toEqual(defaults);
  });

  it("keeps sessions in memory unless SESSION_PROVIDER=redis, which beats the in-code setting", () => {
    expect(resolveRunOptions([], { REDIS_URL: "redis://127.0.0.1:6379" }).sessionProvider).toBe("memory");
    expect(resolveRunOptions([], { SESSION_PROVIDER: " Redis " }).sessionProvider).toBe("redis");
    expect(resolveRunOptions([], {}, { sessionProvider: "redis" }).sessionProvider).toBe("redis");
    expect(resolveRunOptions([], { SESSION_PROVIDER: "memory" }, { sessionProvider: "redis" }).sessionProvider).toBe("memory");
  });

  it.each([
    [["--port", "abc"], "Invalid --port 'abc': expected an integer from 0 to 65535"],
    [["--port", "70000"], "Invalid --port '70000'"],
    [["--port", "-1"], "Invalid --port '-1'"],
    [["--port"], "--port needs a value, e.g. --port 8000"],
    [["--port="], "--port needs a value"],
    [["--prot", "8000"], "Unknown option '--prot'; did you mean --port?"],
    [["--htpp"], "did you mean --http?"],
    [["--transport", "sse"], "Invalid --transport 'sse': expected 'stdio' or 'http'"],
    [["--transport"], "--transport needs a value, e.g. --transport http"],
    [["--transport=http", "--stdio"], "pick one transport"],
    [["--http", "--stdio"], "pick one transport"],
    [["--stdio", "--port", "1"], "--port applies to HTTP only"],
    [["--log-level", "loud"], "Invalid --log-level 'loud': expected one of debug, info, warning, error, critical"],
    [["--path", "mcp"], "it must start with '/'"],
  ])("rejects %j with a message that says what to fix", (argv, message) => {
    const error = usageErrorOf(() => resolveRunOptions(argv, {}));
    expect(error.message).toContain(message);
    expect(error.code).toBe("invalid_arguments");
    expect(error.exitCode).toBe(2);
  });

  it.each([
    [{ PORT: "http" }, "Invalid PORT environment variable 'http'"],
    [{ MCP_TRANSPORT: "sse" }, "Invalid MCP_TRANSPORT 'sse': expected 'stdio' or 'http'"],
    [{ MCP_LOG_LEVEL: "verbose" }, "Invalid MCP_LOG_LEVEL 'verbose'"],
    [{ MCP_TOOL_TIMEOUT: "soon" }, "Invalid MCP_TOOL_TIMEOUT 'soon': expected a positive number of seconds"],
    [{ MCP_TOOL_TIMEOUT: "-5" }, "Invalid MCP_TOOL_TIMEOUT '-5'"],
    [{ SESSION_PROVIDER: "bogus" }, "Invalid SESSION_PROVIDER 'bogus': expected 'memory' or 'redis'"],
    [{ MCP_STATELESS: "maybe" }, "Invalid MCP_STATELESS 'maybe': expected 1/true or 0/false"],
  ])("rejects the environment %j with a message that names the variable", (env, message) => {
    expect(usageErrorOf(() => resolveRunOptions([], env)).message).toContain(message);
  });

  it("accepts --transport=http, --transport http and --transport=stdio (the original's generated server uses them)", () => {
    expect(resolveRunOptions(["--transport=http"], {}).transport).toBe("http");
    expect(resolveRunOptions(["--transport", "http"], {}).transport).toBe("http");
    expect(resolveRunOptions(["--transport=stdio"], { PORT: "9001" }).transport).toBe("stdio");
    expect(resolveRunOptions(["--transport", "Streamable-HTTP"], {}).transport).toBe("http");
  });

  it("serves HTTP when run({ host, port }) is given in code, as the original's run(host=..., port=...) does", () => {
    expect(resolveRunOptions([], {}, { host: "0.0.0.0", port: 8000 })).toMatchObject({ transport: "http", host: "0.0.0.0", port: 8000 });
    expect(resolveRunOptions([], {}, { port: 8123 }).transport).toBe("http");
    expect(resolveRunOptions([], {}, { host: "0.0.0.0" }).transport).toBe("http");
    expect(resolveRunOptions(["--stdio"], {}, { port: 8000 }).transport).toBe("stdio");
    expect(resolveRunOptions([], { MCP_TRANSPORT: "stdio" }, { port: 8000 }).transport).toBe("stdio");
    expect(resolveRunOptions([], {}, { transport: "stdio", port: 8000 }).transport).toBe("stdio");
  });

  it("serves HTTP on --host alone, as the original's scaffold does", () => {
    expect(resolveRunOptions(["--host", "0.0.0.0"], {})).toMatchObject({ transport: "http", host: "0.0.0.0" });
  });

  it("leaves unknown flags and positionals after ours to the program", () => {
    expect(resolveRunOptions(["--port", "0", "--verbose", "--db", "x.sqlite", "input.txt"], {})).toMatchObject({
      transport: "http",
      port: 0,
      programArguments: ["--verbose", "--db", "x.sqlite", "input.txt"],
    });
    expect(resolveRunOptions(["--name=demo", "--http"], {})).toMatchObject({ transport: "http", programArguments: ["--name=demo"] });
  });

  it("leaves everything after -- to the program, even flags of ours", () => {
    expect(resolveRunOptions(["--http", "--", "--port", "1", "--prot"], {})).toMatchObject({
      transport: "http",
      port: 8000,
      programArguments: ["--port", "1", "--prot"],
    });
  });

  it("turns sessions off with --stateless, MCP_STATELESS=1 or run({ stateless: true })", () => {
    expect(resolveRunOptions(["--stateless", "--http"], {}).stateless).toBe(true);
    expect(resolveRunOptions([], { MCP_STATELESS: "1" }).stateless).toBe(true);
    expect(resolveRunOptions([], {}, { stateless: true }).stateless).toBe(true);
    expect(resolveRunOptions([], { MCP_STATELESS: "false" }, { stateless: true }).stateless).toBe(false);
  });
});
