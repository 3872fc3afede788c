import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  formatSummaryTable,
  parseChecks,
  parseRequiredScenarios,
  parseScenarioList,
  scenarioFailed,
  scenarioFromDirectory,
  summariseChecks,
  type Check,
} from "./results.js";

const run = promisify(execFile);
const appDirectory = join(import.meta.dirname, "..", "..");
const node22 = join(appDirectory, "node_modules", "node", "bin", "node");
const nextSuite = join(appDirectory, "node_modules", "conformance-next", "dist", "index.js");
const stableSuite = join(appDirectory, "node_modules", "conformance-stable", "dist", "index.js");

const check = (id: string, status: Check["status"]): Check => ({ id, name: id, status });

describe("parsing the suite's own output", () => {
  const scratch: string[] = [];
  afterAll(async () => {
    for (const directory of scratch) await rm(directory, { recursive: true, force: true });
  });

  it("reads the scored and unscored server scenarios of the 2026-07-28 requirement set", async () => {
    const { stdout } = await run(node22, [nextSuite, "list", "--server", "--requirements", "2026-07-28"], { timeout: 30_000 });
    const { scored, notScored } = parseRequiredScenarios(stdout);
    expect(scored).toContain("server-stateless");
    expect(scored).toContain("input-required-result-multi-round");
    expect(scored).not.toContain("tools_call");
    expect(scored).not.toContain("json-schema-2020-12");
    expect(notScored).toContain("json-schema-2020-12");
    expect(notScored).toContain("tasks-lifecycle");
    expect(notScored.some((name) => name.startsWith("auth/"))).toBe(false);
  });

  it("lists the 0.1.16 server scenarios", async () => {
    const { stdout } = await run(node22, [stableSuite, "list", "--server"], { timeout: 30_000 });
    const names = parseScenarioList(stdout);
    expect(names).toContain("server-initialize");
    expect(names).toContain("server-sse-polling");
    expect(names).toContain("dns-rebinding-protection");
  });

  it("finds the scenario and failing checks in a real result directory", async () => {
    const output = await mkdtemp(join(tmpdir(), "conformance-results-"));
    scratch.push(output);
    // Port 9 (discard) is closed on loopback, so the scenario fails fast with real output.
    await run(
      node22,
      [nextSuite, "server", "--url", "http://127.0.0.1:9/mcp", "--scenario", "ping", "--spec-version", "2025-11-25", "-o", output],
      { timeout: 60_000 },
    ).catch(() => undefined);
    const [directory] = await readdir(output);
    expect(directory).toBeDefined();
    expect(scenarioFromDirectory(directory ?? "")).toBe("ping");
    const checks = parseChecks(JSON.parse(await readFile(join(output, directory ?? "", "checks.json"), "utf8")), "checks.json");
    expect(checks.find((entry) => entry.id === "ping")?.status).toBe("FAILURE");
    expect(scenarioFailed({ scenario: "ping", scored: true, checks })).toBe(true);
  });
});

describe("result helpers", () => {
  it("keeps hyphenated scenario names whole when reading directory names", () => {
    expect(scenarioFromDirectory("server-input-required-result-multi-round-2026-11-21T14-19-26-070Z")).toBe("input-required-result-multi-round");
    expect(scenarioFromDirectory("summary.json")).toBeUndefined();
  });

  it("rejects a checks file that is not a list of checks, naming the file", () => {
    expect(() => parseChecks({ id: "x" }, "a/checks.json")).toThrow(/a\/checks.json: expected an array/);
    expect(() => parseChecks([{ id: "x", status: "MAYBE" }], "b.json")).toThrow(/check 0/);
  });

  it("counts only SUCCESS, FAILURE and WARNING", () => {
    expect(summariseChecks([check("a", "SUCCESS"), check("b", "FAILURE"), check("c", "WARNING"), check("d", "INFO"), check("e", "SKIPPED")])).toEqual({
      passed: 1,
      failed: 1,
      warnings: 1,
    });
  });

  it("treats a scenario without results as failed and a warning-only one as passed", () => {
    expect(scenarioFailed({ scenario: "x", scored: true, checks: undefined })).toBe(true);
    expect(scenarioFailed({ scenario: "x", scored: true, checks: [check("a", "WARNING")] })).toBe(false);
  });

  it("prints one row per scenario and counts scored failures separately", () => {
    const summary = formatSummaryTable([
      { run: "one", scenarios: [
        { scenario: "ping", scored: true, checks: [check("a", "SUCCESS")] },
        { scenario: "caching", scored: true, checks: [check("a", "FAILURE")] },
      ] },
      { run: "two", scenarios: [
        { scenario: "ping", scored: true, checks: [check("a", "SUCCESS")] },
        { scenario: "extra", scored: false, checks: undefined },
      ] },
    ]);
    expect(summary).toMatchObject({ passed: 2, failed: 2, scoredFailures: 1 });
    const rows = summary.table.split("\n");
    expect(rows.find((row) => row.startsWith("caching"))).toMatch(/0\/1\/0 x\s+-/);
    expect(rows.find((row) => row.startsWith("extra"))).toMatch(/n\/a\*/);
  });
});
