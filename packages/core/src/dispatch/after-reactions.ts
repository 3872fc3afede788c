/**
 * Defers work until the promise reactions already queued have run, for the price of two
 * promise jobs per batch rather than one promise per call. `settle` (run.ts) uses it to arm a
 * deadline and an abort listener only for handlers whose promise did not settle at once: an
 * already-settled promise's reaction is queued when `.then` is called, before the callback here.
 */
const settled = Promise.resolve();
/** Something to run later (an object rather than a closure: one allocation less per call). */
export interface Deferred {
  run(): void;
}

let batch: Deferred[] = [];

function runBatch(ready: Deferred[]): void {
  for (const deferred of ready) deferred.run();
}

function closeBatch(): void {
  const ready = batch;
  batch = [];
  // A second job: reactions queued after the first job was scheduled (later calls of the same batch) run first.
  void settled.then(() => runBatch(ready));
}

/** Calls `deferred.run()` once every promise reaction queued before this call has run. */
export function afterQueuedReactions(deferred: Deferred): void {
  if (batch.length === 0) void settled.then(closeBatch);
  batch.push(deferred);
}
