/**
 * Hostile bytes on stdin, served by the real `@chuk-mcp/core` engine: invalid UTF-8, binary
 * garbage, a line past the default 16 MiB cap, prototype-named methods, and a flood while
 * nobody reads stdout. Every reply line must be JSON-RPC and the transport must stay bounded.
 */
import { PassThrough, Writable } from "node:stream";
import { McpServer, Type } from "@chuk-mcp/core";
import { afterEach, describe, expect, it } from "vitest";
import { serveStdio } from "../src/serve-stdio.js";
import type { StdioServer } from "../src/types.js";
import { collectLines, request, waitFor } from "./streams.js";

const running: StdioServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

function engine(): McpServer {
  const server = new McpServer({ name: "hostile-stdio", version: "1.0.0" });
  server.tool({ name: "add", input: Type.Object({ a: Type.Number(), b: Type.Number() }), handler: ({ a, b }) => String(a + b) });
  return server;
}

function start(options: { maxLineBytes?: number } = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const server = serveStdio(engine(), { stdin, stdout, stderr: new PassThrough(), ...options });
  running.push(server);
  return { stdin, server, output: collectLines(stdout) };
}

const initialize = request(0, "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } });

describe("stdio under hostile input", () => {
  it("answers invalid UTF-8 and binary garbage with -32700 (id null) per line and keeps serving", async () => {
    const { stdin, output } = start();
    stdin.write(initialize);
    stdin.write(Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a])); // invalid UTF-8 sequences
    stdin.write(Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":5,"method":"ping","params":{"x":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}}\n')]));
    stdin.write(Buffer.from([0x00, 0x01, 0x02, 0x7b, 0x7b, 0x0a])); // NUL, control bytes, "{{"
    stdin.write("\u0000\u0000\u0000\n");
    stdin.write(request(9, "tools/call", { name: "add", arguments: { a: 2, b: 3 } }));
    await waitFor(() => output.lines.length === 6);
    const [init, ...rest] = output.lines as { id: unknown; error?: { code: number }; result?: { content?: { text: string }[] } }[];
    expect(init?.id).toBe(0);
    // The lone surrogate decodes to U+FFFD inside a string: still valid JSON, so ping answers.
    expect(rest.map((line) => line.error?.code ?? "ok")).toEqual([-32700, "ok", -32700, -32700, "ok"]);
    expect(rest[0]?.id).toBeNull();
    expect(rest[4]?.result?.content?.[0]?.text).toBe("5");
  });

  it("answers every Object.prototype member used as a method with -32601", async () => {
    const { stdin, output } = start();
    stdin.write(initialize);
    const names = Object.getOwnPropertyNames(Object.prototype);
    names.forEach((name, index) => stdin.write(request(index + 1, name)));
    await waitFor(() => output.lines.length === names.length + 1);
    for (const line of output.lines.slice(1) as { error?: { code: number } }[]) expect(line.error?.code).toBe(-32601);
  });

  it("refuses a line past the default 16 MiB cap with -32600, without holding it, and serves the next line", async () => {
    const { stdin, output } = start();
    const chunk = "x".repeat(1024 * 1024);
    const before = process.memoryUsage();
    stdin.write('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"');
    for (let index = 0; index < 20; index++) {
      if (!stdin.write(chunk)) await new Promise((resolve) => stdin.once("drain", resolve));
    }
    stdin.write('"}}\n');
    stdin.write(request(2, "ping"));
    await waitFor(() => output.lines.length === 2, 15_000);
    const after = process.memoryUsage();
    expect(output.lines[0]).toMatchObject({ id: null, error: { code: -32600 } });
    expect(output.lines[1]).toMatchObject({ id: 2 });
    // 20 MiB went through; the transport kept at most about its cap of it.
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(64 * 1024 * 1024);
  });

  it("stays bounded when a client floods requests and never reads stdout", async () => {
    const stdin = new PassThrough();
    let written = 0;
    // A stdout that accepts 64 KiB and then never drains: the client stopped reading.
    const stdout = new Writable({ highWaterMark: 64 * 1024, write: (chunk: Buffer, _encoding, callback) => { written += chunk.length; if (written < 64 * 1024) callback(); } });
    const mcp = engine();
    const server = serveStdio(mcp, { stdin, stdout, stderr: new PassThrough(), shutdownTimeoutMs: 100 });
    running.push(server);
    const line = request(1, "tools/call", { name: "add", arguments: { a: 1, b: 2 } });
    const before = process.memoryUsage().heapUsed;
    let accepted = 0;
    void (async () => {
      for (; accepted < 50_000; accepted++) {
        // Like a pipe, input arrives over many turns of the event loop, not in one synchronous burst.
        if (accepted % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
        if (!stdin.write(line)) await new Promise((resolve) => stdin.once("drain", resolve));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Input stopped being pulled: the flood waits in the client's pipe, not in the server.
    expect(stdin.isPaused()).toBe(true);
    expect(stdin.readableLength).toBeLessThan(4 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    expect(written).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(50_000);
  });
});
