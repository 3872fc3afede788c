/**
 * One load run with autocannon (in-process, on the generator core): fixed
 * concurrency, keep-alive connections, a unique JSON-RPC id per request, and
 * every response body checked for a JSON-RPC result.
 */
import { createHistogram } from "node:perf_hooks";
import autocannon from "autocannon";

/**
 * @typedef {object} LoadResult
 * @property {number} requestsPerSecond   mean over the run
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} requests            completed responses
 * @property {number} errors              connection errors + timeouts + non-2xx + bad bodies
 * @property {number} non2xx
 * @property {number} mismatches          2xx responses whose body was not a JSON-RPC result
 * @property {number} durationSeconds
 * @property {number | undefined} generatorCpuPercent CPU the load generator used (100 = one core busy)
 */

/**
 * Does a body (JSON or SSE) hold a JSON-RPC result and no error? Cheap string
 * checks: the full answer is verified by the probe before and after each run.
 * @param {string | Buffer | undefined} body
 */
export function isResultBody(body) {
  const text = typeof body === "string" ? body : body?.toString("utf8") ?? "";
  return text.includes('"result"') && !text.includes('"error":{');
}

/**
 * @param {{
 *   url: string,
 *   headers: Record<string, string>,
 *   body: string,                 // may contain the "[<id>]" placeholder
 *   connections: number,
 *   durationSeconds: number,
 *   timeoutSeconds?: number,
 *   verify?: boolean,             // check each body (default true)
 * }} options
 * @returns {Promise<LoadResult>}
 */
export async function runLoad(options) {
  const verify = options.verify ?? true;
  // autocannon's own histogram keeps whole milliseconds; keep microseconds here.
  const latencyMicros = createHistogram();
  // Without a callback autocannon returns its instance, which is both an
  // EventEmitter and a promise of the result; the type definitions only say promise.
  const instance = /** @type {autocannon.Instance & Promise<autocannon.Result>} */ (/** @type {unknown} */ (autocannon({
    url: options.url,
    method: "POST",
    headers: options.headers,
    body: options.body,
    idReplacement: options.body.includes("[<id>]"),
    connections: options.connections,
    pipelining: 1,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds ?? 10,
    ...(verify ? { verifyBody: isResultBody } : {}),
  })));
  instance.on("response", (/** @type {unknown} */ _client, /** @type {number} */ statusCode, /** @type {number} */ _bytes, /** @type {number} */ responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) latencyMicros.record(Math.max(1, Math.round(responseTimeMs * 1000)));
  });
  const cpuBefore = process.cpuUsage();
  const result = await instance;
  const cpu = process.cpuUsage(cpuBefore);
  const measured = latencyMicros.count > 0;
  const mismatches = result.mismatches ?? 0;
  return {
    requestsPerSecond: result.requests.mean,
    p50Ms: measured ? latencyMicros.percentile(50) / 1000 : result.latency.p50,
    p99Ms: measured ? latencyMicros.percentile(99) / 1000 : result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + mismatches,
    non2xx: result.non2xx,
    mismatches,
    durationSeconds: result.duration,
    // autocannon runs in this process: its CPU is this process's CPU over the run.
    generatorCpuPercent: result.duration > 0 ? ((cpu.user + cpu.system) / 1e4 / result.duration) : undefined,
  };
}
