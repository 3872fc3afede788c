/**
 * POST exchanges waiting for their answer: what graceful shutdown waits for and what SEP-1699
 * early stream closing looks up. The POST path adds and releases; the transport finds, aborts
 * and drains.
 */
import type { JsonRpcId } from "./engine.js";
import type { RequestExchange } from "./request-exchange.js";

/** The exchanges of one endpoint still in flight. */
export class InFlightRequests {
  private readonly exchanges = new Set<RequestExchange>();
  /** Set while `drain` waits: called when the last exchange is released. */
  private drained: (() => void) | undefined;

  /** Number of exchanges in flight. */
  get size(): number {
    return this.exchanges.size;
  }

  /** Tracks an exchange until `release`. */
  add(exchange: RequestExchange): void {
    this.exchanges.add(exchange);
  }

  /** The exchange was answered: forget it, and finish a `drain` waiting on it. */
  release(exchange: RequestExchange): void {
    this.exchanges.delete(exchange);
    if (this.drained !== undefined && this.exchanges.size === 0) this.drained();
  }

  /** The exchange of a session request, for SEP-1699 early stream closing. */
  find(sessionId: string, requestId: JsonRpcId): RequestExchange | undefined {
    for (const exchange of this.exchanges) {
      if (exchange.session?.id === sessionId && exchange.requestId === requestId) return exchange;
    }
    return undefined;
  }

  /** Aborts every exchange in flight, or only the long-lived ones (subscription streams). */
  abort(reason: unknown, onlyLongLived: boolean): void {
    for (const exchange of this.exchanges) if (!onlyLongLived || exchange.longLived) exchange.abort(reason);
  }

  /** Resolves once nothing is in flight, or after `timeoutMs`, whichever comes first. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.exchanges.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
