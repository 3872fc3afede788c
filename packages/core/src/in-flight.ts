/**
 * The requests of a session that are still running, so `notifications/cancelled` and
 * `close()` can abort them.
 *
 * A doubly linked list rather than a `Map` keyed by request id. The session lives long, so
 * its `Map` table is in V8's old generation. Under pipelined load that table keeps being
 * rebuilt: entries are added and deleted all the time. Each obsolete table still points at
 * the young request contexts it held, and the scavenger treats those old-to-young slots as
 * roots. So every context (and its request, scope and envelope) survived one more scavenge
 * and was promoted. On stdio with an async handler that cost about 1.4 µs of GC per message,
 * 375 bytes promoted per message. A list node is unlinked and cleared when its request ends,
 * so nothing dead points at young objects. Lookup by id (cancel only) walks the list,
 * newest first.
 */
import type { JsonRpcId } from "./jsonrpc.js";

/** Something in flight that notifications/cancelled or close() can abort. */
export interface Abortable {
  abort(reason: unknown): void;
}

/** One registered request; pass it back to {@link InFlightRequests.remove} when the request ends. */
export class InFlightEntry {
  /** @internal The next newer entry (the list's head after the newest). */
  newer: InFlightEntry = this;
  /** @internal The next older entry (the list's head after the oldest). */
  older: InFlightEntry = this;
  /** @internal */ listed = true;

  constructor(
    readonly id: JsonRpcId,
    public running: Abortable | undefined,
  ) {}
}

/**
 * A circular list around a head entry that is never removed: adding and removing take the
 * same steps whether the list is empty or not. (With `undefined` ends, one-at-a-time traffic
 * only ever saw the empty-list branch, and the optimised code deoptimised on the first burst
 * of pipelined requests.)
 */
export class InFlightRequests {
  readonly #head = new InFlightEntry("", undefined);
  #size = 0;

  /** Number of registered requests. */
  get size(): number {
    return this.#size;
  }

  /** Registers a running request; a later registration with the same id shadows this one for {@link get}. */
  add(id: JsonRpcId, running: Abortable): InFlightEntry {
    const entry = new InFlightEntry(id, running);
    const head = this.#head;
    const newest = head.older;
    entry.older = newest;
    entry.newer = head;
    newest.newer = entry;
    head.older = entry;
    this.#size += 1;
    return entry;
  }

  /** Unregisters `entry`; a second call (or one after `clear`) does nothing. */
  remove(entry: InFlightEntry): void {
    if (!entry.listed) return;
    entry.listed = false;
    const { newer, older } = entry;
    newer.older = older;
    older.newer = newer;
    entry.newer = entry;
    entry.older = entry;
    entry.running = undefined;
    this.#size -= 1;
  }

  /** The most recently registered running request with this id. */
  get(id: JsonRpcId): Abortable | undefined {
    const head = this.#head;
    for (let entry = head.older; entry !== head; entry = entry.older) {
      if (entry.id === id) return entry.running;
    }
    return undefined;
  }

  /** The running requests, newest first. */
  values(): Abortable[] {
    const all: Abortable[] = [];
    const head = this.#head;
    for (let entry = head.older; entry !== head; entry = entry.older) {
      if (entry.running !== undefined) all.push(entry.running);
    }
    return all;
  }

  /** Unregisters everything (the entries' `remove` calls then do nothing). */
  clear(): void {
    const head = this.#head;
    let entry = head.older;
    while (entry !== head) {
      const older = entry.older;
      entry.listed = false;
      entry.newer = entry;
      entry.older = entry;
      entry.running = undefined;
      entry = older;
    }
    head.newer = head;
    head.older = head;
    this.#size = 0;
  }
}
