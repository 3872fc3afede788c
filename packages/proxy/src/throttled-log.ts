/**
 * Bounds how many warnings one source writes. An upstream that floods its stdout with
 * garbage gets one SDK error per line; logging each would let it flood the proxy's log too.
 */
import type { ProxyLogger } from "./config.js";

/** At most `limit` messages per `windowMs`; what was held back is counted in the next line written. */
export function throttledWarning(logger: ProxyLogger, limit = 10, windowMs = 10_000, now: () => number = Date.now): (message: string) => void {
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let suppressed = 0;
  return (message) => {
    const time = now();
    if (time - windowStart >= windowMs) {
      windowStart = time;
      written = 0;
    }
    if (written >= limit) {
      suppressed++;
      return;
    }
    written++;
    const note = suppressed > 0 ? ` (${suppressed} similar messages suppressed)` : "";
    suppressed = 0;
    logger("warning", `${message}${note}`);
  };
}
