import { ChukMCPServer, type ChukMCPServerOptions, type ServerRunOptions } from "./chuk-mcp-server.js";
import type { RunningServer } from "./run-types.js";

// Shared through the global symbol registry so the CLI and a user module that resolved a
// different copy of this package still register with, and run, the same server.
const DEFAULT_SERVER = Symbol.for("chuk-mcp.default-server");
type GlobalWithServer = typeof globalThis & { [DEFAULT_SERVER]?: ChukMCPServer };

/**
 * The process-wide server that the top-level `tool`, `resource`, `resourceTemplate`,
 * `prompt` and `run` functions use. Created on first use; `options` only apply then.
 */
export function getDefaultServer(options?: ChukMCPServerOptions): ChukMCPServer {
  const global = globalThis as GlobalWithServer;
  global[DEFAULT_SERVER] ??= new ChukMCPServer(options);
  return global[DEFAULT_SERVER];
}

/** Forgets the default server (tests, or hot reload), closing its sessions. */
export async function resetDefaultServer(): Promise<void> {
  const global = globalThis as GlobalWithServer;
  const server = global[DEFAULT_SERVER];
  delete global[DEFAULT_SERVER];
  await server?.close();
}

/** Registers a tool on the default server. @see ChukMCPServer.tool */
export const tool: ChukMCPServer["tool"] = ((definition: never) => getDefaultServer().tool(definition)) as ChukMCPServer["tool"];

/** Registers a fixed-URI resource on the default server. @see ChukMCPServer.resource */
export const resource: ChukMCPServer["resource"] = (definition) => getDefaultServer().resource(definition);

/** Registers a resource template on the default server. @see ChukMCPServer.resourceTemplate */
export const resourceTemplate: ChukMCPServer["resourceTemplate"] = (definition) => getDefaultServer().resourceTemplate(definition);

/** Registers a prompt on the default server. @see ChukMCPServer.prompt */
export const prompt: ChukMCPServer["prompt"] = (definition) => getDefaultServer().prompt(definition);

/** Serves the default server: stdio by default, HTTP on `--http`/`--port`/`MCP_TRANSPORT=http`/`PORT`. */
export function run(options?: ServerRunOptions): Promise<RunningServer> {
  return getDefaultServer().run(options);
}
