import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfig } from "./load-config.js";

const ORIGINAL = fileURLToPath(new URL("../../test/fixtures/original/", import.meta.url));
const ENV = { NODE: process.execPath, EVERYTHING: "/x/everything.js", FILESYSTEM: "/x/fs.js", FS_ROOT: "/tmp" };

async function issuesOf(text: string, env: Record<string, string | undefined> = {}): Promise<ConfigError> {
  try {
    await loadConfig({ file: "config.yaml", text, env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it.each(readdirSync(ORIGINAL).filter((name) => name.endsWith(".yaml")))("accepts the original's example %s", async (name) => {
    const env = name === "full-featured.yaml" ? { ...ENV, ARTIFACT_BUCKET: "b", AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s" } : ENV;
    const config = await loadConfig({ file: join(ORIGINAL, name), env });
    expect(config.file).toBe(join(ORIGINAL, name));
  });

  it("reads the reference configuration's keys into the resolved options", async () => {
    const config = await loadConfig({ file: join(ORIGINAL, "configuration-reference.yaml"), env: {} });
    expect(config).toMatchObject({
      name: "my-mcp-server",
      logLevel: "info",
      type: "stdio",
      auth: "bearer",
      sse: { host: "0.0.0.0", port: 8000, ssePath: "/sse", messagePath: "/messages/", healthPath: "/health" },
      http: { host: "127.0.0.1", port: 3000, mcpPath: "/mcp", jsonResponse: true, stateless: true },
      toolTimeoutMs: 60_000,
      sessions: { sandboxId: "my-app", ttlSeconds: 86_400, provider: "memory" },
      sessionTools: [],
      artifacts: { enabled: false, tools: [] },
      proxy: { enabled: false, namespace: "proxy", keepRootAliases: false, openaiCompatible: false, onlyOpenaiTools: false },
      upstreams: {},
      skippedUpstreams: ["time", "weather"],
      loggerLevels: { "chuk_mcp_runtime.proxy": "debug", "chuk_mcp_runtime.tools": "info" },
    });
    expect(config.modules).toEqual([
      { module: "my_tools.tools", searchDirectories: [join(ORIGINAL, "my_tools"), resolve(ORIGINAL), resolve(ORIGINAL)], path: ["mcp_servers", "my_tools", "tools", "module"] },
    ]);
  });

  it("merges the combined example's two mcp_servers blocks instead of dropping the first, with a warning naming both lines", async () => {
    const config = await loadConfig({ file: join(ORIGINAL, "combined_config.yaml"), env: ENV });
    expect(Object.keys(config.upstreams)).toEqual(["time", "echo"]);
    expect(config.modules.map((module) => module.module)).toEqual(["my_tools.tools"]);
    expect(config.warnings).toEqual([expect.stringMatching(/combined_config\.yaml:46: "mcp_servers" appears again \(first at line 31\)/)]);
    expect(config.sessionTools).toEqual(["get_current_session", "create_session"]);
    expect(config.artifacts.tools).toEqual(["write_file", "read_file", "list_session_files"]);
  });

  it("turns proxied servers into proxy upstreams, inferring the type and taking api_key from API_KEY", async () => {
    const config = await loadConfig({
      file: "c.yaml",
      text: `proxy: {enabled: true}\nmcp_servers:\n  a: {command: node, args: [x.js], cwd: sub, env: {T: "1"}, timeout: 5}\n  b: {url: "http://127.0.0.1:1/sse"}\n  c: {type: streamable-http, url: "http://127.0.0.1:1/mcp", api_key: k}\n  d: {enabled: false, command: nope}\n`,
      env: { API_KEY: "from-env" },
    });
    expect(config.upstreams).toEqual({
      a: { type: "stdio", command: "node", args: ["x.js"], env: { T: "1" }, cwd: resolve("sub"), callTimeoutMs: 5000 },
      b: { type: "sse", url: "http://127.0.0.1:1/sse", apiKey: "from-env" },
      c: { type: "http", url: "http://127.0.0.1:1/mcp", bearerToken: "k" },
    });
  });

  it("expands ${VAR} and ${VAR:-default}, and names the line of an unset variable", async () => {
    const config = await loadConfig({ file: "c.yaml", text: 'host:\n  name: "${NAME}-${SUFFIX:-x}"\n', env: { NAME: "svc" } });
    expect(config.name).toBe("svc-x");
    const error = await issuesOf('host:\n  name: "${MISSING_VAR}"\n');
    expect(error.message).toBe("config.yaml:2:3: host.name: environment variable MISSING_VAR is not set; export it or write ${MISSING_VAR:-default}");
  });

  it("applies command line > environment > file > defaults", async () => {
    const text = "server: {type: sse}\nsse: {port: 9000}\ntools: {timeout: 60}\nlogging: {level: ERROR}\n";
    const fileOnly = await loadConfig({ file: "c.yaml", text, env: {} });
    expect([fileOnly.type, fileOnly.sse.port, fileOnly.toolTimeoutMs, fileOnly.logLevel]).toEqual(["sse", 9000, 60_000, "error"]);
    const withEnv = await loadConfig({ file: "c.yaml", text, env: { MCP_TOOL_TIMEOUT: "120", CHUK_MCP_LOG_LEVEL: "DEBUG" } });
    expect([withEnv.toolTimeoutMs, withEnv.logLevel]).toEqual([120_000, "debug"]);
    const withCli = await loadConfig({ file: "c.yaml", text, env: { CHUK_MCP_LOG_LEVEL: "DEBUG" }, overrides: { port: 0, logLevel: "warning", type: "streamable-http" } });
    expect([withCli.type, withCli.sse.port, withCli.http.port, withCli.logLevel]).toEqual(["streamable-http", 0, 0, "warning"]);
    const defaults = await loadConfig({ env: {} });
    expect([defaults.type, defaults.toolTimeoutMs, defaults.logLevel, defaults.http.port, defaults.sse.port]).toEqual(["stdio", 60_000, "warning", 3000, 8000]);
  });

  it("reads the artifact and session settings from the original's environment variables", async () => {
    const config = await loadConfig({
      file: "/srv/c.yaml",
      text: "artifacts: {enabled: true, storage_provider: memory, bucket: b1, tools: {write_file: {enabled: true}}}\n",
      env: { ARTIFACT_STORAGE_PROVIDER: "filesystem", ARTIFACT_FS_ROOT: "/var/lib/a", ARTIFACT_SESSION_PROVIDER: "redis", SESSION_REDIS_URL: "redis://h:1/0" },
    });
    expect(config.artifacts.storage).toEqual({ provider: "filesystem", fsRoot: "/var/lib/a/b1" });
    expect(config.sessions.provider).toBe("redis");
    expect(config.env.REDIS_URL).toBe("redis://h:1/0");
  });

  it("reports an unknown key with its line and the key it probably meant", async () => {
    const error = await issuesOf("server:\n  type: stdio\nmcp_servers:\n  time:\n    comand: uvx\n");
    expect(error.code).toBe("config_invalid");
    expect(error.message).toBe('config.yaml:5:5: mcp_servers.time.comand: unknown key "comand" (did you mean "command"?)');
  });

  it("reports a wrong type and a bad choice with their lines, all at once", async () => {
    const error = await issuesOf("server:\n  type: websocket\nsse:\n  port: eight\n");
    expect(error.issues.map((issue) => [issue.line, issue.path])).toEqual([
      [2, "server.type"],
      [4, "sse.port"],
    ]);
    expect(error.message).toContain('server.type: must be one of "stdio", "sse", "streamable-http", got "websocket"');
    expect(error.message).toContain('sse.port: must be an integer, got "eight"');
  });

  it("reports a stdio server without a command, an HTTP server without a url, and a local server without a module", async () => {
    const error = await issuesOf("proxy: {enabled: true}\nmcp_servers:\n  time:\n    type: stdio\n    args: [x]\n  web:\n    type: sse\n  mine:\n    location: ./x\n");
    expect(error.message).toBe(
      [
        'config.yaml:3:3: mcp_servers.time: missing command: a stdio server needs command (and args), e.g. command: "node"',
        "config.yaml:6:3: mcp_servers.web: missing url: an sse or streamable-http server needs url",
        'config.yaml:8:3: mcp_servers.mine.tools: a local server needs tools.module (e.g. "my_tools.tools", or a path to a .ts/.js file)',
      ].join("\n"),
    );
  });

  it("refuses unknown built-in tool names and storage providers", async () => {
    const error = await issuesOf("session_tools:\n  tools:\n    get_session: {enabled: true}\nartifacts:\n  storage_provider: ibm_cos\n  tools:\n    write_files: {enabled: true}\n");
    expect(error.message).toContain('config.yaml:3:5: session_tools.tools.get_session: unknown tool "get_session"');
    expect(error.message).toContain('config.yaml:7:5: artifacts.tools.write_files: unknown tool "write_files" (did you mean "write_file"?)');
    expect(error.message).toContain("config.yaml:5:3: artifacts.storage_provider: unknown storage provider \"ibm_cos\"");
  });

  it("reports YAML syntax errors with their line", async () => {
    const error = await issuesOf("server:\n  type: [stdio\n");
    expect(error.code).toBe("config_syntax");
    expect(error.issues[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it("says a missing file is missing", async () => {
    await expect(loadConfig({ file: "/nonexistent/config.yaml" })).rejects.toMatchObject({ code: "config_not_found", message: expect.stringContaining("file not found") });
  });

  it("refuses an s3 storage provider without a bucket or keys only when artifacts are enabled", async () => {
    const error = await issuesOf("artifacts:\n  enabled: true\n  storage_provider: s3\n");
    expect(error.message).toContain("config.yaml:3:3: artifacts.storage_provider: the s3 provider needs ARTIFACT_BUCKET (or artifacts.bucket), AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY");
  });

  it("refuses bad environment values by name", async () => {
    const error = await issuesOf("tools: {timeout: 5}\n", { MCP_TOOL_TIMEOUT: "soon", SESSION_PROVIDER: "mongo" });
    expect(error.message).toContain('(environment): MCP_TOOL_TIMEOUT: must be a positive number of seconds, got "soon"');
    expect(error.message).toContain('(environment): SESSION_PROVIDER: unknown session provider "mongo"');
  });
});
