import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM script without declarations
import { buildCharts, CHARTS, readResults, renderBarChart } from "../scripts/charts.mjs";
// @ts-expect-error -- plain ESM script without declarations
import { parseNumber, parseTables } from "../scripts/markdown-tables.mjs";

type Bar = { label: string; value: number };
type Chart = { id: string; bars: Bar[]; svg: string; valueHeader: string };

describe("benchmark charts", () => {
  it("draws every configured chart from the committed RESULTS*.md tables", () => {
    const { charts, missing } = buildCharts(readResults()) as { charts: Chart[]; missing: string[] };
    expect(missing).toEqual([]);
    expect(charts.map((chart) => chart.id)).toEqual(CHARTS.map((chart: { id: string }) => chart.id));
    for (const chart of charts) {
      expect(chart.bars.length, chart.id).toBeGreaterThan(1);
      for (const bar of chart.bars) expect(Number.isFinite(bar.value) && bar.value > 0, `${chart.id}: ${bar.label}`).toBe(true);
      expect(chart.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(chart.svg.match(/<rect /g)?.length).toBe(chart.bars.length + 1);
    }
    const throughput = charts.find((chart) => chart.id === "http-tools-call-throughput")!;
    expect(throughput.bars.some((bar) => /ours/.test(bar.label) && /2026-07-28/.test(bar.label))).toBe(true);
  });

  it("finds columns by header name, so added or reordered columns (a new wrk format) still parse", () => {
    const markdown = [
      "## HTTP: tools/call throughput (JSON mode)",
      "",
      "| era | server | load generator | generator CPU % | c=50 req/s | c=100 req/s |",
      "| --- | --- | --- | ---: | ---: | ---: |",
      "| 2025-11-25 | chuk-mcp (ours) | wrk | 95 | 41,000 | 40,000 |",
      "| 2025-11-25 | SDK v2 createMcpHandler | wrk | 97 | 1,200 | 1,100 |",
      "",
    ].join("\n");
    const { charts } = buildCharts({ "RESULTS.md": markdown }, CHARTS.slice(0, 1)) as { charts: Chart[] };
    expect(charts[0]?.valueHeader).toBe("c=50 req/s");
    expect(charts[0]?.bars).toEqual([
      { label: "chuk-mcp (ours)", value: 41000 },
      { label: "SDK v2 createMcpHandler", value: 1200 },
    ]);
  });

  it("reports a chart it cannot draw instead of writing an empty one", () => {
    const { charts, missing } = buildCharts({ "RESULTS.md": "# nothing here\n" }, CHARTS.slice(0, 1)) as { charts: Chart[]; missing: string[] };
    expect(charts).toEqual([]);
    expect(missing[0]).toMatch(/http-tools-call-throughput: no table\/column in RESULTS.md/);
  });

  it("reads numbers as the tables write them", () => {
    expect(parseNumber("28,829")).toBe(28829);
    expect(parseNumber("**0.89×**")).toBe(0.89);
    expect(parseNumber("1.718 (1.621–3.542)")).toBe(1.718);
    expect(parseNumber("1.0 KB")).toBe(1024);
    expect(parseNumber("636 B")).toBe(636);
    expect(parseNumber("–")).toBeUndefined();
    const [table] = parseTables("### Detail\n\n| a | b |\n| --- | ---: |\n| x \\| y | 2 |\n");
    expect(table.headings).toEqual(["Detail"]);
    expect(table.rows).toHaveLength(1);
  });

  it("escapes labels in the SVG", () => {
    const svg = renderBarChart({ title: "a <b> & c", unit: "ms", bars: [{ label: "<script>", value: 1 }], higherIsBetter: false, source: "RESULTS.md" });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&#60;script&#62;");
  });
});
