/**
 * stdio throughput: one process per server, a 2025 handshake, then
 * (1) one request at a time (round-trip latency) on the fresh server,
 * (2) a warm-up flood of pipelined tools/call requests (its rate is kept as the cold number:
 *     the JIT meets pipelined traffic for the first time here),
 * (3) the measured flood of pipelined tools/call requests (throughput, RSS after it), and
 * (4) one ping to check the server still answers after the floods.
 */
import { startServer } from "./server-process.mjs";
import { median, percentile } from "./stats.mjs";

const INITIALIZE = {
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "chuk-mcp-bench", version: "1.0.0" } },
};
const BATCH_LINES = 1000;

/**
 * @param {number} id
 */
export function callLine(id) {
  return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}}\n`;
}

/**
 * Writes `count` pipelined tools/call lines (ids from `firstId` on) in batches of 1,000 lines,
 * waiting for 'drain' when the pipe pushes back; `afterBatch` runs after each batch.
 * @param {import("node:stream").Writable} stdin
 * @param {number} firstId
 * @param {number} count
 * @param {() => void} [afterBatch]
 */
export async function writeFlood(stdin, firstId, count, afterBatch) {
  for (let first = firstId; first < firstId + count; first += BATCH_LINES) {
    let batch = "";
    const last = Math.min(firstId + count - 1, first + BATCH_LINES - 1);
    for (let id = first; id <= last; id += 1) batch += callLine(id);
    if (!stdin.write(batch)) await new Promise((resolve) => stdin.once("drain", resolve));
    afterBatch?.();
  }
}

/**
 * Reads newline-delimited output and hands each line to the current listener.
 */
class LineReader {
  /** @param {import("node:stream").Readable} stream */
  constructor(stream) {
    this.pending = "";
    /** @type {(line: string) => void} */
    this.listener = () => {};
    stream.setEncoding("utf8");
    stream.on("data", (/** @type {string} */ chunk) => {
      const lines = (this.pending + chunk).split("\n");
      this.pending = lines.pop() ?? "";
      for (const line of lines) if (line !== "") this.listener(line);
    });
  }
}

/**
 * @typedef {object} StdioResult
 * @property {number} pipelinedRequests
 * @property {number} pipelinedPerSecond  the measured flood (after the warm-up flood)
 * @property {number} warmupRequests      pipelined requests of the warm-up flood (0: none)
 * @property {number} firstFloodPerSecond the warm-up flood's rate (NaN without one): throughput before the JIT has seen pipelined traffic
 * @property {number} rssAfterFloodMb
 * @property {number} peakRssMb
 * @property {number} sequentialRequests
 * @property {number} sequentialPerSecond
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} maxMs
 * @property {number} errors
 * @property {boolean} answeredAfterFlood  a ping sent after the flood got its reply within 10 s
 * @property {number[]} [pipelinedRuns]  msg/s of each run, when runs were combined
 * @property {number[]} [firstFloodRuns] first-flood msg/s of each run, when runs were combined
 */

/**
 * Combines repeated runs of one server: the median of each rate, RSS and latency, the worst
 * maximum latency, errors summed, and "answers after the flood" only if every run did.
 * @param {StdioResult[]} runs
 * @returns {StdioResult}
 */
export function combineStdioRuns(runs) {
  const first = runs[0];
  if (first === undefined) throw new Error("combineStdioRuns needs at least one run");
  /** @param {(result: StdioResult) => number} pick */
  const mid = (pick) => median(runs.map(pick));
  return {
    pipelinedRequests: first.pipelinedRequests,
    pipelinedPerSecond: mid((result) => result.pipelinedPerSecond),
    warmupRequests: first.warmupRequests,
    firstFloodPerSecond: mid((result) => result.firstFloodPerSecond),
    rssAfterFloodMb: mid((result) => result.rssAfterFloodMb),
    peakRssMb: mid((result) => result.peakRssMb),
    sequentialRequests: first.sequentialRequests,
    sequentialPerSecond: mid((result) => result.sequentialPerSecond),
    p50Ms: mid((result) => result.p50Ms),
    p99Ms: mid((result) => result.p99Ms),
    maxMs: Math.max(...runs.map((result) => result.maxMs)),
    errors: runs.reduce((sum, result) => sum + result.errors, 0),
    answeredAfterFlood: runs.every((result) => result.answeredAfterFlood),
    pipelinedRuns: runs.map((result) => result.pipelinedPerSecond),
    firstFloodRuns: runs.map((result) => result.firstFloodPerSecond),
  };
}

/**
 * The median over runs of `server`'s pipelined rate divided by `reference`'s in the same run
 * (runs are interleaved, so each pair saw the same machine), or undefined without paired runs.
 * `flood` picks the measured flood (default) or the first (warm-up) flood.
 * @param {StdioResult} server
 * @param {StdioResult} reference
 * @param {"measured" | "first"} [flood]
 * @returns {number | undefined}
 */
export function pairedRatio(server, reference, flood = "measured") {
  const mine = flood === "first" ? server.firstFloodRuns : server.pipelinedRuns;
  const theirs = flood === "first" ? reference.firstFloodRuns : reference.pipelinedRuns;
  if (mine === undefined || theirs === undefined || mine.length !== theirs.length || mine.length === 0) return undefined;
  return median(mine.map((rate, index) => rate / /** @type {number} */ (theirs[index])));
}

/**
 * @param {{ file: string, requests: number, sequential: number, timeoutMs: number, warmup?: number,
 *           afterFloodTimeoutMs?: number,
 *           pin?: { taskset?: string, serverCore?: number }, nodeArgs?: string[] }} options
 * @returns {Promise<StdioResult>}
 */
export async function measureStdioServer(options) {
  const server = await startServer({
    file: options.file,
    stdio: true,
    ...(options.pin ? { pin: options.pin } : {}),
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
  const stdin = /** @type {import("node:stream").Writable} */ (server.child.stdin);
  const reader = new LineReader(/** @type {import("node:stream").Readable} */ (server.child.stdout));
  const deadline = Date.now() + options.timeoutMs;
  let exitError = "";
  server.child.once("exit", (code, signal) => {
    exitError = `${options.file} exited early (code ${code}, signal ${signal}). Output:\n${server.output()}`;
  });
  stdin.on("error", () => {}); // EPIPE after an early exit is reported through exitError

  /**
   * Waits until `done()` is true, failing on timeout or server exit.
   * @param {() => boolean} done
   * @param {() => string} describe
   */
  const waitFor = async (done, describe) => {
    while (!done()) {
      if (exitError) throw new Error(exitError);
      if (Date.now() > deadline) throw new Error(`${options.file}: timed out after ${options.timeoutMs} ms (${describe()})`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };

  try {
    // Handshake.
    /** @type {any} */
    let initializeReply;
    reader.listener = (line) => {
      try {
        const message = JSON.parse(line);
        if (message.id === "init") initializeReply = message;
      } catch {
        // ignore non-JSON noise; the flood check below counts only results
      }
    };
    stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
    await waitFor(() => initializeReply !== undefined, () => "no initialize reply");
    if (!initializeReply.result) throw new Error(`${options.file}: initialize failed: ${JSON.stringify(initializeReply)}`);
    stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');

    // One at a time on the fresh server, after a few unrecorded warm-up requests.
    /** @type {((line: string) => void) | undefined} */
    let waiter;
    reader.listener = (line) => waiter?.(line);
    /** @type {number[]} */
    const latencies = [];
    let sequentialErrors = 0;
    const settle = Math.min(100, Math.ceil(options.sequential / 5));
    let sequentialStart = performance.now();
    for (let index = -settle; index < options.sequential; index += 1) {
      if (index === 0) {
        latencies.length = 0;
        sequentialStart = performance.now();
      }
      const id = -(settle + index + 1); // negative ids never collide with the flood's
      const started = performance.now();
      /** @type {string} */
      const line = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${options.file}: no reply to sequential request ${id} within 10 s`)), 10_000);
        waiter = (reply) => {
          if (!reply.includes(`"id":${id},`) && !reply.includes(`"id":${id}}`)) return;
          clearTimeout(timer);
          resolve(reply);
        };
        stdin.write(callLine(id));
      });
      latencies.push(performance.now() - started);
      if (!line.includes('"result"')) sequentialErrors += 1;
    }
    const sequentialSeconds = (performance.now() - sequentialStart) / 1000;

    // Pipelined floods: cheap string checks so the driver is never the bottleneck.
    let results = 0;
    let floodErrors = 0;
    reader.listener = (line) => {
      if (line.includes('"result"')) results += 1;
      else if (line.includes('"error"')) floodErrors += 1;
    };
    /**
     * Writes `count` pipelined tools/call lines (ids from `firstId` on) and waits for as many replies.
     * @param {number} count
     * @param {number} firstId
     * @returns {Promise<number>} seconds from the first write to the last reply
     */
    const flood = async (count, firstId) => {
      const expected = results + floodErrors + count;
      const started = performance.now();
      await writeFlood(stdin, firstId, count, () => {
        if (exitError) throw new Error(exitError);
      });
      // Only the floods' own replies count here: the sequential errors must not end the wait early.
      await waitFor(() => results + floodErrors >= expected, () => `${results + floodErrors - expected + count} of ${count} replies`);
      return (performance.now() - started) / 1000;
    };
    const warmupRequests = options.warmup ?? 0;
    // The warm-up flood's ids follow the measured flood's, so the measured lines are the same as without one.
    const firstFloodSeconds = warmupRequests > 0 ? await flood(warmupRequests, options.requests + 1) : Number.NaN;
    const floodSeconds = await flood(options.requests, 1);
    const errors = sequentialErrors + floodErrors;
    const memory = server.memory();

    // Does it still answer after the flood? (SDK v1 and v2 were seen to stop.)
    let answeredAfterFlood = false;
    reader.listener = (line) => {
      if (line.includes('"id":"after-flood"')) answeredAfterFlood = true;
    };
    stdin.write('{"jsonrpc":"2.0","id":"after-flood","method":"ping"}\n');
    const aliveDeadline = Date.now() + (options.afterFloodTimeoutMs ?? 10_000);
    while (!answeredAfterFlood && Date.now() < aliveDeadline && !exitError) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return {
      pipelinedRequests: options.requests,
      pipelinedPerSecond: options.requests / floodSeconds,
      warmupRequests,
      firstFloodPerSecond: warmupRequests / firstFloodSeconds,
      rssAfterFloodMb: memory.rssMb ?? Number.NaN,
      peakRssMb: server.memory().peakRssMb ?? Number.NaN,
      sequentialRequests: options.sequential,
      sequentialPerSecond: options.sequential / sequentialSeconds,
      p50Ms: median(latencies),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      errors,
      answeredAfterFlood,
    };
  } finally {
    stdin.end();
    await server.stop();
  }
}
