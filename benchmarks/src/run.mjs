#!/usr/bin/env node
/**
 * `pnpm bench`: runs the suites, prints the markdown report and writes it to
 * RESULTS.md (RESULTS.quick.md for --quick). Exits 1 if any server failed to
 * start, answered wrongly or had errors during a run; timings are never asserted.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { USAGE, parseBenchArgs } from "./args.mjs";
import { measureBundle } from "./bundle-size.mjs";
import { COLD_EXTRAS, HTTP_SERVERS, STDIO_SERVERS, selectServers } from "./catalog.mjs";
import { measureColdStart } from "./cold-start.mjs";
import { runHttpSuite } from "./http-suite.mjs";
import { BENCHMARKS_DIR, describeMachine, pinCurrentProcess, pinningPlan } from "./machine.mjs";
import { runMicroSuite } from "./micro-suite.mjs";
import { LISTENING_LINE } from "./server-process.mjs";
import { renderReport } from "./report.mjs";
import { combineStdioRuns, measureStdioServer } from "./stdio-suite.mjs";
import { ensureWrk, wrkVersion } from "./wrk-load.mjs";

/** @param {string} line */
function log(line) {
  process.stderr.write(`[bench] ${line}\n`);
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * @param {string[]} argv
 * @returns {Promise<number>} exit code
 */
export async function main(argv) {
  let options;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`${messageOf(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const startedAt = performance.now();
  const machine = describeMachine();
  const plan = options.pin ? pinningPlan() : { taskset: undefined, serverCore: undefined, generatorCore: undefined };
  const pinned = pinCurrentProcess(plan);
  const pin = pinned ? plan : {};
  const filter = { ...(options.only ? { only: options.only } : {}), skip: options.skip };
  const httpServers = selectServers(HTTP_SERVERS, filter);
  const stdioServers = selectServers(STDIO_SERVERS, filter);
  const includeOurs = httpServers.some((entry) => entry.ours) || stdioServers.some((entry) => entry.ours);
  log(`${options.quick ? "quick" : "full"} run: suites ${options.suites.join(", ")}; pinning ${pinned ? "on" : "off"}`);

  /** @type {import("./report.mjs").Report} */
  const report = { machine, options, pinned, elapsedSeconds: 0, http: [], stdio: [], micro: [], cold: [], bundle: [], failures: [], notes: [] };
  const notes = /** @type {string[]} */ (report.notes);

  if (options.suites.includes("http")) {
    /** @type {{ kind: "wrk", wrk: string } | { kind: "autocannon" }} */
    let generator = { kind: "autocannon" };
    if (options.generator === "wrk") {
      const found = ensureWrk({ log });
      if (found.wrk) {
        generator = { kind: "wrk", wrk: found.wrk };
        report.generator = { kind: "wrk", version: wrkVersion(found.wrk) };
      } else if (options.quick) {
        report.generator = { kind: "autocannon", fallbackReason: `wrk missing, the quick smoke run used in-process autocannon, which can be the bottleneck. ${found.problem}` };
        log(`wrk missing: quick run falls back to autocannon`);
      } else {
        process.stderr.write(`${found.problem}
`);
        return 2;
      }
    } else {
      report.generator = { kind: "autocannon" };
    }
    const result = await runHttpSuite({ ...options, servers: httpServers, pin, generator, log });
    report.http = result.cells;
    report.failures.push(...result.failures);
  }

  if (options.suites.includes("stdio")) {
    // Runs are interleaved (every server once per round) so drift hits all servers alike.
    /** @type {Map<string, import("./stdio-suite.mjs").StdioResult[]>} runs of each server that has not failed */
    const stdioRuns = new Map(stdioServers.map((entry) => [entry.id, []]));
    for (let round = 1; round <= options.stdioRuns; round += 1) {
      for (const entry of stdioServers) {
        const runs = stdioRuns.get(entry.id);
        if (runs === undefined) continue;
        try {
          const result = await measureStdioServer({
            file: entry.file,
            requests: options.stdioRequests,
            warmup: options.stdioWarmup,
            sequential: options.stdioSequential,
            timeoutMs: options.quick ? 60_000 : 300_000,
            pin,
            ...(options.cpuProf && entry.ours && round === 1
              ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${path.join(BENCHMARKS_DIR, "profiles")}`] }
              : {}),
          });
          runs.push(result);
          log(
            `stdio ${entry.id} (run ${round}/${options.stdioRuns}): ${Math.round(result.pipelinedPerSecond)} msg/s pipelined (first flood ${Math.round(result.firstFloodPerSecond)}), RSS ${Math.round(result.rssAfterFloodMb)} MB, p50 ${result.p50Ms.toFixed(3)} ms`,
          );
        } catch (error) {
          report.failures.push(`stdio ${entry.id}: ${messageOf(error)}`);
          stdioRuns.delete(entry.id);
        }
      }
    }
    for (const entry of stdioServers) {
      const runs = stdioRuns.get(entry.id);
      if (runs === undefined || runs.length === 0) continue;
      const result = combineStdioRuns(runs);
      report.stdio.push({ server: entry.id, label: entry.label, result });
      if (result.errors > 0) report.failures.push(`stdio ${entry.id}: ${result.errors} error replies`);
      if (!result.answeredAfterFlood) {
        const message = `stdio ${entry.id}: no answer to a ping sent after the ${options.stdioRequests}-request flood (waited 10 s) in at least one run`;
        // A peer going deaf is a finding about the peer; ours going deaf is a bug.
        if (entry.ours) report.failures.push(message);
        else notes.push(message);
      }
    }
  }

  if (options.suites.includes("micro")) {
    log("micro benchmarks");
    const result = await runMicroSuite({ timeMs: options.microTimeMs, includeOurs });
    report.micro = result.rows;
    report.failures.push(...result.failures);
  }

  if (options.suites.includes("cold")) {
    for (const entry of httpServers) {
      try {
        const result = await measureColdStart({
          file: entry.file,
          samples: options.coldSamples,
          pin,
          ...(entry.needsPort ? { needsPort: true } : {}),
        });
        report.cold.push({ server: entry.id, label: entry.label, result });
        log(`cold start ${entry.id}: ${Math.round(result.firstResponseMs)} ms`);
      } catch (error) {
        report.failures.push(`cold start ${entry.id}: ${messageOf(error)}`);
      }
    }
    const only = options.only;
    const extras = COLD_EXTRAS.filter(
      (entry) => (!only || only.includes(entry.id) || only.includes("ours")) && !(options.skip ?? []).includes(entry.id) && !(options.skip ?? []).includes("ours"),
    );
    for (const entry of extras) {
      try {
        const result = await measureColdStart({ file: entry.file, samples: options.coldSamples, pin, readyOnStderr: LISTENING_LINE });
        report.cold.push({ server: entry.id, label: entry.label, result });
        log(`cold start ${entry.id}: ${Math.round(result.firstResponseMs)} ms`);
      } catch (error) {
        report.failures.push(`cold start ${entry.id}: ${messageOf(error)}`);
      }
    }
  }

  if (options.suites.includes("bundle")) {
    for (const entry of httpServers) {
      try {
        const result = await measureBundle(entry.bundleEntry ?? entry.file);
        report.bundle.push({ server: entry.id, label: entry.label, result });
        const missingOwn = result.unresolved.filter((name) => name === "chuk-mcp" || name.startsWith("@chuk-mcp/"));
        if (missingOwn.length > 0) {
          report.failures.push(`bundle ${entry.id}: ${missingOwn.join(", ")} could not be resolved (build them: pnpm turbo run build --filter chuk-mcp...)`);
        }
      } catch (error) {
        report.failures.push(`bundle ${entry.id}: ${messageOf(error)}`);
      }
    }
  }

  report.elapsedSeconds = (performance.now() - startedAt) / 1000;
  const markdown = renderReport(report);
  process.stdout.write(markdown);
  const outFile = path.resolve(BENCHMARKS_DIR, options.out);
  await writeFile(outFile, markdown);
  log(`wrote ${path.relative(process.cwd(), outFile) || outFile} in ${Math.round(report.elapsedSeconds)} s`);
  if (report.failures.length > 0) {
    log(`${report.failures.length} failure(s):`);
    for (const failure of report.failures) process.stderr.write(`  - ${failure}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
