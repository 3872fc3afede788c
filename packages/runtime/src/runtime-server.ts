/**
 * The server every part of the runtime registers on. It is a `ChukMCPServer`, installed as
 * chuk-mcp's process-wide default server while the runtime runs, so a tool module's
 * top-level `tool()` / `resource()` / `prompt()` calls land here. A module that also calls
 * `run()` (as `chuk-mcp run` allows) gets the runtime's transport instead of a second one.
 */
import { ChukMCPServer, type ChukMCPServerOptions, type RunningServer, type ServerRunOptions } from "chuk-mcp";

const DEFAULT_SERVER = Symbol.for("chuk-mcp.default-server");
type GlobalWithServer = typeof globalThis & { [DEFAULT_SERVER]?: unknown };

/** A `ChukMCPServer` whose `run()` defers to the runtime. */
export class RuntimeServer extends ChukMCPServer {
  #running: RunningServer;
  #resolveClosed!: () => void;
  #close: () => Promise<void> = async () => undefined;

  constructor(options: ChukMCPServerOptions, transport: "stdio" | "http") {
    super(options);
    const closed = new Promise<void>((resolve) => (this.#resolveClosed = resolve));
    this.#running = { transport, closed, close: () => this.#close() };
  }

  /** Modules may call `run()`; the runtime already serves this server, so it only reports that. */
  override run(_options?: ServerRunOptions): Promise<RunningServer> {
    return Promise.resolve(this.#running);
  }

  /** Wires `run()`'s handle to the runtime's real lifecycle. */
  attach(close: () => Promise<void>): void {
    this.#close = close;
  }

  /** Marks the runtime stopped (resolves `run().closed`). */
  markClosed(): void {
    this.#resolveClosed();
  }
}

/** Makes `server` chuk-mcp's default server; returns a function restoring the previous one. */
export function installAsDefaultServer(server: ChukMCPServer): () => void {
  const global = globalThis as GlobalWithServer;
  const previous = global[DEFAULT_SERVER];
  global[DEFAULT_SERVER] = server;
  return () => {
    if (global[DEFAULT_SERVER] !== server) return;
    if (previous === undefined) delete global[DEFAULT_SERVER];
    else global[DEFAULT_SERVER] = previous;
  };
}

/** One definition a module registered, kept so it can be removed or put back on reload. */
export interface CapturedDefinition {
  kind: "tool" | "resource" | "resourceTemplate" | "prompt";
  definition: unknown;
  handle: { remove(): void };
}

const CAPTURED_KINDS = ["tool", "resource", "resourceTemplate", "prompt"] as const;

/**
 * Runs `load` while recording every tool, resource, template and prompt registered on
 * `server`, so a reloaded module's old definitions can be removed (which announces
 * list_changed) before its new version registers them again.
 */
export async function captureRegistrations(server: ChukMCPServer, load: () => Promise<unknown>): Promise<CapturedDefinition[]> {
  const captured: CapturedDefinition[] = [];
  const target = server as unknown as Record<string, unknown>;
  for (const kind of CAPTURED_KINDS) {
    const original = (server[kind] as (definition: unknown) => { remove(): void }).bind(server);
    target[kind] = (definition: unknown) => {
      const handle = original(definition);
      captured.push({ kind, definition, handle });
      return handle;
    };
  }
  try {
    await load();
    return captured;
  } catch (error) {
    for (const item of captured) item.handle.remove();
    throw error;
  } finally {
    for (const kind of CAPTURED_KINDS) delete target[kind];
  }
}

/** Registers captured definitions again (a reload that failed puts the previous ones back). */
export function registerAgain(server: ChukMCPServer, definitions: readonly CapturedDefinition[]): CapturedDefinition[] {
  return definitions.map((item) => ({ ...item, handle: (server[item.kind] as (definition: unknown) => { remove(): void }).call(server, item.definition) }));
}
