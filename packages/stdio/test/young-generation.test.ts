import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { capYoungGeneration } from "../src/young-generation.js";

const fixture = fileURLToPath(new URL("./fixtures/young-generation.mjs", import.meta.url));

interface Report {
  stateAtStart: string;
  startMb: number;
  state: string;
  afterMb: number;
  stateAfterRelease?: string;
  afterReleaseMb?: number;
}

/** Runs the churn fixture in its own process: the cap changes a process-wide V8 flag. */
async function churn(args: string[], nodeArgs: string[] = [], env: Record<string, string> = {}): Promise<Report> {
  const child = spawn(process.execPath, [...nodeArgs, fixture, ...args], { stdio: "pipe", env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, "exit")) as [number | null];
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  return JSON.parse(stdout) as Report;
}

describe("capYoungGeneration", () => {
  it("lets the young generation grow to the cap, then stops it; without a cap the same churn grows past it", async () => {
    const uncapped = await churn(["none"]);
    expect(uncapped.afterMb).toBeGreaterThan(8);
    const capped = await churn(["4"]);
    expect(capped.stateAtStart).toBe("watching");
    expect(capped.state).toBe("capped");
    expect(capped.afterMb).toBeLessThanOrEqual(4);
    expect(capped.afterMb).toBeGreaterThan(capped.startMb);
  }, 60_000);

  it("restores V8's growth on release", async () => {
    const report = await churn(["4", "release"]);
    expect(report.state).toBe("capped");
    expect(report.stateAfterRelease).toBe("not-applied");
    expect(report.afterReleaseMb).toBeGreaterThan(4);
  }, 60_000);

  it("does nothing when the process was started with its own young-generation flags", async () => {
    const viaArgs = await churn(["4"], ["--max-semi-space-size=8"]);
    expect(viaArgs.stateAtStart).toBe("not-applied");
    expect(viaArgs.afterMb).toBeGreaterThan(4);
    const viaGrowthFactor = await churn(["4"], ["--semi-space-growth-factor=2"]);
    expect(viaGrowthFactor.stateAtStart).toBe("not-applied");
    const viaNodeOptions = await churn(["4"], [], { NODE_OPTIONS: "--max-semi-space-size=8" });
    expect(viaNodeOptions.stateAtStart).toBe("not-applied");
    expect(viaNodeOptions.afterMb).toBeGreaterThan(4);
  }, 60_000);

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("rejects a cap of %s with a RangeError that says what to pass", (cap) => {
    expect(() => capYoungGeneration(cap)).toThrow(/youngGenerationCapMb must be a positive number of megabytes or false/);
  });
});
