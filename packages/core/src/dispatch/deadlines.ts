/**
 * One shared timer for every handler timeout. Arming and clearing a `setTimeout` per request
 * costs a timer-list insert and removal each time; here a run adds an entry to a set, and a
 * single unref'd timer wakes at the earliest deadline, fires what expired and re-arms. Entries
 * may fire up to `SLACK_MS` late so a burst of deadlines is handled in one wake-up.
 */

/** A registered deadline; pass it to `clearDeadline` once the run settled. */
export interface Deadline {
  readonly at: number;
  readonly fire: () => void;
}

/** How late a deadline may fire, so that nearby deadlines share one wake-up. */
const SLACK_MS = 5;
/** setTimeout's largest delay; longer deadlines re-arm on waking. */
const MAX_DELAY_MS = 2_147_483_647;

const entries = new Set<Deadline>();
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function arm(at: number, now: number): void {
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(wake, Math.min(Math.max(at - now, 0), MAX_DELAY_MS));
  (timer as { unref?: () => void }).unref?.();
}

function wake(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const now = Date.now();
  let next = Number.POSITIVE_INFINITY;
  const expired: Deadline[] = [];
  for (const entry of entries) {
    if (entry.at <= now + SLACK_MS) expired.push(entry);
    else if (entry.at < next) next = entry.at;
  }
  for (const entry of expired) entries.delete(entry);
  if (next !== Number.POSITIVE_INFINITY) arm(next, now);
  for (const entry of expired) entry.fire();
}

/** Calls `fire` once `ms` milliseconds from now, unless `clearDeadline` runs first. */
export function setDeadline(ms: number, fire: () => void): Deadline {
  const now = Date.now();
  const entry: Deadline = { at: now + ms, fire };
  entries.add(entry);
  if (entry.at < timerAt) arm(entry.at, now);
  return entry;
}

/** Forgets a deadline (the timer stays armed; it re-arms or stops when it wakes). */
export function clearDeadline(entry: Deadline): void {
  entries.delete(entry);
}

/** How many deadlines are waiting (for tests). */
export function pendingDeadlines(): number {
  return entries.size;
}
