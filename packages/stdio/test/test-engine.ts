import type { StdioEngine } from "../src/types.js";

/**
 * A small stand-in for the engine, used where the test is about framing and flow control
 * (the transport's job), not protocol semantics. Protocol behaviour is tested against the
 * real `@chuk-mcp/core` engine in `real-engine.test.ts`.
 *
 * Methods: `echo` replies with its params; `wait` replies once `release()` is called;
 * `notify` sends a notification through the session before replying; `boom` rejects.
 */
export interface TestSession {
  closed: boolean;
  send: (message: unknown) => void | Promise<void>;
  close(): void;
}

export class TestEngine implements StdioEngine<TestSession> {
  handled = 0;
  sessions: TestSession[] = [];
  #waiting: Array<() => void> = [];

  createSession(options: { send: (message: unknown) => void | Promise<void> }): TestSession {
    const session: TestSession = {
      closed: false,
      send: options.send,
      close() {
        session.closed = true;
      },
    };
    this.sessions.push(session);
    return session;
  }

  async handleText(text: string, options: { session: TestSession }): Promise<string | undefined> {
    this.handled += 1;
    const message = JSON.parse(text) as { id?: number | string; method: string; params?: unknown };
    if (message.method === "boom") throw new Error("engine exploded");
    if (message.method === "wait") await new Promise<void>((resolve) => this.#waiting.push(resolve));
    if (message.method === "notify") await options.session.send({ jsonrpc: "2.0", method: "notifications/message", params: { data: "hi" } });
    if (message.id === undefined) return undefined;
    return JSON.stringify({ jsonrpc: "2.0", id: message.id, result: { echo: message.params ?? null } });
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  release(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
  }
}
