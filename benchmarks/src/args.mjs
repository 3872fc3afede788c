/**
 * Command-line options of `pnpm bench`.
 */
import { parseArgs } from "node:util";

export const SUITES = ["http", "stdio", "micro", "cold", "bundle"];

export const USAGE = `Usage: pnpm bench [options]

  --quick                 short smoke run (< 2 min): 0.6 s runs, concurrency 10, 10k stdio requests
  --suites <list>         comma list of ${SUITES.join(", ")} (default: all)
  --only <ids>            only these servers (ids: node-http, hono, sdk-v1, sdk-v2, fastmcp, ours, stdio-line)
  --skip <ids>            leave these servers out (e.g. --skip ours while it is not built)
  --concurrency <list>    HTTP concurrencies (default 1,10,50,100; quick 10)
  --duration <seconds>    measured seconds per HTTP run (default 10; quick 0.6)
  --warmup <seconds>      warm-up seconds before each HTTP cell (default 2; quick 0 with wrk, 0.3 with autocannon)
  --runs <n>              measured runs per cell; the table shows medians (default 3; quick 1)
  --stdio-runs <n>        stdio rounds, interleaved across servers (default 7; quick 1)
  --stdio-requests <n>    pipelined stdio requests per flood (default 100000; quick 10000)
  --stdio-warmup <n>      pipelined requests of the warm-up flood before the measured one
                          (default: a fifth of --stdio-requests; 0 = no warm-up flood)
  --stdio-sequential <n>  one-at-a-time stdio requests (default 5000; quick 500)
  --cold-samples <n>      cold starts per server (default 5; quick 1)
  --micro-time <ms>       tinybench time per task (default 1000; quick 100)
  --out <file>            markdown output (default RESULTS.md; quick RESULTS.quick.md)
  --generator <name>      HTTP load generator: wrk (default; its own process on the
                          generator core, installed with apt-get when missing and root)
                          or autocannon (in-process; --quick falls back to it without wrk)
  --cpu-prof              run ours with --cpu-prof; profiles land in benchmarks/profiles/
  --no-pin                do not pin server and generator to separate cores
  --help                  this text`;

/**
 * @typedef {object} BenchOptions
 * @property {boolean} quick
 * @property {string[]} suites
 * @property {string[] | undefined} only
 * @property {string[]} skip
 * @property {number[]} concurrencies
 * @property {number} methodConcurrency   concurrency for the per-method and SSE tables
 * @property {number} durationSeconds
 * @property {number} warmupSeconds
 * @property {number} runs
 * @property {number} stdioRuns
 * @property {number} stdioRequests
 * @property {number} stdioWarmup
 * @property {number} stdioSequential
 * @property {number} coldSamples
 * @property {number} microTimeMs
 * @property {string} out
 * @property {"wrk" | "autocannon"} generator
 * @property {boolean} cpuProf
 * @property {boolean} pin
 * @property {boolean} help
 */

/**
 * @param {string} flag
 * @param {string | undefined} value
 * @param {number} fallback
 * @param {{ integer?: boolean, min?: number }} [rules]
 */
function numberOption(flag, value, fallback, rules = {}) {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  const min = rules.min ?? 0;
  if (!Number.isFinite(parsed) || parsed < min || (rules.integer && !Number.isInteger(parsed))) {
    throw new Error(`${flag} must be ${rules.integer ? "an integer" : "a number"} ≥ ${min}, got "${value}"`);
  }
  return parsed;
}

/**
 * @param {string | undefined} value
 */
function listOption(value) {
  return value === undefined ? undefined : value.split(",").map((item) => item.trim()).filter(Boolean);
}

/**
 * Parses argv into options, with quick-mode defaults.
 * @param {string[]} argv
 * @returns {BenchOptions}
 */
export function parseBenchArgs(argv) {
  const { values } = parseArgs({
    args: argv.filter((argument) => argument !== "--"),
    strict: true,
    options: {
      quick: { type: "boolean", default: false },
      suites: { type: "string" },
      only: { type: "string" },
      skip: { type: "string" },
      concurrency: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      runs: { type: "string" },
      "stdio-runs": { type: "string" },
      "stdio-requests": { type: "string" },
      "stdio-warmup": { type: "string" },
      "stdio-sequential": { type: "string" },
      "cold-samples": { type: "string" },
      "micro-time": { type: "string" },
      out: { type: "string" },
      generator: { type: "string" },
      "cpu-prof": { type: "boolean", default: false },
      "no-pin": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const quick = values.quick ?? false;
  const suites = listOption(values.suites) ?? SUITES;
  for (const suite of suites) {
    if (!SUITES.includes(suite)) throw new Error(`Unknown suite "${suite}" in --suites: use ${SUITES.join(", ")}`);
  }
  const concurrencies = (listOption(values.concurrency) ?? (quick ? ["10"] : ["1", "10", "50", "100"])).map((value) =>
    numberOption("--concurrency", value, 1, { integer: true, min: 1 }),
  );
  const generator = values.generator ?? "wrk";
  if (generator !== "wrk" && generator !== "autocannon") {
    throw new Error(`Unknown --generator "${generator}": use wrk or autocannon`);
  }
  const stdioRequests = numberOption("--stdio-requests", values["stdio-requests"], quick ? 10_000 : 100_000, { integer: true, min: 1 });
  return {
    quick,
    suites,
    only: listOption(values.only),
    skip: listOption(values.skip) ?? [],
    concurrencies,
    methodConcurrency: quick ? Math.min(...concurrencies) : concurrencies.includes(50) ? 50 : Math.max(...concurrencies),
    durationSeconds: numberOption("--duration", values.duration, quick ? 0.6 : 10, { min: 0.1 }),
    // wrk runs whole seconds, so a quick wrk run skips the warm-up to stay a smoke test.
    warmupSeconds: numberOption("--warmup", values.warmup, quick ? (generator === "wrk" ? 0 : 0.3) : 2),
    runs: numberOption("--runs", values.runs, quick ? 1 : 3, { integer: true, min: 1 }),
    // A pipelined stdio run lasts a tenth of a second for the fastest servers, so one noisy
    // moment moves it a lot: more rounds than HTTP (they cost seconds, not minutes).
    stdioRuns: numberOption("--stdio-runs", values["stdio-runs"], quick ? 1 : 7, { integer: true, min: 1 }),
    stdioRequests,
    // The JIT first meets pipelined traffic in a flood: the warm-up flood takes that cost, as
    // the HTTP suite's warm-up run does, and its rate is reported as the first-flood number.
    // A fifth, not a whole flood: the official SDKs' stdio servers slow down to a crawl when a
    // second 100k flood follows a first one (seen: several minutes at full CPU, 470 MB).
    stdioWarmup: numberOption("--stdio-warmup", values["stdio-warmup"], Math.ceil(stdioRequests / 5), { integer: true, min: 0 }),
    stdioSequential: numberOption("--stdio-sequential", values["stdio-sequential"], quick ? 500 : 5_000, { integer: true, min: 1 }),
    coldSamples: numberOption("--cold-samples", values["cold-samples"], quick ? 1 : 5, { integer: true, min: 1 }),
    microTimeMs: numberOption("--micro-time", values["micro-time"], quick ? 100 : 1000, { min: 10 }),
    out: values.out ?? (quick ? "RESULTS.quick.md" : "RESULTS.md"),
    generator,
    cpuProf: values["cpu-prof"] ?? false,
    pin: !(values["no-pin"] ?? false),
    help: values.help ?? false,
  };
}
