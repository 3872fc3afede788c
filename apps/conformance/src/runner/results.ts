/**
 * Pure helpers for the conformance runner (`scripts/conformance.mjs`): read the suite's
 * per-scenario `checks.json` files, decide pass/fail, and print one summary table.
 * Kept in `src` so they are typed and unit-tested; the script imports the built copy.
 */

/** Statuses the suites give a check. Only FAILURE fails a scenario; WARNING is reported. */
export type CheckStatus = "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | "SKIPPED";

export interface Check {
  id: string;
  name: string;
  description?: string;
  status: CheckStatus;
  errorMessage?: string;
  details?: unknown;
}

export interface ScenarioResult {
  scenario: string;
  /** Whether a failure of this scenario makes the run (and the script) fail. */
  scored: boolean;
  /** `undefined` when the suite never wrote results for it (crash, timeout). */
  checks: Check[] | undefined;
}

export interface RunResult {
  run: string;
  scenarios: ScenarioResult[];
  /** Set when the suite process itself failed to finish (timeout, crash). */
  error?: string;
}

export interface CheckCounts {
  passed: number;
  failed: number;
  warnings: number;
}

const STATUSES = new Set<string>(["SUCCESS", "FAILURE", "WARNING", "INFO", "SKIPPED"]);

/** Validates a parsed `checks.json`; throws with the file's problem spelled out. */
export function parseChecks(json: unknown, source: string): Check[] {
  if (!Array.isArray(json)) {
    throw new TypeError(`[conformance] ${source}: expected an array of checks, got ${typeof json}`);
  }
  return json.map((entry: unknown, index) => {
    const check = entry as Partial<Check> | null;
    if (typeof check !== "object" || check === null || typeof check.id !== "string" || !STATUSES.has(String(check.status))) {
      throw new TypeError(`[conformance] ${source}: check ${index} has no id or an unknown status`);
    }
    return check as Check;
  });
}

export function summariseChecks(checks: readonly Check[]): CheckCounts {
  let passed = 0;
  let failed = 0;
  let warnings = 0;
  for (const check of checks) {
    if (check.status === "SUCCESS") passed += 1;
    else if (check.status === "FAILURE") failed += 1;
    else if (check.status === "WARNING") warnings += 1;
  }
  return { passed, failed, warnings };
}

/** A scenario fails if any check failed or if it produced no results at all. */
export function scenarioFailed(result: ScenarioResult): boolean {
  return result.checks === undefined || result.checks.some((check) => check.status === "FAILURE");
}

const RESULT_DIRECTORY = /^server-(.+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)$/;

/**
 * The scenario name inside a suite result directory name
 * (`server-<scenario>-<ISO time with ':' and '.' replaced by '-'>`), or undefined.
 */
export function scenarioFromDirectory(directory: string): string | undefined {
  return RESULT_DIRECTORY.exec(directory)?.[1];
}

/**
 * Server scenarios from `conformance list --server --requirements <revision>` output:
 * `scored` are the required ones, `notScored` those listed as run-but-never-scored.
 */
export function parseRequiredScenarios(listOutput: string): { scored: string[]; notScored: string[] } {
  const scored: string[] = [];
  const notScored: string[] = [];
  let section: "server" | "client" | "notScored" | undefined;
  for (const line of listOutput.split(/\r?\n/)) {
    if (line.startsWith("Server scenarios")) section = "server";
    else if (line.startsWith("Client scenarios")) section = "client";
    else if (line.startsWith("Run and reported")) section = "notScored";
    const item = /^\s+- (\S+)(?: \[(\w+)\])?/.exec(line);
    if (item === null) continue;
    const name = item[1] ?? "";
    if (section === "server") scored.push(name);
    else if (section === "notScored" && item[2] === "server") notScored.push(name);
  }
  return { scored, notScored };
}

/** Scenario names from `conformance list --server` (0.1.16 style: `  - name [versions]`). */
export function parseScenarioList(listOutput: string): string[] {
  const names: string[] = [];
  for (const line of listOutput.split(/\r?\n/)) {
    const item = /^\s+- (\S+)/.exec(line);
    if (item?.[1] !== undefined) names.push(item[1]);
  }
  return names;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/**
 * One table: a row per scenario, a `passed/failed/warnings` column per run
 * (`-` where the run does not include the scenario, `n/a` where it produced nothing,
 * `*` after a count marks an unscored scenario). Ends with the plain
 * `N passed, N failed` line counting scenario×run pairs.
 */
export function formatSummaryTable(runs: readonly RunResult[]): { table: string; passed: number; failed: number; scoredFailures: number } {
  const scenarios: string[] = [];
  for (const run of runs) {
    for (const result of run.scenarios) if (!scenarios.includes(result.scenario)) scenarios.push(result.scenario);
  }
  const nameWidth = Math.max(8, ...scenarios.map((scenario) => scenario.length));
  const columnWidth = Math.max(12, ...runs.map((run) => run.run.length));
  const lines = [
    [pad("scenario", nameWidth), ...runs.map((run) => pad(run.run, columnWidth))].join("  "),
    [
      "-".repeat(nameWidth),
      ...runs.map(() => "-".repeat(columnWidth)),
    ].join("  "),
  ];
  let passed = 0;
  let failed = 0;
  let scoredFailures = 0;
  for (const scenario of scenarios) {
    const cells = runs.map((run) => {
      const result = run.scenarios.find((candidate) => candidate.scenario === scenario);
      if (result === undefined) return pad("-", columnWidth);
      const didFail = scenarioFailed(result);
      if (didFail) failed += 1;
      else passed += 1;
      if (didFail && result.scored) scoredFailures += 1;
      const marker = result.scored ? "" : "*";
      if (result.checks === undefined) return pad(`n/a${marker}`, columnWidth);
      const counts = summariseChecks(result.checks);
      const flag = didFail ? " x" : "";
      return pad(`${counts.passed}/${counts.failed}/${counts.warnings}${marker}${flag}`, columnWidth);
    });
    lines.push([pad(scenario, nameWidth), ...cells].join("  "));
  }
  lines.push("");
  lines.push("cells: passed/failed/warnings checks; x = scenario failed; * = not scored; n/a = no results; - = not in run");
  for (const run of runs) if (run.error !== undefined) lines.push(`run ${run.run}: ${run.error}`);
  return { table: lines.join("\n"), passed, failed, scoredFailures };
}
