import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "./args.mjs";
import { describeMachine } from "./machine.mjs";
import { renderReport } from "./report.mjs";
import { combineStdioRuns } from "./stdio-suite.mjs";

/**
 * @param {string} server
 * @param {string} era
 * @param {number} connections
 * @param {number} requestsPerSecond
 * @returns {import("./http-suite.mjs").HttpCell}
 */
function cell(server, era, connections, requestsPerSecond) {
  return {
    section: "throughput", server, label: server, era, mode: "json", responseType: "json",
    method: "tools/call", rpcMethod: "tools/call", connections, requestsPerSecond,
    p50Ms: 0.5, p99Ms: 2, errors: 0, requests: requestsPerSecond, samples: [requestsPerSecond], rssMb: 60,
    cpuMicrosPerRequest: 1e6 / requestsPerSecond, serverCpuPercent: 99, generatorCpuPercent: 41, generator: "wrk",
  };
}

/** @param {Partial<import("./report.mjs").Report>} parts */
function render(parts) {
  return renderReport({
    machine: describeMachine(),
    options: parseBenchArgs(["--concurrency", "10,50"]),
    pinned: true,
    elapsedSeconds: 1,
    http: [], stdio: [], micro: [], cold: [], bundle: [], failures: [],
    ...parts,
  });
}

describe("renderReport", () => {
  it("names the generator and shows its CPU next to the server's", () => {
    const markdown = render({ http: [cell("ours", "2025", 50, 30_000)], generator: { kind: "wrk", version: "4.1.0" } });
    expect(markdown).toMatch(/\| load generator \| wrk 4\.1\.0 in its own process/);
    expect(markdown).toMatch(/server CPU % \| generator CPU %/);
    expect(markdown).toMatch(/\| 99 \| 41 \|/);
  });

  it("warns when neither the servers nor the generator saturated (a busy machine)", () => {
    const starved = { ...cell("ours", "2025", 50, 4_000), serverCpuPercent: 24, generatorCpuPercent: 9 };
    expect(render({ http: [starved] })).toMatch(/Measured under load from other work on a \d+-core box:\*\* no HTTP cell got its server above 24 %/);
    expect(render({ http: [cell("ours", "2025", 50, 30_000)] })).not.toMatch(/Measured under load/);
  });

  it("says so when a quick run fell back to autocannon", () => {
    const markdown = render({ generator: { kind: "autocannon", fallbackReason: "wrk missing" } });
    expect(markdown).toMatch(/autocannon .*\*\*Fallback: wrk missing\*\*/);
  });

  it("shows the server's CPU time per request next to each HTTP cell", () => {
    const markdown = render({ http: [cell("ours", "2025", 50, 20_000)] });
    expect(markdown).toContain("| server CPU µs/req |");
    expect(markdown).toMatch(/\| 60 \| 50\.0 \|/);
  });

  it("states the machine, Node and package versions the numbers came from", () => {
    const markdown = render({});
    expect(markdown).toContain(`${describeMachine().nproc} cores (nproc)`);
    expect(markdown).toContain(process.version);
    expect(markdown).toMatch(/\| @modelcontextprotocol\/sdk \| \d+\.\d+\.\d+/);
  });

  it("divides ours by each peer measured in the same run, per concurrency and era", () => {
    const markdown = render({
      http: [
        cell("ours", "2025", 10, 3000), cell("ours", "2025", 50, 4000),
        cell("ours", "2026", 10, 6000), cell("ours", "2026", 50, 8000),
        cell("node-http", "any", 10, 12000), cell("node-http", "any", 50, 16000),
        cell("sdk-v1", "2025", 10, 1000), cell("sdk-v1", "2025", 50, 1000),
        cell("sdk-v2", "2025", 10, 500), cell("sdk-v2", "2025", 50, 500),
        cell("sdk-v2", "2026", 10, 2000), cell("sdk-v2", "2026", 50, 4000),
      ],
    });
    expect(markdown).toContain("| ours (2025-11-25) / node-http | 0.25× | 0.25× |");
    expect(markdown).toContain("| ours (2025-11-25) / sdk-v1 (2025-11-25) | 3.00× | 4.00× |");
    expect(markdown).toContain("| ours (2026-07-28) / sdk-v2 (2026-07-28) | 3.00× | 2.00× |");
    // A peer that cannot speak 2026 is compared in the era it does speak.
    expect(markdown).toContain("| ours (2026-07-28) / sdk-v1 (2025-11-25) | 6.00× | 8.00× |");
  });

  it("shows the measured flood and the first (warm-up) flood of stdio, each against the line responder of the same round", () => {
    /** @param {number} pipelinedPerSecond @param {number} firstFloodPerSecond */
    const stdioRun = (pipelinedPerSecond, firstFloodPerSecond) => ({
      pipelinedRequests: 100, pipelinedPerSecond, warmupRequests: 100, firstFloodPerSecond, rssAfterFloodMb: 70, peakRssMb: 71,
      sequentialRequests: 10, sequentialPerSecond: 5000, p50Ms: 0.1, p99Ms: 0.2, maxMs: 1, errors: 0, answeredAfterFlood: true,
    });
    const line = combineStdioRuns([stdioRun(1000, 900), stdioRun(2000, 1000)]);
    const ours = combineStdioRuns([stdioRun(600, 400), stdioRun(1000, 500)]);
    const markdown = render({
      stdio: [
        { server: "stdio-line", label: "line", result: line },
        { server: "ours", label: "ours", result: ours },
      ],
    });
    expect(markdown).toContain("| server | pipelined msg/s | vs line responder | first flood msg/s | first flood vs line |");
    // measured: median of 0.6 and 0.5; first flood: median of 400/900 and 500/1000
    expect(markdown).toMatch(/\| ours \| 800 \| 0\.55× \| 450 \| 0\.47× \|/);
    expect(markdown).toContain("a warm-up flood of 20,000 and a measured flood of 100,000 pipelined");
  });

  it("lists failures by their first line so a stack of server output cannot flood the file", () => {
    const markdown = render({ failures: ["http ours (json): failed to start: boom\nlong output\nmore"] });
    expect(markdown).toContain("- http ours (json): failed to start: boom\n");
    expect(markdown).not.toContain("long output");
  });

  it("says so when nothing failed", () => {
    expect(render({})).toContain("None: every server started and every run finished without errors.");
  });
});
