/**
 * POST exchanges waiting for their answer: what graceful shutdown waits for and what SEP-1699
 * early stream closing looks up. The POST path adds and releases; the transport finds, aborts
 * and drains.
 */
import type { JsonRpcId } from "./engine.js";
import type { RequestExchange } from "./request-exchange.js";

/**
 * The exchanges of one endpoint still in flight: a doubly linked list through the exchanges'
 * own `inFlightPrevious`/`inFlightNext` fields. Every POST adds and releases one; a `Set` of
 * short-lived objects made each of them hash its key and, as deleted entries piled up between
 * rehashes, cost about 2 % of a tools/call's CPU under load (benchmarks/README.md).
 */
export class InFlightRequests {
  private head: RequestExchange | undefined;
  private count = 0;
  /** Set while `drain` waits: called when the last exchange is released. */
  private drained: (() => void) | undefined;

  /** Number of exchanges in flight. */
  get size(): number {
    return this.count;
  }

  /** Tracks an exchange until `release`; adding one already tracked does nothing. */
  add(exchange: RequestExchange): void {
    if (exchange.inFlightNext !== undefined || exchange.inFlightPrevious !== undefined || this.head === exchange) return;
    const head = this.head;
    exchange.inFlightNext = head;
    if (head !== undefined) head.inFlightPrevious = exchange;
    this.head = exchange;
    this.count += 1;
  }

  /** The exchange was answered: forget it, and finish a `drain` waiting on it. Releasing twice does nothing. */
  release(exchange: RequestExchange): void {
    const { inFlightPrevious: previous, inFlightNext: next } = exchange;
    if (previous === undefined && this.head !== exchange) return;
    if (previous === undefined) this.head = next;
    else previous.inFlightNext = next;
    if (next !== undefined) next.inFlightPrevious = previous;
    exchange.inFlightPrevious = undefined;
    exchange.inFlightNext = undefined;
    this.count -= 1;
    if (this.drained !== undefined && this.count === 0) this.drained();
  }

  /** The exchange of a session request, for SEP-1699 early stream closing. */
  find(sessionId: string, requestId: JsonRpcId): RequestExchange | undefined {
    for (let exchange = this.head; exchange !== undefined; exchange = exchange.inFlightNext) {
      if (exchange.session?.id === sessionId && exchange.requestId === requestId) return exchange;
    }
    return undefined;
  }

  /** Aborts every exchange in flight, or only the long-lived ones (subscription streams). */
  abort(reason: unknown, onlyLongLived: boolean): void {
    // Collected first: an abort may release its exchange, which unlinks it mid-walk.
    const targets: RequestExchange[] = [];
    for (let exchange = this.head; exchange !== undefined; exchange = exchange.inFlightNext) {
      if (!onlyLongLived || exchange.longLived) targets.push(exchange);
    }
    for (const exchange of targets) exchange.abort(reason);
  }

  /** Resolves once nothing is in flight, or after `timeoutMs`, whichever comes first. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.count === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
