#!/usr/bin/env node
// Runs the official MCP conformance suites against the built conformance server.
//
//   pnpm conformance [--only <run>] [--scenario <name>] [--verbose] [--run-timeout <seconds>]
//
// Runs (each against a fresh server on a free loopback port, suite executed by Node 22):
//   stable-active    @modelcontextprotocol/conformance@0.1.16 server --suite active    (scored)
//   stable-pending   @modelcontextprotocol/conformance@0.1.16 server --suite pending   (not scored)
//   next-2025-11-25  @modelcontextprotocol/conformance@0.2.0-alpha.12 --requirements 2025-11-25
//   next-2026-07-28  @modelcontextprotocol/conformance@0.2.0-alpha.12 --requirements 2026-07-28
//   workers-2026-07-28  the same requirement set against the fixtures as a Cloudflare Worker in
//                       workerd (apps/cloudflare `serve:conformance` = wrangler dev --local)
//   lambda-2026-07-28   the same against the fixtures behind the Lambda adapter under
//                       serverless-offline (apps/lambda `serve:conformance`, HTTP API events)
// For the two requirement runs the suite's own list decides what is scored.
// Results land in apps/conformance/results/<run>/ (git-ignored). Builds nothing: run
// `pnpm turbo run build --filter @chuk-mcp/app-conformance...` first.
import { spawn, execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);
const appDirectory = join(dirname(fileURLToPath(import.meta.url)), "..");
const resultsDirectory = join(appDirectory, "results");
const serverEntry = join(appDirectory, "dist", "index.js");
const resultsModule = join(appDirectory, "dist", "runner", "results.js");
const node22 = join(appDirectory, "node_modules", "node", "bin", "node");
const suites = {
  stable: join(appDirectory, "node_modules", "conformance-stable", "dist", "index.js"),
  next: join(appDirectory, "node_modules", "conformance-next", "dist", "index.js"),
};
// 0.1.16 has no requirement sets; these two are its `pending` suite (never scored).
const STABLE_PENDING = ["json-schema-2020-12", "server-sse-polling"];

const RUNS = [
  { name: "stable-active", suite: "stable", args: ["--suite", "active"] },
  { name: "stable-pending", suite: "stable", args: ["--suite", "pending"] },
  { name: "next-2025-11-25", suite: "next", requirements: "2025-11-25" },
  { name: "next-2026-07-28", suite: "next", requirements: "2026-07-28" },
  { name: "workers-2026-07-28", suite: "next", requirements: "2026-07-28", target: "workers" },
  {
    name: "lambda-2026-07-28",
    suite: "next",
    requirements: "2026-07-28",
    target: "lambda",
    // API Gateway (and serverless-offline) buffer a function's answer until it ends, so the
    // long-lived subscriptions/listen stream this scenario opens cannot deliver frames there.
    // On AWS it needs the streaming Function URL handler (apps/lambda src/stream.ts), which no
    // npm emulator hosts. Reported, not scored.
    unscored: ["server-stateless"],
  },
];

// Serverless targets: the app's `serve:conformance` script in the platform's local runtime.
const TARGETS = {
  workers: { directory: join(appDirectory, "..", "cloudflare"), env: { WRANGLER_SEND_METRICS: "false" }, startupTimeoutMs: 120_000 },
  lambda: { directory: join(appDirectory, "..", "lambda"), env: {}, startupTimeoutMs: 120_000, lambdaPort: true },
};

function usage(message) {
  if (message) console.error(`[conformance] ${message}`);
  console.error(
    "usage: conformance.mjs [--only <run>] [--scenario <name>] [--verbose] [--run-timeout <seconds>]\n" +
      `runs: ${RUNS.map((run) => run.name).join(", ")}`,
  );
  process.exit(2);
}

