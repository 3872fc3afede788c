import { Client, StreamableHTTPClientTransport, type Transport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer } from "./http-server.js";

const interopStdio = fileURLToPath(new URL("../dist/stdio-server.js", import.meta.url));

interface Era {
  readonly label: string;
  /** `undefined`: the v2 client's default, the plain 2025 `initialize` handshake. */
  readonly versionNegotiation?: { mode: { pin: "2026-07-28" } };
  readonly protocolVersion: string;
  readonly protocolEra: "legacy" | "modern";
}

const ERAS: readonly Era[] = [
  { label: "2025-11-25 (initialize + session)", protocolVersion: "2025-11-25", protocolEra: "legacy" },
  {
    label: "2026-07-28 (stateless, pinned)",
    versionNegotiation: { mode: { pin: "2026-07-28" } },
    protocolVersion: "2026-07-28",
    protocolEra: "modern",
  },
];

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/** A v2 client that answers elicitation with `quantity: 7` (2025: a request; 2026: input_required). */
async function connect(transport: Transport, era: Era): Promise<Client> {
  const client = new Client(
    { name: "interop-v2", version: "1.0.0" },
    { capabilities: { elicitation: { form: {} } }, ...(era.versionNegotiation === undefined ? {} : { versionNegotiation: era.versionNegotiation }) },
  );
  client.setRequestHandler("elicitation/create", async (request) => {
    expect(request.params.message).toContain("How many");
    return { action: "accept", content: { quantity: 7 } };
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

function checks(era: Era, transport: () => Transport): void {
  it("negotiates the era's protocol version", async () => {
    const client = await connect(transport(), era);
    expect(client.getNegotiatedProtocolVersion()).toBe(era.protocolVersion);
    expect(client.getProtocolEra()).toBe(era.protocolEra);
  });

  it("lists and calls tools", async () => {
    const client = await connect(transport(), era);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["add", "confirm_order", "count_with_progress", "echo"]));
    expect(await client.callTool({ name: "add", arguments: { a: 1.5, b: 2 } })).toMatchObject({ structuredContent: { sum: 3.5 } });
    expect(await client.callTool({ name: "echo", arguments: { text: "héllo" } })).toMatchObject({ content: [{ type: "text", text: "héllo" }] });
  });

  it("reads a resource and gets a prompt", async () => {
    const client = await connect(transport(), era);
    expect(await client.readResource({ uri: "interop://readme" })).toMatchObject({ contents: [{ text: "chuk-mcp interop server" }] });
    expect(await client.getPrompt({ name: "greet", arguments: { name: "Grace" } })).toMatchObject({
      messages: [{ role: "user", content: { type: "text", text: "Please greet Grace warmly." } }],
    });
  });

  it("receives progress notifications", async () => {
    const client = await connect(transport(), era);
    const seen: number[] = [];
    const result = await client.callTool({ name: "count_with_progress", arguments: { steps: 3 } }, { onprogress: (progress) => seen.push(progress.progress) });
    expect(result).toMatchObject({ content: [{ type: "text", text: "counted to 3" }] });
    expect(seen).toEqual([1, 2, 3]);
  });

  it("rejects reading an unknown resource with a resource-not-found error naming the URI", async () => {
    const client = await connect(transport(), era);
    const failure = await client.readResource({ uri: "interop://missing" }).then(
      () => undefined,
      (error: unknown) => error as { code?: number; message?: string },
    );
    // The server sends -32002 in the 2025 era and -32602 in 2026; the v2 client surfaces both
    // as -32602 (InvalidParams). The 2025 wire code is checked with the v1 client.
    expect(failure?.code).toBe(-32602);
    expect(failure?.message).toContain("interop://missing");
  });

  it("reports invalid tool arguments as a tool error result", async () => {
    const client = await connect(transport(), era);
    const result = await client.callTool({ name: "add", arguments: { a: 1 } });
    expect(result.isError).toBe(true);
  });

  it("completes an elicitation round trip", async () => {
    const client = await connect(transport(), era);
    expect(await client.callTool({ name: "confirm_order", arguments: { item: "plums" } })).toMatchObject({
      content: [{ type: "text", text: "ordered 7 × plums" }],
    });
  });
}

describe("official SDK v2 Client over Streamable HTTP", () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(async () => {
    await server.close();
  });
  for (const era of ERAS) {
    describe(era.label, () => checks(era, () => new StreamableHTTPClientTransport(server.url)));
  }
});

describe("official SDK v2 Client over stdio", () => {
  for (const era of ERAS) {
    describe(era.label, () =>
      checks(era, () => new StdioClientTransport({ command: process.execPath, args: [interopStdio], stderr: "pipe", env: { PATH: process.env.PATH ?? "" } })),
    );
  }
});
