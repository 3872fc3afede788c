/**
 * HTTP load suite: for each server (one child process per server and response
 * mode) and each protocol era it speaks, probe the answer, warm up, run N
 * measured load runs per cell (wrk in its own process on the generator core, or
 * in-process autocannon as a fallback) and keep the medians, with the CPU the
 * server and the generator each used over the runs.
 */
import path from "node:path";
import { runLoad } from "./http-load.mjs";
import { runWrkLoad } from "./wrk-load.mjs";
import { BENCHMARKS_DIR, processCpuSeconds } from "./machine.mjs";
import { ERA_2025, LOAD_METHODS, buildLoadRequest, checkRpcResult, initializeSession, sendOnce } from "./mcp-requests.mjs";
import { startServer } from "./server-process.mjs";
import { median } from "./stats.mjs";

/**
 * @typedef {object} CellPlan
 * @property {"throughput" | "methods" | "sse"} section
 * @property {string} era            "2025" | "2026" | "any"
 * @property {string} method         one of LOAD_METHODS
 * @property {number} connections
 */

/**
 * @typedef {object} GroupPlan
 * @property {import("./catalog.mjs").HttpServerEntry} entry
 * @property {"json" | "sse"} mode
 * @property {CellPlan[]} cells
 */

/**
 * @typedef {object} HttpCell
 * @property {string} section
 * @property {string} server
 * @property {string} label
 * @property {string} era
 * @property {string} mode            response mode the server was started in
 * @property {string} responseType    what it actually answered with: "json" | "sse"
 * @property {string} method
 * @property {string} rpcMethod
 * @property {number} connections
 * @property {number} requestsPerSecond median over runs
 * @property {number} p50Ms             median over runs
 * @property {number} p99Ms             median over runs
 * @property {number} errors            sum over runs
 * @property {number} requests          sum over runs
 * @property {number[]} samples         req/s of each run
 * @property {number | undefined} rssMb server RSS after the cell
 * @property {number | undefined} cpuMicrosPerRequest server CPU time (user + system) per request, median of the runs
 * @property {number | undefined} serverCpuPercent    server CPU over a run (100 = one core), median of the runs
 * @property {number | undefined} generatorCpuPercent load generator CPU over a run, median of the runs
 * @property {string} generator                       "wrk" | "autocannon"
 */

/**
 * Which cells to run for which servers.
 * @param {import("./catalog.mjs").HttpServerEntry[]} servers
 * @param {{ concurrencies: number[], methodConcurrency: number }} options
 * @returns {GroupPlan[]}
 */
export function planHttpRuns(servers, options) {
  /** @type {GroupPlan[]} */
  const groups = [];
  for (const entry of servers) {
    /** @type {CellPlan[]} */
    const jsonCells = [];
    for (const era of entry.eras) {
      for (const connections of options.concurrencies) {
        jsonCells.push({ section: "throughput", era, method: "tools/call", connections });
      }
      if (!entry.fixedReply) {
        for (const method of LOAD_METHODS.filter((name) => name !== "tools/call")) {
          jsonCells.push({ section: "methods", era, method, connections: options.methodConcurrency });
        }
      }
    }
    groups.push({ entry, mode: "json", cells: jsonCells });
    if (entry.modes.includes("sse")) {
      groups.push({
        entry,
        mode: "sse",
        cells: entry.eras.map((era) => ({ section: "sse", era, method: "tools/call", connections: options.methodConcurrency })),
      });
    }
  }
  return groups;
}

/**
 * Sends one request and says what is wrong with the answer, if anything.
 * @param {string} url
 * @param {{ era: string, method: string, session?: { sessionId?: string, protocolVersion?: string } }} request
 * @param {boolean} fixedReply
 */
async function probe(url, request, fixedReply) {
  const reply = await sendOnce(url, buildLoadRequest({ ...request, id: 1 }));
  const responseType = reply.contentType.includes("text/event-stream") ? "sse" : "json";
  if (reply.status < 200 || reply.status >= 300) {
    return { problem: `HTTP ${reply.status}: ${reply.text.slice(0, 300)}`, responseType };
  }
  const problem = checkRpcResult(request.method, reply.message, { fixedReply });
  return { problem: problem === undefined ? undefined : `${problem} (body: ${reply.text.slice(0, 200)})`, responseType };
}

/**
 * @param {{
 *   servers: import("./catalog.mjs").HttpServerEntry[],
 *   concurrencies: number[], methodConcurrency: number,
 *   durationSeconds: number, warmupSeconds: number, runs: number,
 *   pin?: { taskset?: string, serverCore?: number, generatorCore?: number },
 *   generator?: { kind: "wrk", wrk: string } | { kind: "autocannon" },
 *   cpuProf?: boolean,
 *   log?: (line: string) => void,
 * }} options
 * @returns {Promise<{ cells: HttpCell[], failures: string[] }>}
 */
