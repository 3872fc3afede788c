/**
 * Facts about the machine and the run: cores, CPU model, versions, CPU pinning
 * and process memory.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const BENCHMARKS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVERS_DIR = path.join(BENCHMARKS_DIR, "servers");

/** @returns {string | undefined} absolute path of taskset, if installed */
export function findTaskset() {
  for (const candidate of ["/usr/bin/taskset", "/bin/taskset", "/usr/local/bin/taskset"]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Which cores the server and the load generator get. With fewer than two cores
 * nothing is pinned.
 */
export function pinningPlan() {
  const taskset = findTaskset();
  const cores = os.availableParallelism();
  if (!taskset || cores < 2) return { taskset: undefined, serverCore: undefined, generatorCore: undefined };
  return { taskset, serverCore: 0, generatorCore: 1 };
}

/**
 * Pins the current process (the load generator) to one core.
 * @param {{ taskset?: string, generatorCore?: number }} plan
 * @returns {boolean} whether pinning worked
 */
export function pinCurrentProcess(plan) {
  if (!plan.taskset || plan.generatorCore === undefined) return false;
  try {
    execFileSync(plan.taskset, ["-cp", String(plan.generatorCore), String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat;
 * undefined where /proc is not available.
 * @param {number} pid
 * @returns {number | undefined}
 */
export function processCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at state; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Memory of a process, from /proc (Linux) or `ps` elsewhere.
 * @param {number} pid
 * @returns {{ rssMb: number | undefined, peakRssMb: number | undefined }}
 */
export function processMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (/** @type {string} */ name) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
      return match ? Number(match[1]) / 1024 : undefined;
    };
    return { rssMb: field("VmRSS"), peakRssMb: field("VmHWM") };
  } catch {
    try {
      const kilobytes = Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" }).trim());
      return { rssMb: Number.isFinite(kilobytes) ? kilobytes / 1024 : undefined, peakRssMb: undefined };
    } catch {
      return { rssMb: undefined, peakRssMb: undefined };
    }
  }
}

/** @returns {string} */
function cpuModel() {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim();
  if (model) return model;
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    return /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Installed version of a package as the benchmarks resolve it (every reported
 * package is a direct dependency, linked under benchmarks/node_modules).
 * @param {string} name
 * @returns {string}
 */
export function packageVersion(name) {
  const manifest = path.join(BENCHMARKS_DIR, "node_modules", ...name.split("/"), "package.json");
  try {
    const parsed = JSON.parse(readFileSync(manifest, "utf8"));
    const built = existsSync(path.join(path.dirname(manifest), "dist")) || !name.includes("chuk-mcp");
    return `${parsed.version ?? "?"}${built ? "" : " (not built)"}`;
  } catch {
    return "not installed";
  }
}

export const REPORTED_PACKAGES = [
  "chuk-mcp",
  "@chuk-mcp/core",
  "@chuk-mcp/http",
  "@chuk-mcp/stdio",
  "@modelcontextprotocol/sdk",
  "@modelcontextprotocol/server",
  "@modelcontextprotocol/node",
  "fastmcp",
  "hono",
  "@hono/node-server",
  "autocannon",
  "tinybench",
  "esbuild",
  "typebox",
  "zod",
];

/** Everything RESULTS.md states about where the numbers came from. */
export function describeMachine() {
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpuModel: cpuModel(),
    totalMemoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    packages: Object.fromEntries(REPORTED_PACKAGES.map((name) => [name, packageVersion(name)])),
  };
}
