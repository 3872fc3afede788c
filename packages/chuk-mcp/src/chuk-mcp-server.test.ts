import { createServer, type AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { INITIALIZE, INITIALIZED, JsonLines, line } from "../test/json-lines.js";
import { ChukMCPServer } from "./chuk-mcp-server.js";
import { Type } from "@chuk-mcp/core";
import type { RunningServer } from "./transports.js";
import { createLogger } from "./logger.js";
import { UsageError } from "./usage-error.js";

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

function streams() {
  return { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
}

describe("ChukMCPServer", () => {
  it("is a core McpServer named after the nearest package.json when no name is given", () => {
    const server = new ChukMCPServer();
    // Under vitest the entry script is vitest's, so the working directory (this package) decides.
    expect(server.info).toMatchObject({ name: "chuk-mcp", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(new ChukMCPServer({ name: "demo", version: "2.0.0" }).info).toMatchObject({ name: "demo", version: "2.0.0" });
  });

  it("run() serves registered tools over stdio", async () => {
    const mcp = new ChukMCPServer({ name: "demo", version: "1.0.0" });
    mcp.tool({
      name: "greet",
      input: Type.Object({ name: Type.String() }),
      handler: ({ name }) => `Hi ${name}`,
    });
    const io = streams();
    const output = new JsonLines(io.stdout);
    const server = await mcp.run({ argv: [], env: {}, stdio: io });
    running.push(server);
    expect(server.transport).toBe("stdio");
    io.stdin.write(INITIALIZE + INITIALIZED);
    expect(await output.reply("init")).toMatchObject({ result: { serverInfo: { name: "demo" } } });
    io.stdin.write(line({ id: 1, method: "tools/call", params: { name: "greet", arguments: { name: "Ada" } } }));
    expect(await output.reply(1)).toMatchObject({ result: { content: [{ type: "text", text: "Hi Ada" }] } });
  });

  it("at debug level logs each stdio message and its duration to the logger, never to stdout", async () => {
    const mcp = new ChukMCPServer();
    const io = streams();
    const output = new JsonLines(io.stdout);
    const logged: string[] = [];
    const logger = createLogger({ level: "debug", stream: { write: (text: string) => logged.push(text) } });
    running.push(await mcp.run({ argv: [], env: {}, stdio: io, logger }));
    io.stdin.write(INITIALIZE + line({ id: 5, method: "ping" }));
    await output.reply(5);
    expect(logged.join("")).toMatch(/DEBUG <- ping #5\n/);
    expect(logged.join("")).toMatch(/DEBUG -> ping #5 \(\d+\.\d ms\)/);
    expect(output.messages.every((message) => message.jsonrpc === "2.0")).toBe(true);
  });

  it("run() twice returns the same running server", async () => {
    const mcp = new ChukMCPServer();
    const io = streams();
    const first = mcp.run({ argv: [], env: {}, stdio: io });
    const second = mcp.run({ argv: ["--http"], env: {}, stdio: io });
    expect(second).toBe(first);
    running.push(await first);
  });

  it("run() answers --help with the run options (a UsageError when exitOnError is false)", async () => {
    const mcp = new ChukMCPServer();
    await expect(mcp.run({ argv: ["--help"], env: {}, exitOnError: false })).rejects.toThrow(/--port <n>/);
  });

  it("run() rejects a bad flag with a UsageError when exitOnError is false", async () => {
    const mcp = new ChukMCPServer();
    await expect(mcp.run({ argv: ["--port", "abc"], env: {}, exitOnError: false })).rejects.toBeInstanceOf(UsageError);
    // A failed start is not cached: the next run() with good options starts the server.
    const io = streams();
    const server = await mcp.run({ argv: [], env: {}, stdio: io });
    running.push(server);
    expect(server.transport).toBe("stdio");
  });

  it("run() serves Streamable HTTP on --port 0 and close() stops it", async () => {
    const mcp = new ChukMCPServer({ name: "http-demo", version: "1.0.0" });
    const server = await mcp.run({ argv: ["--port", "0"], env: {} });
    expect(server.transport).toBe("http");
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/mcp`);
    const response = await fetch(server.url as string, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: INITIALIZE,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('"serverInfo":{"name":"http-demo"');
    await server.close();
    await server.closed;
    await expect(fetch(server.url as string, { method: "POST", body: "{}" })).rejects.toThrow();
  });

  it("run() explains a port that is already in use", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const mcp = new ChukMCPServer();
      await expect(mcp.run({ argv: ["--port", String(port)], env: {}, exitOnError: false })).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use; pass --port <n>`,
      );
    } finally {
      blocker.close();
    }
  });

  it("closed resolves when stdin ends", async () => {
    const mcp = new ChukMCPServer();
    const io = streams();
    const server = await mcp.run({ argv: [], env: {}, stdio: io });
    io.stdin.end();
    await server.closed;
  });
});
