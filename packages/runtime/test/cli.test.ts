/**
 * The original's YAML examples through the real CLI, with real upstreams (the reference
 * servers from npm), checked with the official SDK client.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, fixtureEnv, ORIGINAL, runCli, scratch, startCli, type ListeningRuntime } from "./helpers.js";

const SECRET = "a-test-secret-that-is-at-least-32-bytes-long";

function token(secret = SECRET, subject = "dev-user"): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(subject).setExpirationTime("1h").sign(new TextEncoder().encode(secret));
}

async function stdioClient(config: string, env: Record<string, string> = fixtureEnv()): Promise<Client> {
  const client = new Client({ name: "runtime-test", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, "--config", config], env, stderr: "pipe" }));
  return client;
}

function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((block) => block.text ?? "").join("");
}

const running: ListeningRuntime[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
  await Promise.all(running.splice(0).map((runtime) => runtime.stop()));
});

describe("chuk-mcp-server / chuk-mcp-runtime CLI", () => {
  it("serves the original's Hello World config as written: local TypeScript tools over stdio", async () => {
    const client = await stdioClient(join(ORIGINAL, "hello-world.yaml"));
    clients.push(client);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["greet", "get_current_time", "calculate_sum", "slow_tool"]);
    expect(textOf(await client.callTool({ name: "greet", arguments: { name: "Ada" } }))).toBe("Hello, Ada!");
    expect(JSON.parse(textOf(await client.callTool({ name: "calculate_sum", arguments: { a: 2, b: 3 } })))).toEqual({ operation: "addition", operands: [2, 3], result: 5 });
  });

  it("answers the original's stdio smoke test (tools/list on stdin, no initialize)", async () => {
    const result = await runCli(["--config", join(ORIGINAL, "hello-world.yaml")], fixtureEnv(), '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}\n');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ id: 1, result: { tools: expect.arrayContaining([expect.objectContaining({ name: "greet" })]) } });
  });

  it("imports tools.modules_to_import for their resources (the original's custom resources example)", async () => {
    const client = await stdioClient(join(ORIGINAL, "custom-resources.yaml"));
    clients.push(client);
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual(["config://database", "system://info", "docs://api/overview"]);
    const read = await client.readResource({ uri: "config://database" });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ database: "myapp_db" });
  });

  it("runs the complete example: a module named twice loads once, artifacts give artifact:// resources", async () => {
    const client = await stdioClient(join(ORIGINAL, "complete-example.yaml"));
    clients.push(client);
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(["save_document", "write_file"]);
    const written = await client.callTool({ name: "write_file", arguments: { filename: "analysis.md", content: "# Data Analysis", mime: "text/markdown", summary: "Q3 analysis report" } });
    expect(written.isError).toBeFalsy();
    const { resources } = await client.listResources();
    const artifact = resources.find((resource) => resource.uri.startsWith("artifact://"));
    expect(artifact).toMatchObject({ name: "analysis.md", mimeType: "text/markdown" });
    expect(resources.map((resource) => resource.uri)).toEqual(expect.arrayContaining(["config://app/settings", "status://health"]));
    const read = await client.readResource({ uri: artifact?.uri as string });
    expect(read.contents[0]).toMatchObject({ mimeType: "text/markdown", text: "# Data Analysis" });
  });

  it("runs the original's create-config example: host name, session tools and filesystem artifacts (ARTIFACT_FS_ROOT beats the file)", async () => {
    const root = scratch();
    const client = await stdioClient(join(ORIGINAL, "create-config.yaml"), fixtureEnv({ ARTIFACT_FS_ROOT: root }));
    clients.push(client);
    expect(client.getServerVersion()?.name).toBe("my-mcp-server");
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(["get_current_session", "set_session", "clear_session", "create_session", "write_file", "read_file", "upload_file", "list_session_files", "delete_file", "get_file_metadata", "greet"]));
    expect(names).not.toContain("list_sessions");
    expect(names).not.toContain("copy_file");
    const session = JSON.parse(textOf(await client.callTool({ name: "get_current_session", arguments: {} })));
    expect(session.sessionId).toMatch(/^stdio-/);
    expect((await client.callTool({ name: "write_file", arguments: { filename: "notes.txt", content: "kept on disk" } })).isError).toBeFalsy();
    const listed = textOf(await client.callTool({ name: "list_session_files", arguments: {} }));
    expect(listed).toContain("notes.txt");
    // bucket "my-artifacts" is a directory under the root.
    expect(readdirSync(join(root, "my-artifacts")).length).toBeGreaterThan(0);
  });

  it("keeps every built-in tool off with the reference configuration's enabled: false switches", async () => {
    const result = await runCli(["openai-tools", "--config", join(ORIGINAL, "configuration-reference.yaml")], fixtureEnv());
    expect(result.code).toBe(0);
    const names = (JSON.parse(result.stdout) as { function: { name: string } }[]).map((tool) => tool.function.name);
    expect(names).toEqual(["greet", "get_current_time", "calculate_sum", "slow_tool"]);
    expect(result.stderr).toContain("mcp_servers.time is a remote server but proxy.enabled is not true");
  });

  it("proxies the reference servers (proxy_config.yaml) over Streamable HTTP to the SDK client", async () => {
    const runtime = await startCli(["--config", join(ORIGINAL, "proxy_config.yaml"), "--type", "streamable-http", "--port", "0"]);
    running.push(runtime);
    const client = new Client({ name: "runtime-test", version: "1.0.0" });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(runtime.url)));
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(["proxy.time.echo", "proxy.time.get-sum", "proxy.weather.list_directory", "proxy.weather.read_text_file"]));
    expect(textOf(await client.callTool({ name: "proxy.time.echo", arguments: { message: "through the runtime" } }))).toContain("through the runtime");
    const health = await (await fetch(runtime.url.replace("/mcp", "/health"))).json();
    expect(health).toMatchObject({ status: "ok", upstreams: { time: { state: "ready" }, weather: { state: "ready" } } });
  });

  it("serves the original's curl in stateless mode: tools/list with id 1 and no initialize gets 200 and the list", async () => {
    const dir = scratch();
    const config = join(dir, "http_proxy.yaml");
    writeFileSync(config, readFileSync(join(ORIGINAL, "http_config.yaml"), "utf8") + "\n" + readFileSync(join(ORIGINAL, "proxy-only.yaml"), "utf8"));
    const runtime = await startCli(["--config", config, "--host", "127.0.0.1", "--port", "0"]);
    running.push(runtime);
    const response = await fetch(runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: number; result: { tools: { name: string }[] } };
    expect(body.id).toBe(1);
    expect(body.result.tools.map((tool) => tool.name)).toContain("proxy.time.echo");
    const call = await fetch(runtime.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "proxy.time.echo", arguments: { message: "hi" }, _meta: { progressToken: "curl-demo-1" } } }),
    });
    expect(call.status).toBe(200);
    expect(JSON.stringify(await call.json())).toContain("hi");
  });

  it("prints OpenAI function definitions for openai_config.yaml: only underscore names, all OpenAI-safe", async () => {
    const result = await runCli(["openai-tools", "--config", join(ORIGINAL, "openai_config.yaml")]);
    expect(result.code).toBe(0);
    const tools = JSON.parse(result.stdout) as { type: string; function: { name: string; parameters: { type: string } } }[];
    const names = tools.map((tool) => tool.function.name);
    expect(names).toEqual(expect.arrayContaining(["time_echo", "time_get-sum"]));
    expect(names.every((name) => /^[a-zA-Z0-9_-]{1,64}$/.test(name))).toBe(true);
    expect(tools.every((tool) => tool.type === "function" && tool.function.parameters.type === "object")).toBe(true);
  });

  it("serves the SSE transport section with bearer auth to the SDK v1 SSEClientTransport, refusing missing and forged tokens", async () => {
    const runtime = await startCli(["--config", join(ORIGINAL, "sse-bearer.yaml"), "--host", "127.0.0.1", "--port", "0"], fixtureEnv({ JWT_SECRET_KEY: SECRET }));
    running.push(runtime);
    expect(runtime.url).toMatch(/\/sse$/);
    expect((await fetch(runtime.url)).status).toBe(401);
    expect((await fetch(runtime.url, { headers: { authorization: `Bearer ${await token("another-secret-that-is-also-32-bytes-long")}` } })).status).toBe(401);
    const health = await fetch(runtime.url.replace("/sse", "/health"));
    expect(health.status).toBe(200);
    const jwt = await token();
    const client = new Client({ name: "sdk-v1-sse", version: "1.0.0" });
    clients.push(client);
    await client.connect(
      new SSEClientTransport(new URL(runtime.url), {
        requestInit: { headers: { authorization: `Bearer ${jwt}` } },
        eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${jwt}` } }) },
      }),
    );
    expect((await client.listTools()).tools).toEqual([]);
    expect(await client.ping()).toEqual({});
  });

  it("serves the Streamable HTTP section with bearer auth: 401 without a token or with a forged one, 200 with a valid one", async () => {
    const runtime = await startCli(["--config", join(ORIGINAL, "http-bearer.yaml"), "--port", "0"], fixtureEnv({ JWT_SECRET_KEY: SECRET }));
    running.push(runtime);
    const post = (authorization?: string) =>
      fetch(runtime.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
      });
    const missing = await post();
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect((await post(`Bearer ${await token("another-secret-that-is-also-32-bytes-long")}`)).status).toBe(401);
    expect((await post("Bearer not-a-jwt")).status).toBe(401);
    expect((await post(`Bearer ${await token()}`)).status).toBe(200);
  });

  it("refuses server.auth: bearer without JWT_SECRET_KEY with exit code 2, naming the key", async () => {
    const result = await runCli(["--config", join(ORIGINAL, "auth-excerpt.yaml"), "--port", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("auth-excerpt.yaml:4:3: server.auth: server.auth is bearer but JWT_SECRET_KEY is not set");
  });

  it("keeps serving when one upstream dies and another hangs at start-up, and reports both in /health", async () => {
    const dir = scratch();
    const config = join(dir, "faults.yaml");
    writeFileSync(
      config,
      [
        "server: {type: streamable-http}",
        'streamable-http: {host: "127.0.0.1", port: 0}',
        "proxy: {enabled: true, start_timeout: 4}",
        "mcp_servers:",
        '  good: {command: "${NODE}", args: ["${EVERYTHING}"]}',
        '  dead: {command: "${NODE}", args: ["-e", "process.exit(3)"]}',
        '  hung: {command: "${NODE}", args: ["-e", "setInterval(() => {}, 1000)"]}',
        '  missing: {command: "/no/such/binary-for-chuk-test"}',
      ].join("\n"),
    );
    const runtime = await startCli(["--config", config]);
    running.push(runtime);
    type Health = { status: string; upstreams: Record<string, { state: string; error?: string }> };
    const read = async (): Promise<Health> => (await (await fetch(runtime.url.replace("/mcp", "/health"))).json()) as Health;
    // On a loaded machine the good upstream may miss the start timeout too; it is retried in the background.
    await expect.poll(async () => (await read()).upstreams["good"]?.state, { timeout: 20_000, interval: 250 }).toBe("ready");
    const health = await read();
    expect(health.status).toBe("degraded");
    for (const name of ["dead", "hung", "missing"]) {
      expect(health.upstreams[name]?.state).not.toBe("ready");
      expect(health.upstreams[name]?.error).toEqual(expect.any(String));
    }
    expect(runtime.stderr()).toMatch(/Upstream "hung" did not start/);
    expect(runtime.stderr()).toMatch(/Upstream "missing" did not start/);
    const client = new Client({ name: "runtime-test", version: "1.0.0" });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(runtime.url)));
    expect(textOf(await client.callTool({ name: "proxy.good.echo", arguments: { message: "still here" } }))).toContain("still here");
  });

  it("exits 2 with the file, line and key for a bad config, and starts nothing", async () => {
    const dir = scratch();
    const config = join(dir, "bad.yaml");
    writeFileSync(config, 'server:\n  type: "stdio"\nproxy:\n  enabled: true\n  namepsace: x\nmcp_servers:\n  time:\n    type: stdio\n    args: ["x"]\n');
    const result = await runCli(["--config", config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${config}:5:3: proxy.namepsace: unknown key "namepsace" (did you mean "namespace"?)`);
    writeFileSync(config, 'proxy:\n  enabled: true\nmcp_servers:\n  time:\n    type: stdio\n    args: ["x"]\n');
    const missing = await runCli(["-c", config]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${config}:4:3: mcp_servers.time: missing command`);
  });

  it("exits 2 naming the config line of a module that is missing or throws while loading, before any upstream starts", async () => {
    const dir = scratch();
    const marker = join(dir, "started");
    writeFileSync(join(dir, "broken.ts"), 'import { tool } from "chuk-mcp";\nthrow new Error("boom at import");\n');
    const config = join(dir, "modules.yaml");
    const upstream = `  up: {command: "\${NODE}", args: ["-e", "require('fs').writeFileSync('${marker}', 'x')"]}\n`;
    writeFileSync(config, `proxy: {enabled: true}\nmcp_servers:\n${upstream}  mine:\n    location: "."\n    tools:\n      module: "nothere.tools"\n`);
    const missing = await runCli(["--config", config]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${config}:7:7: mcp_servers.mine.tools.module: module "nothere.tools" not found; looked for`);
    writeFileSync(config, `proxy: {enabled: true}\nmcp_servers:\n${upstream}  mine:\n    location: "."\n    tools:\n      module: "broken"\n`);
    const throwing = await runCli(["--config", config]);
    expect(throwing.code).toBe(2);
    expect(throwing.stderr).toMatch(/modules\.yaml:7:7: mcp_servers\.mine\.tools\.module: module "broken" \(.*broken\.ts\) failed to load: boom at import/);
    expect(existsSync(marker)).toBe(false);
  });

  it("times tools out after tools.timeout seconds, and MCP_TOOL_TIMEOUT overrides the file", async () => {
    const dir = scratch();
    const config = join(dir, "timeout.yaml");
    writeFileSync(config, `tools:\n  timeout: 0.5\nmcp_servers:\n  my_tools:\n    location: "${join(ORIGINAL, "my_tools")}"\n    tools:\n      module: "my_tools.tools"\n`);
    const strict = await stdioClient(config);
    clients.push(strict);
    const timedOut = await strict.callTool({ name: "slow_tool", arguments: { seconds: 1.5 } });
    expect(timedOut.isError).toBe(true);
    expect(textOf(timedOut)).toMatch(/timed out|timeout/i);
    const relaxed = await stdioClient(config, fixtureEnv({ MCP_TOOL_TIMEOUT: "5" }));
    clients.push(relaxed);
    const finished = await relaxed.callTool({ name: "slow_tool", arguments: { seconds: 1 } });
    expect(textOf(finished)).toBe("done");
  });

  it("stores artifacts in Redis with the storage_provider redis and reads them back", async () => {
    const dir = scratch();
    const config = join(dir, "redis.yaml");
    writeFileSync(config, "artifacts:\n  enabled: true\n  storage_provider: redis\n  tools:\n    write_file: {enabled: true}\n    read_file: {enabled: true}\n    delete_file: {enabled: true}\n");
    const deployment = `runtime-test-${process.pid}-${Date.now()}`;
    const client = await stdioClient(config, fixtureEnv({ REDIS_URL: "redis://127.0.0.1:6379", DEPLOYMENT_ID: deployment }));
    clients.push(client);
    const written = await client.callTool({ name: "write_file", arguments: { filename: "r.txt", content: "in redis" } });
    expect(written.isError).toBeFalsy();
    const id = /((?:ses|usr|sbx)_[A-Za-z0-9_-]+)/.exec(JSON.stringify(written))?.[1] as string;
    const read = await client.readResource({ uri: `artifact://${id}` });
    expect(read.contents[0]).toMatchObject({ text: "in redis" });
    expect((await client.callTool({ name: "delete_file", arguments: { artifact_id: id } })).isError).toBeFalsy();
  });

  it("keeps Streamable HTTP sessions in Redis with SESSION_PROVIDER=redis: a second instance serves the first one's session", async () => {
    const env = fixtureEnv({ SESSION_PROVIDER: "redis", REDIS_URL: "redis://127.0.0.1:6379", DEPLOYMENT_ID: `runtime-test-${process.pid}-${Date.now()}` });
    const config = join(ORIGINAL, "hello-world.yaml");
    const first = await startCli(["--config", config, "--type", "streamable-http", "--port", "0"], env);
    running.push(first);
    const second = await startCli(["--config", config, "--type", "streamable-http", "--port", "0"], env);
    running.push(second);
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const initialize = await fetch(first.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } }),
    });
    expect(initialize.status).toBe(200);
    const sessionId = initialize.headers.get("mcp-session-id") as string;
    expect(sessionId).toBeTruthy();
    const session = { ...headers, "mcp-session-id": sessionId, "mcp-protocol-version": "2025-06-18" };
    await fetch(first.url, { method: "POST", headers: session, body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) });
    const call = await fetch(second.url, { method: "POST", headers: session, body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "greet", arguments: { name: "Redis" } } }) });
    expect(call.status).toBe(200);
    expect(JSON.stringify(await call.json())).toContain("Hello, Redis!");
    await fetch(second.url, { method: "DELETE", headers: session });
  });

  it("prints help and the JSON Schema", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--config, -c FILE");
    const schema = await runCli(["schema"]);
    expect(JSON.parse(schema.stdout)).toMatchObject({ title: "chuk-mcp-runtime configuration" });
  });
});
