import type { Readable } from "node:stream";

/** Reads newline-delimited JSON from a stream and lets a test await a reply by id. */
export class JsonLines {
  readonly messages: Array<Record<string, unknown>> = [];
  #buffer = "";

  constructor(stream: Readable) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      this.#buffer += chunk;
      let newline = this.#buffer.indexOf("\n");
      while (newline !== -1) {
        this.messages.push(JSON.parse(this.#buffer.slice(0, newline)) as Record<string, unknown>);
        this.#buffer = this.#buffer.slice(newline + 1);
        newline = this.#buffer.indexOf("\n");
      }
    });
  }

  // 15 s: the first reply waits for a whole CLI process to start, which took over 5 s under CI's parallel test load.
  async reply(id: number | string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    const started = Date.now();
    for (;;) {
      const found = this.messages.find((message) => message.id === id && !("method" in message));
      if (found !== undefined) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`no reply to id ${id} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

export function line(message: Record<string, unknown>): string {
  return `${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`;
}

export const INITIALIZE = line({
  id: "init",
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "test", version: "1.0.0" } },
});
export const INITIALIZED = line({ method: "notifications/initialized" });
