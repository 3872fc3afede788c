import { McpServer, type AuthInfo } from "@chuk-mcp/core";
import { serve, type RunningServer } from "@chuk-mcp/http/node";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ArtifactStore, createArtifactDownloadRoute, registerArtifactTools, type ArtifactToolName, type ArtifactToolsOptions } from "../src/index.js";
import { ARTIFACT_TOOL_NAMES } from "../src/index.js";

/** Bearer tokens are user names; no token is an anonymous caller. */
export async function authenticate(input: { headers: Record<string, string | undefined> }) {
  const token = input.headers.authorization?.replace(/^Bearer /, "");
  const auth: AuthInfo = token ? { token, subject: token, scopes: [] } : { scopes: [] };
  return { ok: true as const, auth };
}

export interface Harness {
  running: RunningServer;
  store: ArtifactStore;
  connect(user?: string): Promise<Client>;
  close(): Promise<void>;
}

/** A real server on a free port with the artifact tools, the download route and authentication. */
export async function startHarness(
  store: ArtifactStore,
  options: Partial<ArtifactToolsOptions> & { enable?: readonly ArtifactToolName[] } = {},
): Promise<Harness> {
  const server = new McpServer({ name: "artifact-tools", version: "1.0.0" });
  registerArtifactTools(server, store, { enable: ARTIFACT_TOOL_NAMES, ...options });
  const running = await serve(server, { port: 0, authenticate, routes: [createArtifactDownloadRoute(store)] });
  const clients: Client[] = [];
  return {
    running,
    store,
    connect: async (user) => {
      const client = new Client({ name: "artifact-test", version: "1.0.0" });
      const headers: Record<string, string> = user === undefined ? {} : { authorization: `Bearer ${user}` };
      await client.connect(new StreamableHTTPClientTransport(new URL(running.url), { requestInit: { headers } }));
      clients.push(client);
      return client;
    },
    close: async () => {
      await Promise.all(clients.map((client) => client.close()));
      await running.close();
    },
  };
}

export interface ToolOutcome {
  isError: boolean;
  text: string;
  json: Record<string, any> | undefined;
  content: Array<Record<string, any>>;
}

export async function call(client: Client, name: string, args: Record<string, unknown> = {}, onprogress?: (progress: { progress: number; total?: number; message?: string }) => void): Promise<ToolOutcome> {
  const result = (await client.callTool({ name, arguments: args }, undefined, onprogress ? { onprogress } : undefined)) as {
    isError?: boolean;
    content: Array<Record<string, any>>;
  };
  const text = typeof result.content[0]?.text === "string" ? (result.content[0].text as string) : "";
  let json: Record<string, any> | undefined;
  if (!result.isError) {
    try {
      json = JSON.parse(text) as Record<string, any>;
    } catch {
      json = undefined;
    }
  }
  return { isError: result.isError === true, text, json, content: result.content };
}

/** A tool error with the artifact id blanked, to compare "not yours" with "missing". */
export function withoutId(text: string, id: string): string {
  return text.split(id).join("<id>");
}
