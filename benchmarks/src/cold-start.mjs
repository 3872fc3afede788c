/**
 * Cold start: from spawning a server process to its first successful answer
 * (an `initialize` request, what every client sends first).
 */
import { initializeSession } from "./mcp-requests.mjs";
import { startServer } from "./server-process.mjs";
import { median } from "./stats.mjs";

/**
 * @typedef {object} ColdStartResult
 * @property {number} samples
 * @property {number} readyMs          spawn → "READY" line (median)
 * @property {number} firstResponseMs  spawn → first successful response (median)
 * @property {number} rssMb            right after the first response (median)
 */

/**
 * @param {{ file: string, needsPort?: boolean, samples: number, pin?: { taskset?: string, serverCore?: number }, readyOnStderr?: RegExp }} options
 * @returns {Promise<ColdStartResult>}
 */
export async function measureColdStart(options) {
  /** @type {number[]} */
  const ready = [];
  /** @type {number[]} */
  const firstResponse = [];
  /** @type {number[]} */
  const rss = [];
  for (let sample = 0; sample < options.samples; sample += 1) {
    const startedAt = performance.now();
    const server = await startServer({
      file: options.file,
      ...(options.needsPort ? { needsPort: true } : {}),
      ...(options.pin ? { pin: options.pin } : {}),
      ...(options.readyOnStderr ? { readyOnStderr: options.readyOnStderr } : {}),
    });
    try {
      await initializeSession(server.url);
      firstResponse.push(performance.now() - startedAt);
      ready.push(server.readyMs);
      rss.push(server.memory().rssMb ?? Number.NaN);
    } finally {
      await server.stop();
    }
  }
  return { samples: options.samples, readyMs: median(ready), firstResponseMs: median(firstResponse), rssMb: median(rss) };
}
