import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const entry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src/run.mjs");

/**
 * @param {string[]} args
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
async function bench(args) {
  try {
    const { stdout, stderr } = await run(process.execPath, [entry, ...args], { timeout: 50_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = /** @type {{ code: number, stdout: string, stderr: string }} */ (error);
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("pnpm bench (src/run.mjs)", () => {
  /** @type {string} */
  let directory;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "chuk-bench-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("runs a short HTTP + stdio + bundle smoke, writes the markdown and exits 0", async () => {
    const out = path.join(directory, "results.md");
    const result = await bench([
      "--quick", "--suites", "http,stdio,bundle", "--only", "node-http,stdio-line",
      "--concurrency", "2", "--duration", "0.3", "--warmup", "0", "--stdio-requests", "500", "--stdio-sequential", "10",
      "--out", out,
    ]);
    expect(result.stderr).toContain("[bench] wrote");
    expect(result.code).toBe(0);
    const markdown = await readFile(out, "utf8");
    expect(markdown).toContain("| bare node:http (fixed JSON) | – | json |");
    expect(markdown).toContain("| hand-rolled line responder (fixed) |");
    expect(markdown).toContain("## Bundle size");
    expect(markdown).toContain("None: every server started");
    expect(result.stdout).toBe(markdown);
  });

  it("exits 2 with the usage text when an option is invalid", async () => {
    const result = await bench(["--concurrency", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--concurrency must be an integer ≥ 1, got "0"');
    expect(result.stderr).toContain("Usage: pnpm bench");
  });
});
