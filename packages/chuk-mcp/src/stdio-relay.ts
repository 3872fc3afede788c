import type { Readable, Writable } from "node:stream";

/** The id the relay gives the `initialize` it replays to a restarted server (its reply is swallowed). */
const REPLAY_ID = "chuk-mcp-dev:replayed-initialize";

const LIST_CHANGED = ["notifications/tools/list_changed", "notifications/resources/list_changed", "notifications/prompts/list_changed"];

interface Message {
  id?: unknown;
  method?: unknown;
}

function parse(line: string): Message | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Message) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sits between an MCP client's stdio and the server process `chuk-mcp dev` restarts, so the
 * client never sees a restart as a disconnect: it replays the client's `initialize` and
 * `notifications/initialized` to each new server (swallowing the reply), answers requests the
 * old server never finished with an error saying to retry, and then tells the client the
 * tools, resources and prompts may have changed.
 */
export class StdioRelay {
  #initialize: string | undefined;
  #initialized: string | undefined;
  readonly #pending = new Map<string, unknown>();
  #server: Writable | undefined;
  #clientBuffer = "";

  constructor(private readonly client: { readonly stdout: Writable }) {}

  /** Feeds the client's stdin. */
  attachClient(stdin: Readable, onEnd: () => void): void {
    stdin.setEncoding("utf8");
    stdin.on("data", (chunk: string) => {
      this.#clientBuffer += chunk;
      let newline: number;
      while ((newline = this.#clientBuffer.indexOf("\n")) !== -1) {
        const line = this.#clientBuffer.slice(0, newline);
        this.#clientBuffer = this.#clientBuffer.slice(newline + 1);
        if (line.trim() !== "") this.#fromClient(line);
      }
    });
    stdin.on("end", onEnd);
  }

  /** Connects a (re)started server; `replay` after a restart re-initializes it for the client. */
  attachServer(stdin: Writable, stdout: Readable, replay: boolean): void {
    this.#server = stdin;
    stdin.on("error", () => undefined);
    let buffer = "";
    stdout.setEncoding("utf8");
    stdout.on("data", (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim() !== "") this.#fromServer(line);
      }
    });
    if (!replay || this.#initialize === undefined) return;
    const initialize = JSON.parse(this.#initialize) as Record<string, unknown>;
    stdin.write(`${JSON.stringify({ ...initialize, id: REPLAY_ID })}\n`);
    if (this.#initialized !== undefined) stdin.write(`${this.#initialized}\n`);
    for (const method of LIST_CHANGED) this.#toClient({ jsonrpc: "2.0", method });
  }

  /** The server went away: fail what it never answered, so the client does not wait forever. */
  serverGone(): void {
    this.#server = undefined;
    for (const id of this.#pending.values()) {
      this.#toClient({
        jsonrpc: "2.0",
        id,
        error: { code: -32603, message: "The server restarted (chuk-mcp dev) before answering this request; send it again." },
      });
    }
    this.#pending.clear();
  }

  /** Ends the server's stdin (the client went away). */
  endServer(): void {
    this.#server?.end();
  }

  #fromClient(line: string): void {
    const message = parse(line);
    if (message?.method === "initialize") this.#initialize = line;
    else if (message?.method === "notifications/initialized") this.#initialized = line;
    if (message !== undefined && typeof message.method === "string" && (typeof message.id === "string" || typeof message.id === "number")) {
      this.#pending.set(JSON.stringify(message.id), message.id);
    }
    this.#server?.write(`${line}\n`);
  }

  #fromServer(line: string): void {
    const message = parse(line);
    if (message !== undefined && message.method === undefined && message.id !== undefined) {
      if (message.id === REPLAY_ID) return;
      this.#pending.delete(JSON.stringify(message.id));
    }
    this.client.stdout.write(`${line}\n`);
  }

  #toClient(message: Record<string, unknown>): void {
    this.client.stdout.write(`${JSON.stringify(message)}\n`);
  }
}
