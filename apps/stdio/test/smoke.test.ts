import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

/** Talks newline-delimited JSON-RPC to the built app in a child process. */
class StdioPeer {
  readonly child = spawn(process.execPath, [entry], { stdio: "pipe", env: { PATH: process.env.PATH ?? "", PORT: "9" } });
  readonly exited = once(this.child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  #buffer = "";
  #nextId = 1;
  #pending = new Map<number, (message: Record<string, unknown>) => void>();
  stdoutNoise = "";

  constructor() {
    this.child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      this.#buffer += chunk;
      const lines = this.#buffer.split("\n");
      this.#buffer = lines.pop() ?? "";
      for (const text of lines) {
        const message = JSON.parse(text) as Record<string, unknown>;
        this.#pending.get(message.id as number)?.(message);
      }
    });
  }

  request(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no reply within 5 s`)), 5_000);
      this.#pending.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    return reply;
  }

  notify(method: string): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method })}\n`);
  }
}

let peer: StdioPeer;
beforeAll(async () => {
  peer = new StdioPeer();
  const reply = await peer.request("initialize", {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "smoke", version: "1.0.0" },
  });
  expect(reply).toMatchObject({ result: { serverInfo: { name: "chuk-mcp-examples" } } });
  peer.notify("notifications/initialized");
});
afterAll(() => {
  if (peer.child.exitCode === null) peer.child.kill("SIGKILL");
});

describe("apps/stdio (built, in a child process)", () => {
  it("lists hello, add and calculate", async () => {
    const reply = (await peer.request("tools/list")) as { result: { tools: Array<{ name: string }> } };
    expect(reply.result.tools.map((tool) => tool.name).sort()).toEqual(["add", "calculate", "hello"]);
  });

  it("calls hello, add and calculate", async () => {
    expect(await peer.request("tools/call", { name: "hello", arguments: { name: "Ada" } })).toMatchObject({
      result: { content: [{ type: "text", text: "Hello, Ada!" }] },
    });
    expect(await peer.request("tools/call", { name: "add", arguments: { a: 2, b: 3 } })).toMatchObject({
      result: { structuredContent: { sum: 5 } },
    });
    expect(await peer.request("tools/call", { name: "calculate", arguments: { expression: "-(2 + 3) * 2 ^ 3" } })).toMatchObject({
      result: { structuredContent: { result: -40 } },
    });
  });

  it("reports a bad expression and division by zero as tool errors, not crashes", async () => {
    const injection = (await peer.request("tools/call", { name: "calculate", arguments: { expression: "process.exit()" } })) as {
      result: { isError: boolean; content: Array<{ text: string }> };
    };
    expect(injection.result.isError).toBe(true);
    expect(injection.result.content[0]?.text).toContain("Unexpected 'p' at position 1");
    const divide = (await peer.request("tools/call", { name: "calculate", arguments: { expression: "1 / (2 - 2)" } })) as {
      result: { isError: boolean; content: Array<{ text: string }> };
    };
    expect(divide.result).toMatchObject({ isError: true });
    expect(divide.result.content[0]?.text).toContain("Division by zero");
    expect(peer.child.exitCode).toBeNull();
  });

  it("reports invalid tool arguments as a tool error naming the tool and the field", async () => {
    const reply = (await peer.request("tools/call", { name: "add", arguments: { a: "two", b: 3 } })) as {
      result: { isError: boolean; content: Array<{ text: string }> };
    };
    expect(reply.result.isError).toBe(true);
    expect(reply.result.content[0]?.text).toContain('"add"');
    expect(reply.result.content[0]?.text).toMatch(/\ba\b/);
  });

  it("answers an unknown tool with -32602", async () => {
    expect(await peer.request("tools/call", { name: "nope", arguments: {} })).toMatchObject({ error: { code: -32602 } });
  });

  it("reads the about resource and a templated greeting", async () => {
    expect(await peer.request("resources/read", { uri: "example://about" })).toMatchObject({
      result: { contents: [{ uri: "example://about", mimeType: "text/markdown" }] },
    });
    expect(await peer.request("resources/read", { uri: "example://greeting/Grace" })).toMatchObject({
      result: { contents: [{ text: "Hello, Grace! Greetings from chuk-mcp." }] },
    });
  });

  it("gets the explain_calculation prompt", async () => {
    const reply = (await peer.request("prompts/get", { name: "explain_calculation", arguments: { expression: "1 + 2 * 3" } })) as {
      result: { messages: Array<{ role: string; content: { text: string } }> };
    };
    expect(reply.result.messages[0]?.role).toBe("user");
    expect(reply.result.messages[0]?.content.text).toContain("1 + 2 * 3");
  });

  it("answers garbage with -32700 and stays up (PORT in the environment does not switch it to HTTP)", async () => {
    const answer = new Promise<string>((resolve) => peer.child.stdout.once("data", (chunk: string) => resolve(chunk)));
    peer.child.stdin.write("this is not json\n");
    expect(JSON.parse(await answer)).toMatchObject({ id: null, error: { code: -32700 } });
    expect(await peer.request("ping")).toMatchObject({ result: {} });
  });

  it("exits with code 0 when stdin closes", async () => {
    peer.child.stdin.end();
    const [code] = await peer.exited;
    expect(code).toBe(0);
  });
});
