/**
 * Renders a run as markdown (RESULTS.md): setup, HTTP tables, ratios vs peers
 * measured in the same run, stdio, micro, cold start, bundle size, failures.
 */
import { pairedRatio } from "./stdio-suite.mjs";
import { formatBytes, formatMs, formatNumber, formatRatio, markdownTable } from "./stats.mjs";

/**
 * A stdio row's pipelined rate against the line responder: the median of same-round ratios
 * when the runs were paired, else the ratio of the medians. `flood` picks the measured flood
 * or the first (warm-up) one.
 * @param {import("./stdio-suite.mjs").StdioResult} result
 * @param {import("./stdio-suite.mjs").StdioResult | undefined} line
 * @param {"measured" | "first"} [flood]
 */
function stdioRatio(result, line, flood = "measured") {
  const rate = (/** @type {import("./stdio-suite.mjs").StdioResult} */ of) => (flood === "first" ? of.firstFloodPerSecond : of.pipelinedPerSecond);
  if (line === undefined) return formatRatio(rate(result), undefined);
  const paired = pairedRatio(result, line, flood);
  return paired === undefined ? formatRatio(rate(result), rate(line)) : formatRatio(paired, 1);
}

/**
 * @typedef {object} StdioRow
 * @property {string} server
 * @property {string} label
 * @property {import("./stdio-suite.mjs").StdioResult} result
 */
/**
 * @typedef {object} ColdRow
 * @property {string} server
 * @property {string} label
 * @property {import("./cold-start.mjs").ColdStartResult} result
 */
/**
 * @typedef {object} BundleRow
 * @property {string} server
 * @property {string} label
 * @property {import("./bundle-size.mjs").BundleResult} result
 */
/**
 * @typedef {object} Report
 * @property {ReturnType<typeof import("./machine.mjs").describeMachine>} machine
 * @property {import("./args.mjs").BenchOptions} options
 * @property {boolean} pinned
 * @property {number} elapsedSeconds
 * @property {import("./http-suite.mjs").HttpCell[]} http
 * @property {StdioRow[]} stdio
 * @property {import("./micro-suite.mjs").MicroRow[]} micro
 * @property {ColdRow[]} cold
 * @property {BundleRow[]} bundle
 * @property {string[]} failures
 * @property {string[]} [notes]   peer misbehaviour worth knowing that does not fail the run
 * @property {{ kind: "wrk" | "autocannon", version?: string, fallbackReason?: string }} [generator] the HTTP load generator
 */

const ERA_LABEL = /** @type {Record<string, string>} */ ({ any: "–", 2025: "2025-11-25", 2026: "2026-07-28" });

/**
 * @param {import("./http-suite.mjs").HttpCell[]} cells
 * @param {string} server
 * @param {string} era
 * @param {number} connections
 */
function throughputOf(cells, server, era, connections) {
  return cells.find(
    (cell) => cell.section === "throughput" && cell.server === server && cell.era === era && cell.connections === connections,
  )?.requestsPerSecond;
}

/**
 * @param {import("./http-suite.mjs").HttpCell[]} cells
 */
