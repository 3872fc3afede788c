/**
 * The checks every serverless app runs against its local runtime with the official SDK
 * clients: v1 (`@modelcontextprotocol/sdk`, 2025-11-25) and v2 (`@modelcontextprotocol/client`,
 * both the 2025 handshake and the pinned 2026-07-28 stateless era). Registers vitest tests.
 */
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as TransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it } from "vitest";

/** Options of {@link describeExampleClients}. */
export interface ClientSuiteOptions {
  /** The MCP URL, known once the runtime is up (read lazily inside each test). */
  readonly url: () => string;
}

interface Session {
  listTools(): Promise<{ tools: Array<{ name: string }> }>;
  callTool(params: { name: string; arguments: Record<string, unknown> }, options?: { onprogress?: (progress: { progress: number }) => void }): Promise<unknown>;
  readResource(params: { uri: string }): Promise<unknown>;
  getPrompt(params: { name: string; arguments: Record<string, string> }): Promise<unknown>;
  listPrompts(): Promise<{ prompts: Array<{ name: string }> }>;
  listResources(): Promise<{ resources: Array<{ uri: string }> }>;
  close(): Promise<void>;
}

const EXPECTED_TOOLS = ["add", "calculate", "count_with_progress", "hello", "whoami"];

type Era = { readonly label: string; connect(url: string): Promise<{ session: Session; protocolVersion: string | undefined }> };

const ERAS: readonly Era[] = [
  {
    label: "SDK v1 client, 2025-11-25",
    async connect(url) {
      const client = new ClientV1({ name: "serverless-v1", version: "1.0.0" });
      await client.connect(new TransportV1(new URL(url)));
      // v1's callTool takes (params, resultSchema, options).
      const session = Object.assign(Object.create(client) as Session, {
        callTool: (params: { name: string; arguments: Record<string, unknown> }, options?: { onprogress?: (progress: { progress: number }) => void }) => client.callTool(params, undefined, options),
      });
      return { session, protocolVersion: client.getServerVersion() === undefined ? undefined : "2025-11-25" };
    },
  },
  {
    label: "SDK v2 client, 2025-11-25",
    async connect(url) {
      const client = new ClientV2({ name: "serverless-v2", version: "1.0.0" });
      await client.connect(new TransportV2(new URL(url)));
      return { session: client as unknown as Session, protocolVersion: client.getNegotiatedProtocolVersion() };
    },
  },
  {
    label: "SDK v2 client, 2026-07-28 stateless",
    async connect(url) {
      const client = new ClientV2({ name: "serverless-v2", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
      await client.connect(new TransportV2(new URL(url)));
      return { session: client as unknown as Session, protocolVersion: client.getNegotiatedProtocolVersion() };
    },
  },
];

/** Registers the example-server checks for each client and era. */
export function describeExampleClients(options: ClientSuiteOptions): void {
  const open: Session[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((session) => session.close().catch(() => undefined)));
  });

  for (const era of ERAS) {
    describe(era.label, () => {
      const connect = async (): Promise<{ session: Session; protocolVersion: string | undefined }> => {
        const connected = await era.connect(options.url());
        open.push(connected.session);
        return connected;
      };

      it("lists the shared example tools, resources and prompt", async () => {
        const { session, protocolVersion } = await connect();
        if (era.label.includes("2026")) expect(protocolVersion).toBe("2026-07-28");
        const { tools } = await session.listTools();
        expect(tools.map((tool) => tool.name).sort()).toEqual(EXPECTED_TOOLS);
        expect((await session.listResources()).resources.map((resource) => resource.uri)).toContain("example://about");
        expect((await session.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual(["explain_calculation"]);
      });

      it("calls add, calculate and whoami", async () => {
        const { session } = await connect();
        expect(await session.callTool({ name: "add", arguments: { a: 2, b: 40 } })).toMatchObject({ structuredContent: { sum: 42 } });
        expect(await session.callTool({ name: "calculate", arguments: { expression: "(1 + 2) * 3 ^ 2" } })).toMatchObject({ structuredContent: { result: 27 } });
        expect(await session.callTool({ name: "whoami", arguments: {} })).toMatchObject({ content: [{ type: "text", text: "anonymous" }] });
      });

      it("answers wrongly typed arguments with a tool error naming the field", async () => {
        const { session } = await connect();
        const result = await session.callTool({ name: "add", arguments: { a: "two", b: 1 } });
        expect(result).toMatchObject({ isError: true, content: [{ type: "text", text: 'Invalid arguments for tool "add": a: must be number' }] });
      });

      it("reads a resource template and gets the prompt", async () => {
        const { session } = await connect();
        expect(await session.readResource({ uri: "example://greeting/Ada" })).toMatchObject({ contents: [{ text: "Hello, Ada! Greetings from chuk-mcp." }] });
        const prompt = (await session.getPrompt({ name: "explain_calculation", arguments: { expression: "1 + 1" } })) as { messages: Array<{ content: { text: string } }> };
        expect(prompt.messages[0]?.content.text).toContain("1 + 1");
      });

      it("delivers progress notifications before the result", async () => {
        const { session } = await connect();
        const seen: number[] = [];
        const result = await session.callTool({ name: "count_with_progress", arguments: { steps: 3 } }, { onprogress: (progress) => seen.push(progress.progress) });
        expect(result).toMatchObject({ content: [{ type: "text", text: "counted to 3" }] });
        expect(seen).toEqual([1, 2, 3]);
      });
    });
  }
}
