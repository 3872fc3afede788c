import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { combineStdioRuns, measureStdioServer, pairedRatio } from "./stdio-suite.mjs";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../test/fixtures");

describe("measureStdioServer", () => {
  it("floods the hand-rolled responder and gets every reply back", async () => {
    const result = await measureStdioServer({ file: "stdio-line.mjs", requests: 3000, sequential: 50, timeoutMs: 20_000 });
    expect(result.errors).toBe(0);
    expect(result.pipelinedPerSecond).toBeGreaterThan(0);
    expect(result.sequentialPerSecond).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(result.rssAfterFloodMb).toBeGreaterThan(5);
    expect(result.answeredAfterFlood).toBe(true);
    // Without a warm-up flood there is no first-flood number.
    expect(result.warmupRequests).toBe(0);
    expect(result.firstFloodPerSecond).toBeNaN();
  });

  it("runs a warm-up flood first, reports its rate apart, and counts the replies of both floods", async () => {
    const result = await measureStdioServer({ file: "stdio-line.mjs", requests: 2000, warmup: 1500, sequential: 20, timeoutMs: 20_000 });
    expect(result.errors).toBe(0);
    expect(result.warmupRequests).toBe(1500);
    expect(result.firstFloodPerSecond).toBeGreaterThan(0);
    expect(result.pipelinedPerSecond).toBeGreaterThan(0);
    expect(result.answeredAfterFlood).toBe(true);
  });

  it("counts error replies in the warm-up flood too", async () => {
    const result = await measureStdioServer({ file: path.join(fixtures, "stdio-error.mjs"), requests: 200, warmup: 70, sequential: 5, timeoutMs: 10_000 });
    expect(result.errors).toBe(200 + 70 + 1 + 5);
  });

  it("drives the official SDK v1 stdio server through the handshake and the flood", async () => {
    const result = await measureStdioServer({ file: "stdio-sdk-v1.mjs", requests: 1000, sequential: 20, timeoutMs: 20_000 });
    expect(result.errors).toBe(0);
  });

  it("counts error replies as errors", async () => {
    const result = await measureStdioServer({ file: path.join(fixtures, "stdio-error.mjs"), requests: 200, sequential: 5, timeoutMs: 10_000 });
    // 1 unrecorded warm-up request + 5 measured one-at-a-time requests + 200 flood
    expect(result.errors).toBe(200 + 1 + 5);
  });

  it("notices a server that stops answering after the flood without failing the measurement", async () => {
    const result = await measureStdioServer({
      file: path.join(fixtures, "stdio-deaf-to-ping.mjs"), requests: 300, sequential: 5, timeoutMs: 10_000, afterFloodTimeoutMs: 300,
    });
    expect(result.errors).toBe(0);
    expect(result.pipelinedPerSecond).toBeGreaterThan(0);
    expect(result.answeredAfterFlood).toBe(false);
  });

  it("fails with the server's output when it exits during the run", async () => {
    await expect(
      measureStdioServer({ file: path.join(fixtures, "crash-server.mjs"), requests: 10, sequential: 1, timeoutMs: 5_000 }),
    ).rejects.toThrow(/exited early \(code 3.*failing on purpose/s);
  });
});

/**
 * @param {Partial<import("./stdio-suite.mjs").StdioResult>} fields
 * @returns {import("./stdio-suite.mjs").StdioResult}
 */
function run(fields) {
  return {
    pipelinedRequests: 100, pipelinedPerSecond: 1, warmupRequests: 100, firstFloodPerSecond: 1, rssAfterFloodMb: 1, peakRssMb: 1, sequentialRequests: 10, sequentialPerSecond: 1,
    p50Ms: 1, p99Ms: 1, maxMs: 1, errors: 0, answeredAfterFlood: true, ...fields,
  };
}

describe("combineStdioRuns and pairedRatio", () => {
  it("takes medians, the worst maximum, summed errors, and answers-after-flood only if every run answered", () => {
    const combined = combineStdioRuns([
      run({ pipelinedPerSecond: 300, rssAfterFloodMb: 90, p99Ms: 2, maxMs: 5, errors: 1 }),
      run({ pipelinedPerSecond: 100, rssAfterFloodMb: 70, p99Ms: 9, maxMs: 40, answeredAfterFlood: false }),
      run({ pipelinedPerSecond: 200, rssAfterFloodMb: 80, p99Ms: 3, maxMs: 7, errors: 2 }),
    ]);
    expect(combined).toMatchObject({ pipelinedPerSecond: 200, rssAfterFloodMb: 80, p99Ms: 3, maxMs: 40, errors: 3, answeredAfterFlood: false });
    expect(combined.pipelinedRuns).toEqual([300, 100, 200]);
    expect(combined.firstFloodRuns).toEqual([1, 1, 1]);
    expect(() => combineStdioRuns([])).toThrow(/at least one run/);
  });

  it("pairs runs of the same round: drift that hits both servers cancels out", () => {
    const ours = combineStdioRuns([run({ pipelinedPerSecond: 50 }), run({ pipelinedPerSecond: 100 }), run({ pipelinedPerSecond: 60 })]);
    const line = combineStdioRuns([run({ pipelinedPerSecond: 100 }), run({ pipelinedPerSecond: 200 }), run({ pipelinedPerSecond: 100 })]);
    // Same-round ratios 0.5, 0.5, 0.6 → 0.5; the ratio of the medians would say 60 / 100 = 0.6.
    expect(pairedRatio(ours, line)).toBe(0.5);
    expect(pairedRatio(ours, line, "first")).toBe(1);
    expect(pairedRatio(ours, combineStdioRuns([run({})]))).toBeUndefined();
    expect(pairedRatio(run({}), line)).toBeUndefined();
  });
});