function detailTable(cells) {
  return markdownTable(
    ["server", "era", "method", "response", "c", "req/s", "p50 ms", "p99 ms", "errors", "RSS MB", "server CPU µs/req", "server CPU %", "generator CPU %"],
    cells.map((cell) => [
      cell.label,
      ERA_LABEL[cell.era] ?? cell.era,
      cell.rpcMethod,
      cell.responseType,
      String(cell.connections),
      formatNumber(cell.requestsPerSecond),
      formatMs(cell.p50Ms),
      formatMs(cell.p99Ms),
      String(cell.errors),
      formatNumber(cell.rssMb),
      formatNumber(cell.cpuMicrosPerRequest, 1),
      formatNumber(cell.serverCpuPercent),
      formatNumber(cell.generatorCpuPercent),
    ]),
    ["left", "left", "left", "left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
  );
}

/**
 * One row per server and era, one column per concurrency (req/s).
 * @param {import("./http-suite.mjs").HttpCell[]} cells
 * @param {number[]} concurrencies
 */
function pivotTable(cells, concurrencies) {
  const throughput = cells.filter((cell) => cell.section === "throughput");
  /** @type {Map<string, import("./http-suite.mjs").HttpCell>} */
  const firstOfRow = new Map();
  for (const cell of throughput) firstOfRow.set(`${cell.server}|${cell.era}`, firstOfRow.get(`${cell.server}|${cell.era}`) ?? cell);
  const rows = [...firstOfRow.values()].map((cell) => [
    cell.label,
    ERA_LABEL[cell.era] ?? cell.era,
    cell.responseType,
    ...concurrencies.map((connections) => formatNumber(throughputOf(cells, cell.server, cell.era, connections))),
  ]);
  return markdownTable(
    ["server", "era", "response", ...concurrencies.map((connections) => `c=${connections} req/s`)],
    rows,
    ["left", "left", "left", ...concurrencies.map(() => /** @type {const} */ ("right"))],
  );
}

/**
 * Ours divided by each peer, per concurrency, for tools/call. A peer that
 * cannot speak ours' era is compared in the era it does speak (labelled).
 * @param {import("./http-suite.mjs").HttpCell[]} cells
 * @param {number[]} concurrencies
 */
function ratioTable(cells, concurrencies) {
  const throughput = cells.filter((cell) => cell.section === "throughput");
  const ourEras = [...new Set(throughput.filter((cell) => cell.server === "ours").map((cell) => cell.era))];
  const peers = [...new Set(throughput.filter((cell) => cell.server !== "ours").map((cell) => cell.server))];
  /** @type {string[][]} */
  const rows = [];
  for (const era of ourEras) {
    for (const peer of peers) {
      const peerEras = new Set(throughput.filter((cell) => cell.server === peer).map((cell) => cell.era));
      const peerEra = peerEras.has(era) ? era : peerEras.has("any") ? "any" : [...peerEras][0];
      if (peerEra === undefined) continue;
      const peerLabel = peerEra === "any" ? peer : `${peer} (${ERA_LABEL[peerEra]})`;
      rows.push([
        `ours (${ERA_LABEL[era]}) / ${peerLabel}`,
        ...concurrencies.map((connections) =>
          formatRatio(throughputOf(cells, "ours", era, connections), throughputOf(cells, peer, peerEra, connections)),
        ),
      ]);
    }
  }
  if (rows.length === 0) return "_No ratios: ours or the peers did not run._";
  return markdownTable(
    ["ratio (req/s)", ...concurrencies.map((connections) => `c=${connections}`)],
    rows,
    ["left", ...concurrencies.map(() => /** @type {const} */ ("right"))],
  );
}

/**
 * A warning when the HTTP numbers measured neither the servers nor the generator: at a
 * concurrency of 10 or more a server that keeps up saturates its core, so server and
 * generator both well below one core mean other work on the machine had the CPU.
 * @param {Report} report
 * @returns {string | undefined}
 */
export function busyMachineWarning(report) {
  const loaded = report.http.filter((cell) => cell.connections >= 10 && cell.serverCpuPercent !== undefined);
  if (loaded.length === 0) return undefined;
  const peak = (/** @type {(cell: import("./http-suite.mjs").HttpCell) => number | undefined} */ of) =>
    Math.max(...loaded.map((cell) => of(cell) ?? 0));
  const server = peak((cell) => cell.serverCpuPercent);
  const generator = peak((cell) => cell.generatorCpuPercent);
  if (server >= 80 || generator >= 80) return undefined;
  const load = report.machine.loadAverage[0] ?? 0;
  return (
    `> **Measured under load from other work on a ${report.machine.nproc}-core box:** no HTTP cell got its server above ` +
    `${Math.round(server)} % of a core nor the generator above ${Math.round(generator)} % (load average ${load} at start), so ` +
    "these req/s and latencies measure the machine's contention, not the servers. Compare ratios with care; re-run on a quiet machine."
  );
}

/**
 * @param {Report} report
 * @returns {string}
 */
export function describeGenerator(report) {
  const autocannon = `autocannon ${report.machine.packages.autocannon} (in-process in the bench runner, keep-alive, pipelining 1, unique JSON-RPC id per request)`;
  if (report.generator?.kind !== "wrk") {
    return report.generator?.fallbackReason ? `${autocannon}. **Fallback: ${report.generator.fallbackReason}**` : autocannon;
  }
  return (
    `wrk ${report.generator.version ?? ""} in its own process (${report.pinned ? "pinned to core 1, the server to core 0" : "not pinned"}), ` +
    "1 thread, keep-alive, unique JSON-RPC id per request, every body checked; its CPU % is next to the server's in the detail tables (100 % = one core)"
  );
}

/**
 * @param {Report} report
 * @returns {string}
 */
export function renderReport(report) {
  const { machine, options } = report;
  const lines = [];
  lines.push("# chuk-mcp benchmark results", "");
  lines.push(
    `Generated by \`pnpm bench${options.quick ? " --quick" : ""}\` on ${machine.date} in ${Math.round(report.elapsedSeconds)} s.` +
      (options.quick ? " **Quick smoke run: short runs, numbers are indicative only.**" : ""),
    "",
  );
  const busy = busyMachineWarning(report);
  if (busy) lines.push(busy, "");
  lines.push("## Setup", "");
  lines.push(
    markdownTable(
      ["", ""],
      [
        ["machine", `${machine.nproc} cores (nproc), ${machine.cpuModel}, ${machine.totalMemoryGb} GB RAM`],
        ["OS", machine.platform],
        ["Node", machine.node],
        ["load average at start", machine.loadAverage.join(", ")],
        ["pinning", report.pinned ? "server on core 0, load generator on core 1 (taskset)" : "none (taskset missing, <2 cores or --no-pin)"],
        ["load generator", describeGenerator(report)],
        [
          "HTTP runs",
          `${options.durationSeconds} s measured × ${options.runs} run(s) per cell (median shown), ${options.warmupSeconds} s warm-up, concurrency ${options.concurrencies.join(", ")}; method and SSE tables at c=${options.methodConcurrency}`,
        ],
        [
          "stdio",
          `${formatNumber(options.stdioSequential)} one-at-a-time tools/call, then ${options.stdioWarmup > 0 ? `a warm-up flood of ${formatNumber(options.stdioWarmup)} and ` : ""}a measured flood of ${formatNumber(options.stdioRequests)} pipelined, × ${options.stdioRuns} run(s) interleaved across servers (medians; ratio = median of same-round ratios)`,
        ],
      ],
    ),
    "",
  );
  lines.push("Package versions:", "");
  lines.push(markdownTable(["package", "version"], Object.entries(machine.packages).map(([name, version]) => [name, version])), "");

  if (report.http.length > 0) {
    const concurrencies = options.concurrencies;
    lines.push("## HTTP: tools/call throughput (JSON mode)", "");
    lines.push(
      "`response` is what the server actually answered with: the SDK v2 serves 2025-era requests through its stateless legacy fallback, which always streams SSE.",
      "",
    );
    lines.push(pivotTable(report.http, concurrencies), "");
    lines.push("### Ratios vs peers (same run)", "");
    lines.push(ratioTable(report.http, concurrencies), "");
    lines.push("### Detail", "");
    lines.push(detailTable(report.http.filter((cell) => cell.section === "throughput")), "");
    const methods = report.http.filter((cell) => cell.section === "methods");
    if (methods.length > 0) {
      lines.push(`## HTTP: other methods (JSON mode, c=${options.methodConcurrency})`, "");
      lines.push(detailTable(methods), "");
    }
    const sse = report.http.filter((cell) => cell.section === "sse");
    if (sse.length > 0) {
      lines.push(`## HTTP: SSE response mode (tools/call, c=${options.methodConcurrency})`, "");
      lines.push(detailTable(sse), "");
    }
  }

  if (report.stdio.length > 0) {
    lines.push("## stdio", "");
    const lineResult = report.stdio.find((row) => row.server === "stdio-line")?.result;
    lines.push(
      markdownTable(
        [
          "server",
          "pipelined msg/s",
          "vs line responder",
          "first flood msg/s",
          "first flood vs line",
          "RSS after flood MB",
          "peak RSS MB",
          "one-at-a-time msg/s",
          "p50 ms",
          "p99 ms",
          "errors",
          "answers after flood",
        ],
        report.stdio.map((row) => [
          row.label,
          formatNumber(row.result.pipelinedPerSecond),
          stdioRatio(row.result, lineResult),
          row.result.warmupRequests > 0 ? formatNumber(row.result.firstFloodPerSecond) : "–",
          row.result.warmupRequests > 0 ? stdioRatio(row.result, lineResult, "first") : "–",
          formatNumber(row.result.rssAfterFloodMb),
          formatNumber(row.result.peakRssMb),
          formatNumber(row.result.sequentialPerSecond),
          formatMs(row.result.p50Ms),
          formatMs(row.result.p99Ms),
          String(row.result.errors),
          row.result.answeredAfterFlood ? "yes" : "**no**",
        ]),
        ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right", "right", "left"],
      ),
      "",
    );
  }

  if (report.micro.length > 0) {
    lines.push(`## Micro benchmarks (tinybench, ${options.microTimeMs} ms per task)`, "");
    lines.push(
      markdownTable(
        ["group", "task", "ops/s", "p50 µs", "p99 µs", "±rme %"],
        report.micro.map((row) => [
          row.group,
          row.name,
          formatNumber(row.opsPerSecond),
          formatNumber(row.p50Micros, 2),
          formatNumber(row.p99Micros, 2),
          formatNumber(row.rmePercent, 1),
        ]),
        ["left", "left", "right", "right", "right", "right"],
      ),
      "",
    );
  }

  if (report.cold.length > 0) {
    lines.push(`## Cold start (spawn → first successful initialize, median of ${options.coldSamples})`, "");
    lines.push(
      markdownTable(
        ["server", "spawn → listening ms", "spawn → first response ms", "× bare node:http", "RSS after first response MB"],
        report.cold.map((row) => {
          const bare = report.cold.find((other) => other.server === "node-http")?.result.firstResponseMs;
          const ratio = bare ? `${(row.result.firstResponseMs / bare).toFixed(2)}×` : "–";
          return [row.label, formatNumber(row.result.readyMs), formatNumber(row.result.firstResponseMs), ratio, formatNumber(row.result.rssMb)];
        }),
        ["left", "right", "right", "right", "right"],
      ),
      "",
    );
  }

  if (report.bundle.length > 0) {
    lines.push("## Bundle size of a minimal server (esbuild, node ESM, minified, all dependencies inlined)", "");
    lines.push(
      markdownTable(
        ["server", "bundle", "gzip", "source files", "left external (not installed)"],
        report.bundle.map((row) => [
          row.label,
          formatBytes(row.result.bytes),
          formatBytes(row.result.gzipBytes),
          String(row.result.inputs),
          row.result.unresolved.join(", ") || "–",
        ]),
        ["left", "right", "right", "right", "left"],
      ),
      "",
    );
  }

  if (report.notes && report.notes.length > 0) {
    lines.push("## Notes", "", ...report.notes.map((note) => `- ${note}`), "");
  }

  lines.push("## Failures", "");
  if (report.failures.length === 0) lines.push("None: every server started and every run finished without errors.", "");
  else lines.push(...report.failures.map((failure) => `- ${failure.split("\n")[0]}`), "");
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
