/**
 * `run()` with SESSION_PROVIDER=redis against the Redis at 127.0.0.1:6379: sessions outlive a
 * restart of the server process, and memory (the default) does not pretend they do.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ChukMCPServer } from "../src/chuk-mcp-server.js";
import { createLogger } from "../src/logger.js";
import type { RunningServer } from "../src/transports.js";
import { openSession, post, rpc } from "./http-client.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

function namespace(): Record<string, string> {
  return { ENVIRONMENT: "chuk-mcp-test", DEPLOYMENT_ID: `run-${randomUUID()}` };
}

function newServer(): ChukMCPServer {
  const mcp = new ChukMCPServer({ name: "restartable", version: "1.0.0" });
  mcp.tool({ name: "echo_session", handler: (_arguments, context) => `session ${context.sessionId ?? "none"}` });
  return mcp;
}

async function start(env: Record<string, string>): Promise<RunningServer> {
  const server = await newServer().run({ argv: ["--port", "0"], env, exitOnError: false });
  running.push(server);
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  running.splice(running.indexOf(server), 1);
  await server.close();
}

describe("run() with SESSION_PROVIDER=redis", () => {
  it("serves a session created before a restart after it, until the client ends it", async () => {
    const env = { SESSION_PROVIDER: "redis", REDIS_URL, ...namespace() };
    const first = await start(env);
    const session = await openSession(first.url as string);
    const before = await post(first.url as string, rpc(1, "tools/call", { name: "echo_session", arguments: {} }), session);
    expect(before.json?.result.content[0].text).toBe(`session ${session["mcp-session-id"]}`);
    await stop(first);

    const second = await start(env);
    expect(second.port).not.toBe(first.port);
    const after = await post(second.url as string, rpc(2, "tools/call", { name: "echo_session", arguments: {} }), session);
    expect(after.status).toBe(200);
    expect(after.json?.result.content[0].text).toBe(`session ${session["mcp-session-id"]}`);

    const unknown = await post(second.url as string, rpc(3, "ping"), { ...session, "mcp-session-id": randomUUID() });
    expect(unknown.status).toBe(404);

    const ended = await fetch(second.url as string, { method: "DELETE", headers: session, signal: AbortSignal.timeout(5_000) });
    expect(ended.status).toBeLessThan(300);
    await stop(second);
    const third = await start(env);
    expect((await post(third.url as string, rpc(4, "ping"), session)).status).toBe(404);
  });

  it("keeps sessions apart per DEPLOYMENT_ID namespace", async () => {
    const first = await start({ SESSION_PROVIDER: "redis", REDIS_URL, ...namespace() });
    const session = await openSession(first.url as string);
    await stop(first);
    const other = await start({ SESSION_PROVIDER: "redis", REDIS_URL, ...namespace() });
    expect((await post(other.url as string, rpc(1, "ping"), session)).status).toBe(404);
  });

  it("loses sessions on restart with the default memory provider, even when REDIS_URL is set", async () => {
    const env = { REDIS_URL, ...namespace() };
    const first = await start(env);
    const session = await openSession(first.url as string);
    await stop(first);
    const second = await start(env);
    expect((await post(second.url as string, rpc(1, "ping"), session)).status).toBe(404);
  });

  it("starts while Redis is unreachable, warns once, and answers session requests 503", async () => {
    const logged: string[] = [];
    const logger = createLogger({ level: "warning", stream: { write: (text: string) => logged.push(text) } });
    const server = await newServer().run({
      argv: ["--port", "0"],
      env: { SESSION_PROVIDER: "redis", REDIS_URL: "redis://127.0.0.1:1", ...namespace() },
      logger,
      exitOnError: false,
    });
    running.push(server);
    expect(logged.join("")).toContain("Redis at redis://127.0.0.1:1 cannot be reached yet");
    const init = await post(server.url as string, rpc("init", "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } }));
    expect(init.status).toBe(503);
    expect(init.headers.get("mcp-session-id")).toBeNull();
    expect(init.json?.error.message).toMatch(/session store/i);
  });

  it("rejects a malformed REDIS_URL with a UsageError before listening", async () => {
    await expect(
      newServer().run({ argv: ["--port", "0"], env: { SESSION_PROVIDER: "redis", REDIS_URL: "http://127.0.0.1:6379" }, exitOnError: false }),
    ).rejects.toMatchObject({ name: "UsageError", message: expect.stringContaining("Invalid REDIS_URL") });
  });
});
