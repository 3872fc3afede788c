import { describe, expect, it } from "vitest";
import { processCpuSeconds } from "./machine.mjs";

describe("processCpuSeconds", () => {
  it("reads a process's CPU time from /proc and sees it grow while the process computes", () => {
    const before = processCpuSeconds(process.pid);
    expect(before).toBeGreaterThan(0);
    const started = Date.now();
    let spin = 0;
    while (Date.now() - started < 120) spin += Math.sqrt(spin + 1);
    expect(spin).toBeGreaterThan(0);
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(/** @type {number} */ (before));
  });

  it("answers undefined for a process that does not exist", () => {
    expect(processCpuSeconds(2 ** 22 + 17)).toBeUndefined();
  });
});