function parseArguments(argv) {
  const options = { only: undefined, scenario: undefined, verbose: false, runTimeoutSeconds: 900 };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    // `pnpm … conformance -- --only x` forwards the separator itself.
    if (argument === "--") continue;
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith("--")) usage(`${argument} needs a value`);
      index += 1;
      return next;
    };
    if (argument === "--only") options.only = value();
    else if (argument === "--scenario") options.scenario = value();
    else if (argument === "--verbose") options.verbose = true;
    else if (argument === "--run-timeout") {
      options.runTimeoutSeconds = Number(value());
      if (!Number.isFinite(options.runTimeoutSeconds) || options.runTimeoutSeconds <= 0) usage("--run-timeout must be a positive number of seconds");
    } else if (argument === "--help" || argument === "-h") usage();
    else usage(`unknown option ${argument}`);
  }
  if (options.only !== undefined && !RUNS.some((run) => run.name === options.only)) usage(`unknown run "${options.only}"`);
  return options;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        reject(new Error(`server exited with code ${child.exitCode} before listening`));
        return;
      }
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`server did not listen on port ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Waits until `url` answers HTTP at all (a local runtime listens before it can serve). */
async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before answering`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not answer at ${url} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Starts `node dist/index.js` (or, for a serverless target, the app's `serve:conformance`) with
 * PORT set; resolves once it accepts connections.
 */
async function startServer(logFile, targetName) {
  const port = await freePort();
  const output = [];
  const target = targetName === undefined ? undefined : TARGETS[targetName];
  const env = { ...process.env, PORT: String(port), ...(target?.env ?? {}) };
  if (target?.lambdaPort) env.LAMBDA_PORT = String(await freePort());
  const child =
    target === undefined
      ? spawn(process.execPath, [serverEntry], { cwd: appDirectory, env, stdio: ["ignore", "pipe", "pipe"] })
      : spawn("pnpm", ["run", "--silent", "serve:conformance"], { cwd: target.directory, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const kill = (signal) => {
    if (target === undefined) return void child.kill(signal);
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  };
  child.stdout.on("data", (chunk) => output.push(chunk));
  child.stderr.on("data", (chunk) => output.push(chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      kill("SIGTERM");
      const timer = setTimeout(() => kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    await writeFile(logFile, Buffer.concat(output));
  };
  try {
    if (target === undefined) await waitForPort(port, child, 10_000);
    else await waitForHttp(`http://127.0.0.1:${port}/mcp`, child, target.startupTimeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}; server output:\n${Buffer.concat(output).toString()}`);
  }
  return { url: `http://127.0.0.1:${port}/mcp`, stop };
}

/** Runs the suite CLI with a hard timeout; the whole process group is killed on expiry. */
function runSuite(args, { timeoutMs, verbose, logFile }) {
  return new Promise((resolve) => {
    const output = [];
    const child = spawn(node22, args, { cwd: appDirectory, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const collect = (chunk) => {
      output.push(chunk);
      if (verbose) process.stdout.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.once("close", async (code, signal) => {
      clearTimeout(timer);
      await writeFile(logFile, Buffer.concat(output));
      resolve({ code, signal, timedOut });
    });
  });
}

async function listScenarios(run) {
  if (run.suite === "stable") {
    const { stdout } = await execFileAsync(node22, [suites.stable, "list", "--server"], { timeout: 30_000 });
    return stdout;
  }
  const { stdout } = await execFileAsync(node22, [suites.next, "list", "--server", "--requirements", run.requirements], { timeout: 30_000 });
  return stdout;
}

/** Which scenarios a run covers, and which of them are scored. */
async function planRun(run, results) {
  const listing = await listScenarios(run);
  if (run.suite === "stable") {
    const all = results.parseScenarioList(listing);
    const pending = run.args.includes("pending");
    const names = pending ? all.filter((name) => STABLE_PENDING.includes(name)) : all.filter((name) => !STABLE_PENDING.includes(name));
    return names.map((scenario) => ({ scenario, scored: !pending }));
  }
  const { scored, notScored } = results.parseRequiredScenarios(listing);
  const unscored = new Set(run.unscored ?? []);
  return [...scored.map((scenario) => ({ scenario, scored: !unscored.has(scenario) })), ...notScored.map((scenario) => ({ scenario, scored: false }))];
}

function suiteArguments(run, url, outputDirectory, scenario) {
  const base = [suites[run.suite], "server", "--url", url, "-o", outputDirectory];
  if (scenario !== undefined) {
    if (run.suite === "stable") return [...base, "--scenario", scenario];
    // --requirements cannot be combined with --scenario: pin the wire version instead.
    return [...base, "--scenario", scenario, "--spec-version", run.requirements, "--force"];
  }
  if (run.suite === "stable") return [...base, ...run.args];
  return [...base, "--requirements", run.requirements];
}

async function readRunResults(outputDirectory, plan, results) {
  const byScenario = new Map();
  const entries = existsSync(outputDirectory) ? await readdir(outputDirectory) : [];
  for (const entry of entries.sort()) {
    const scenario = results.scenarioFromDirectory(entry);
    const file = join(outputDirectory, entry, "checks.json");
    if (scenario === undefined || !existsSync(file)) continue;
    byScenario.set(scenario, results.parseChecks(JSON.parse(await readFile(file, "utf8")), file));
  }
  return plan.map(({ scenario, scored }) => ({ scenario, scored, checks: byScenario.get(scenario) }));
}

async function executeRun(run, options, results) {
  const runDirectory = join(resultsDirectory, run.name);
  await rm(runDirectory, { recursive: true, force: true });
  await mkdir(runDirectory, { recursive: true });
  let plan = await planRun(run, results);
  if (options.scenario !== undefined) {
    plan = plan.filter((entry) => entry.scenario === options.scenario);
    if (plan.length === 0) return undefined;
  }
  console.log(`[conformance] ${run.name}: ${plan.length} scenario(s)`);
  const outputDirectory = join(runDirectory, "checks");
  const server = await startServer(join(runDirectory, "server.log"), run.target);
  let outcome;
  try {
    outcome = await runSuite(suiteArguments(run, server.url, outputDirectory, options.scenario), {
      timeoutMs: options.runTimeoutSeconds * 1000,
      verbose: options.verbose,
      logFile: join(runDirectory, "suite.log"),
    });
  } finally {
    await server.stop();
  }
  const scenarios = await readRunResults(outputDirectory, plan, results);
  const error = outcome.timedOut
    ? `suite killed after ${options.runTimeoutSeconds}s (see results/${run.name}/suite.log)`
    : outcome.code === null
      ? `suite ended by signal ${outcome.signal}`
      : undefined;
  const result = { run: run.name, scenarios, ...(error === undefined ? {} : { error }) };
  await writeFile(join(runDirectory, "summary.json"), JSON.stringify(result, null, 2));
  return result;
}

function printFailures(runResults) {
  for (const run of runResults) {
    for (const scenario of run.scenarios) {
      if (scenario.checks === undefined) {
        console.log(`  ${run.run} / ${scenario.scenario}: no results written`);
        continue;
      }
      for (const check of scenario.checks) {
        if (check.status !== "FAILURE") continue;
        console.log(`  ${run.run} / ${scenario.scenario} / ${check.id}: ${(check.errorMessage ?? check.description ?? "").split("\n")[0]}`);
      }
    }
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  for (const [label, path] of [["built server", serverEntry], ["built runner helpers", resultsModule], ["Node 22", node22], ["suite 0.1.16", suites.stable], ["suite 0.2.0-alpha.12", suites.next]]) {
    if (!existsSync(path)) {
      console.error(`[conformance] ${label} missing at ${path}. Run \`pnpm install\` and \`pnpm turbo run build --filter @chuk-mcp/app-conformance...\` first.`);
      process.exit(2);
    }
  }
  const results = await import(resultsModule);
  const selected = RUNS.filter((run) => options.only === undefined || run.name === options.only);
  const runResults = [];
  for (const run of selected) {
    try {
      const result = await executeRun(run, options, results);
      if (result !== undefined) runResults.push(result);
    } catch (error) {
      runResults.push({ run: run.name, scenarios: [], error: `could not run: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  if (options.scenario !== undefined && runResults.every((run) => run.scenarios.length === 0 && run.error === undefined)) {
    console.error(`[conformance] no selected run includes scenario "${options.scenario}"`);
    process.exit(2);
  }
  const summary = results.formatSummaryTable(runResults);
  console.log("");
  console.log(summary.table);
  console.log("");
  console.log("Failed checks:");
  printFailures(runResults);
  console.log("");
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  const runErrors = runResults.some((run) => run.error !== undefined);
  process.exit(summary.scoredFailures > 0 || runErrors ? 1 : 0);
}

main().catch((error) => {
  console.error("[conformance] runner failed:", error);
  process.exit(1);
});
