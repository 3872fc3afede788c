import { describe, expect, it } from "vitest";
import { formatMs, formatRatio, markdownTable, median, percentile } from "./stats.mjs";

describe("median", () => {
  it("takes the middle value of an odd-sized sample regardless of order", () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it("averages the two middle values of an even-sized sample", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("is NaN for an empty sample instead of throwing", () => {
    expect(median([])).toBeNaN();
  });
});

describe("percentile", () => {
  it("uses the nearest rank, so p99 of 1..100 is 99 and p100 is the maximum", () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
  });
});

describe("formatting", () => {
  it("prints a ratio of two throughputs with two decimals", () => {
    expect(formatRatio(3000, 1500)).toBe("2.00×");
  });
  it("prints a dash when either side of a ratio is missing or zero", () => {
    expect(formatRatio(undefined, 10)).toBe("–");
    expect(formatRatio(10, 0)).toBe("–");
  });
  it("keeps sub-millisecond latencies readable", () => {
    expect(formatMs(0.1234)).toBe("0.123");
    expect(formatMs(12.34)).toBe("12.3");
  });
  it("escapes pipes so a cell cannot break the markdown table", () => {
    const table = markdownTable(["a", "b"], [["x|y", "1"]], ["left", "right"]);
    expect(table.split("\n")).toEqual(["| a | b |", "| --- | ---: |", "| x\\|y | 1 |"]);
  });
});
