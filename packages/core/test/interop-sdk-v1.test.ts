import { describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { McpError as SdkMcpError } from "@modelcontextprotocol/sdk/types.js";
import { McpServer, requiresAuth, Type, type AuthInfo, type ServerSession } from "../src/index.js";

/** An in-process transport: the official client on one side, server.handle on the other. */
class EngineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private readonly session: ServerSession;

  constructor(
    private readonly server: McpServer,
    private readonly auth?: AuthInfo,
  ) {
    this.session = server.createSession({ send: (message) => queueMicrotask(() => this.onmessage?.(message as JSONRPCMessage)) });
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    void this.server.handle(message, this.auth === undefined ? { session: this.session } : { session: this.session, auth: this.auth }).then((reply) => {
      if (reply !== undefined) this.onmessage?.(reply as JSONRPCMessage);
    });
  }

  async close(): Promise<void> {
    this.session.close();
    this.onclose?.();
  }
}

describe("interop with @modelcontextprotocol/sdk v1 Client", () => {
  it("initializes, lists, calls, reads, gets prompts and answers elicitation", async () => {
    const server = new McpServer({ name: "interop", version: "1.0.0" });
    server.tool({
      name: "add",
      input: Type.Object({ a: Type.Number(), b: Type.Number() }),
      output: Type.Object({ sum: Type.Number() }),
      handler: ({ a, b }) => ({ sum: a + b }),
    });
    server.tool({
      name: "ask",
      handler: async (_args, ctx) => {
        const answer = await ctx.elicit({ message: "Name?", requestedSchema: { type: "object", properties: { name: { type: "string" } } } });
        return `hello ${String(answer.content?.name)}`;
      },
    });
    server.resource({ uri: "test://static-text", name: "static", mimeType: "text/plain", read: () => "text" });
    server.prompt({ name: "simple", get: () => "a prompt" });

    const client = new Client({ name: "sdk-client", version: "1.0.0" }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: "accept", content: { name: "Ada" } }));
    await client.connect(new EngineTransport(server));
    expect(client.getServerVersion()).toEqual({ name: "interop", version: "1.0.0" });

    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toEqual(["add", "ask"]);
    const sum = await client.callTool({ name: "add", arguments: { a: 2, b: 5 } });
    expect(sum.structuredContent).toEqual({ sum: 7 });
    const bad = await client.callTool({ name: "add", arguments: { a: "x", b: 5 } });
    expect(bad.isError).toBe(true);
    const asked = await client.callTool({ name: "ask", arguments: {} });
    expect(asked.content).toEqual([{ type: "text", text: "hello Ada" }]);
    const read = await client.readResource({ uri: "test://static-text" });
    expect(read.contents).toEqual([{ uri: "test://static-text", mimeType: "text/plain", text: "text" }]);
    const prompt = await client.getPrompt({ name: "simple" });
    expect(prompt.messages[0]?.content).toEqual({ type: "text", text: "a prompt" });
    await client.ping();
    await client.close();
  }, 10_000);

  it("hides a scoped tool from the SDK client and refuses its call with -32003 until the token has the scope", async () => {
    const server = new McpServer({ name: "interop-auth", version: "1.0.0" });
    server.tool({ name: "open", handler: () => "open" });
    server.tool({ name: "admin", ...requiresAuth({ scopes: ["admin"] }), handler: (_args, ctx) => `hi ${ctx.userId ?? "?"}` });

    const anonymous = new Client({ name: "sdk-client", version: "1.0.0" });
    await anonymous.connect(new EngineTransport(server));
    expect((await anonymous.listTools()).tools.map((tool) => tool.name)).toEqual(["open"]);
    const refused = await anonymous.callTool({ name: "admin", arguments: {} }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SdkMcpError);
    expect(refused).toMatchObject({ code: -32003, data: { requiredScopes: ["admin"], missingScopes: ["admin"] } });
    await anonymous.close();

    const signedIn = new Client({ name: "sdk-client", version: "1.0.0" });
    await signedIn.connect(new EngineTransport(server, { subject: "ada", scopes: ["admin"] }));
    expect((await signedIn.listTools()).tools.map((tool) => tool.name)).toEqual(["open", "admin"]);
    expect((await signedIn.callTool({ name: "admin", arguments: {} })).content).toEqual([{ type: "text", text: "hi ada" }]);
    await signedIn.close();
  }, 10_000);
});