export async function runHttpSuite(options) {
  const log = options.log ?? (() => {});
  const generator = options.generator ?? { kind: "autocannon" };
  /** @param {Parameters<typeof runLoad>[0]} load */
  const drive = (load) =>
    generator.kind === "wrk" ? runWrkLoad({ ...load, wrk: generator.wrk, ...(options.pin ? { pin: options.pin } : {}) }) : runLoad(load);
  /** @type {HttpCell[]} */
  const cells = [];
  /** @type {string[]} */
  const failures = [];
  for (const group of planHttpRuns(options.servers, options)) {
    const { entry, mode } = group;
    const where = `http ${entry.id} (${mode})`;
    let server;
    try {
      server = await startServer({
        file: entry.file,
        env: { BENCH_RESPONSE_MODE: mode },
        ...(entry.needsPort ? { needsPort: true } : {}),
        ...(options.pin ? { pin: options.pin } : {}),
        ...(options.cpuProf && entry.ours
          ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${path.join(BENCHMARKS_DIR, "profiles")}`] }
          : {}),
      });
    } catch (error) {
      failures.push(`${where}: failed to start: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    log(`${where}: started in ${Math.round(server.readyMs)} ms on port ${server.port}`);
    /** @type {Map<string, { sessionId?: string, protocolVersion?: string }>} */
    const sessions = new Map();
    try {
      for (const cell of group.cells) {
        const name = `${where} era ${cell.era} ${cell.method} c=${cell.connections}`;
        if (!server.alive()) {
          failures.push(`${name}: server exited. Output:\n${server.output()}`);
          break;
        }
        try {
          const era = cell.era === "any" ? ERA_2025 : cell.era;
          let session;
          if (cell.era === ERA_2025) {
            session = sessions.get(era) ?? (await initializeSession(server.url));
            sessions.set(era, session);
          }
          const request = { era, method: cell.method, ...(session ? { session } : {}) };
          const before = await probe(server.url, request, entry.fixedReply ?? false);
          if (before.problem) {
            failures.push(`${name}: wrong answer before the run: ${before.problem}`);
            continue;
          }
          const load = buildLoadRequest(request);
          const base = { url: server.url, headers: load.headers, body: load.body, connections: cell.connections };
          if (options.warmupSeconds > 0) await drive({ ...base, durationSeconds: options.warmupSeconds });
          const runs = [];
          /** @type {number[]} */
          const cpuMicros = [];
          /** @type {number[]} */
          const serverCpu = [];
          /** @type {number[]} */
          const generatorCpu = [];
          for (let run = 0; run < options.runs; run += 1) {
            const cpuBefore = processCpuSeconds(server.pid);
            const result = await drive({ ...base, durationSeconds: options.durationSeconds });
            const cpuAfter = processCpuSeconds(server.pid);
            runs.push(result);
            if (cpuBefore !== undefined && cpuAfter !== undefined && result.requests > 0) {
              cpuMicros.push(((cpuAfter - cpuBefore) * 1e6) / result.requests);
              if (result.durationSeconds > 0) serverCpu.push(((cpuAfter - cpuBefore) / result.durationSeconds) * 100);
            }
            if (result.generatorCpuPercent !== undefined) generatorCpu.push(result.generatorCpuPercent);
          }
          const memory = server.memory();
          const after = await probe(server.url, request, entry.fixedReply ?? false);
          if (after.problem) failures.push(`${name}: wrong answer after the run: ${after.problem}`);
          /** @type {HttpCell} */
          const result = {
            section: cell.section,
            server: entry.id,
            label: entry.label,
            era: cell.era,
            mode,
            responseType: before.responseType,
            method: cell.method,
            rpcMethod: load.rpcMethod,
            connections: cell.connections,
            requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
            p50Ms: median(runs.map((run) => run.p50Ms)),
            p99Ms: median(runs.map((run) => run.p99Ms)),
            errors: runs.reduce((sum, run) => sum + run.errors, 0),
            requests: runs.reduce((sum, run) => sum + run.requests, 0),
            samples: runs.map((run) => run.requestsPerSecond),
            rssMb: memory.rssMb,
            cpuMicrosPerRequest: cpuMicros.length > 0 ? median(cpuMicros) : undefined,
            serverCpuPercent: serverCpu.length > 0 ? median(serverCpu) : undefined,
            generatorCpuPercent: generatorCpu.length > 0 ? median(generatorCpu) : undefined,
            generator: generator.kind,
          };
          cells.push(result);
          if (result.errors > 0) {
            const detail = runs.map((run) => `non2xx ${run.non2xx}, bad bodies ${run.mismatches}, total ${run.errors}`).join("; ");
            failures.push(`${name}: ${result.errors} errors during the run (${detail})`);
          }
          if (result.requests === 0) failures.push(`${name}: no request completed`);
          log(
            `${name}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, ` +
              `p99 ${result.p99Ms.toFixed(2)} ms, errors ${result.errors}, ${result.responseType}, RSS ${Math.round(result.rssMb ?? 0)} MB, ` +
              `CPU server ${Math.round(result.serverCpuPercent ?? -1)}% / ${generator.kind} ${Math.round(result.generatorCpuPercent ?? -1)}%`,
          );
        } catch (error) {
          failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      await server.stop();
    }
  }
  return { cells, failures };
}
