/**
 * The official v2 client (`@modelcontextprotocol/client`) in both protocol eras against the
 * proxy fronting server-everything over stdio: the 2025 session handshake and the stateless
 * 2026-07-28 era, where an upstream elicitation becomes an input_required round trip.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serve } from "@chuk-mcp/http/node";
import { createProxy, type McpProxy } from "../src/index.js";
import { EVERYTHING, firstText } from "./helpers.js";

const ERAS = [
  { label: "2025-11-25 era", negotiation: undefined, version: "2025-11-25" },
  { label: "2026-07-28 era", negotiation: { mode: { pin: "2026-07-28" as const } }, version: "2026-07-28" },
];

let proxy: McpProxy;
let running: Awaited<ReturnType<typeof serve>>;
const clients: Client[] = [];

beforeAll(async () => {
  proxy = createProxy({
    config: { healthCheckIntervalMs: 0, servers: { everything: { type: "stdio", command: process.execPath, args: [EVERYTHING, "stdio"] } } },
    logger: () => undefined,
  });
  await proxy.start();
  running = await serve(proxy.server, { port: 0, host: "127.0.0.1" });
}, 60_000);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
});

afterAll(async () => {
  await running?.close();
  await proxy?.close();
});

for (const era of ERAS) {
  describe(`official v2 client, ${era.label}`, () => {
    async function connect(elicited: unknown[] = []): Promise<Client> {
      const client = new Client(
        { name: "proxy-v2", version: "1.0.0" },
        { capabilities: { elicitation: { form: {} }, sampling: {} }, ...(era.negotiation === undefined ? {} : { versionNegotiation: era.negotiation }) },
      );
      client.setRequestHandler("elicitation/create", async (request) => {
        elicited.push(request.params);
        return { action: "accept", content: { name: "Grace", check: true, integer: 3, email: "grace@example.com" } };
      });
      client.setRequestHandler("sampling/createMessage", async () => ({
        role: "assistant",
        content: { type: "text", text: "sampled downstream" },
        model: "test-model",
      }));
      await client.connect(new StreamableHTTPClientTransport(new URL(running.url)));
      clients.push(client);
      return client;
    }

    it("negotiates the era's protocol version", async () => {
      const client = await connect();
      expect(client.getNegotiatedProtocolVersion()).toBe(era.version);
    });

    it("lists and calls proxied tools", async () => {
      const client = await connect();
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("proxy.everything.echo");
      expect(firstText(await client.callTool({ name: "proxy.everything.echo", arguments: { message: era.version } }))).toBe(`Echo: ${era.version}`);
    });

    it("reads a proxied resource and gets a proxied prompt", async () => {
      const client = await connect();
      const { resources } = await client.listResources();
      const first = resources.find((resource) => resource.uri.startsWith("everything+"));
      expect(first).toBeDefined();
      const read = await client.readResource({ uri: first!.uri });
      expect(read.contents[0]?.uri).toBe(first!.uri);
      const prompt = await client.getPrompt({ name: "proxy.everything.simple-prompt" });
      expect(prompt.messages.length).toBeGreaterThan(0);
    });

    it("relays progress from the upstream", async () => {
      const client = await connect();
      const seen: number[] = [];
      await client.callTool(
        { name: "proxy.everything.trigger-long-running-operation", arguments: { duration: 0.3, steps: 3 } },
        { onprogress: (progress) => seen.push(progress.progress), timeout: 15_000 },
      );
      expect(seen.length).toBeGreaterThanOrEqual(2);
    });

    it("relays an upstream elicitation to the client and the answer back", async () => {
      const elicited: unknown[] = [];
      const client = await connect(elicited);
      const result = await client.callTool({ name: "proxy.everything.trigger-elicitation-request", arguments: {} }, { timeout: 20_000 });
      expect(elicited.length).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(result.content)).toContain("Grace");
    });

    it("relays an upstream sampling request to the client", async () => {
      const client = await connect();
      const result = await client.callTool({ name: "proxy.everything.trigger-sampling-request", arguments: { prompt: "hi", maxTokens: 5 } }, { timeout: 20_000 });
      expect(JSON.stringify(result.content)).toContain("sampled downstream");
    });
  });
}
