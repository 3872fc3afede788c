import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "./args.mjs";

describe("parseBenchArgs", () => {
  it("runs every suite at four concurrencies with three 10 s runs by default", () => {
    const options = parseBenchArgs([]);
    expect(options.concurrencies).toEqual([1, 10, 50, 100]);
    expect(options.durationSeconds).toBe(10);
    expect(options.runs).toBe(3);
    expect(options.stdioRuns).toBe(7);
    expect(options.methodConcurrency).toBe(50);
    expect(options.stdioRequests).toBe(100_000);
    expect(options.stdioWarmup).toBe(20_000);
    expect(options.out).toBe("RESULTS.md");
  });

  it("makes --quick short and keeps its results away from RESULTS.md", () => {
    const options = parseBenchArgs(["--quick"]);
    expect(options.concurrencies).toEqual([10]);
    expect(options.durationSeconds).toBe(0.6);
    expect(options.runs).toBe(1);
    expect(options.stdioRuns).toBe(1);
    expect(options.stdioWarmup).toBe(2_000);
    expect(options.out).toBe("RESULTS.quick.md");
  });

  it("ignores the -- separator pnpm passes through", () => {
    expect(parseBenchArgs(["--", "--quick"]).quick).toBe(true);
  });

  it("lets explicit flags override the quick defaults", () => {
    const options = parseBenchArgs(["--quick", "--concurrency", "1,100", "--runs", "2", "--skip", "ours,fastmcp"]);
    expect(options.concurrencies).toEqual([1, 100]);
    expect(options.runs).toBe(2);
    expect(options.skip).toEqual(["ours", "fastmcp"]);
  });

  it("sizes the stdio warm-up flood at a fifth of the measured one unless told otherwise", () => {
    expect(parseBenchArgs(["--stdio-requests", "5000"]).stdioWarmup).toBe(1000);
    expect(parseBenchArgs(["--stdio-requests", "5000", "--stdio-warmup", "0"]).stdioWarmup).toBe(0);
    expect(() => parseBenchArgs(["--stdio-warmup=-1"])).toThrow(/--stdio-warmup must be an integer ≥ 0, got "-1"/);
    expect(() => parseBenchArgs(["--stdio-warmup", "many"])).toThrow(/--stdio-warmup must be an integer ≥ 0, got "many"/);
  });

  it("rejects a zero concurrency with a message naming the flag", () => {
    expect(() => parseBenchArgs(["--concurrency", "0"])).toThrow(/--concurrency must be an integer ≥ 1, got "0"/);
  });

  it("rejects an unknown suite and lists the valid ones", () => {
    expect(() => parseBenchArgs(["--suites", "http,gpu"])).toThrow(/Unknown suite "gpu".*http, stdio, micro, cold, bundle/);
  });

  it("rejects unknown flags instead of silently ignoring them", () => {
    expect(() => parseBenchArgs(["--fast"])).toThrow(/--fast/);
  });
});
