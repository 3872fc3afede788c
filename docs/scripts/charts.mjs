// Benchmark charts: reads the committed benchmarks/RESULTS*.md tables and writes one SVG bar
// chart per measurement into docs/public/charts/ and benchmarks/charts/, plus the docs page
// docs/benchmarks.md that shows them. Columns are looked up by header name (see CHARTS), so a
// re-baselined results file only needs `pnpm docs:charts` again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { findHeader, parseNumber, parseTables } from "./markdown-tables.mjs";
import { root } from "./packages.mjs";

const NUMERIC_CELL = /^\*{0,2}[×x]?-?[\d,]+(\.\d+)?\s*(×|%|ms|s|KB|MB|B)?\*{0,2}$/;
const OURS = /\bours\b|chuk-mcp|@chuk-mcp/i;

/** What to draw. `table` picks the table, `value` the column (first matching pattern wins). */
export const CHARTS = [
  {
    id: "http-tools-call-throughput",
    file: "RESULTS.md",
    title: "HTTP tools/call throughput",
    table: (table) => table.headings.some((h) => /tools\/call throughput/i.test(h)) && !/detail|ratio/i.test(table.heading) && table.headers.some((h) => /^server$/i.test(h)),
    value: [/^c=50 req\/s$/i, /c=50.*req\/s/i, /req\/s/i],
    higherIsBetter: true,
  },
  {
    id: "http-tools-call-cpu",
    file: "RESULTS.md",
    title: "HTTP tools/call, server CPU per request (c=50)",
    table: (table) => table.headings.some((h) => /tools\/call throughput/i.test(h)) && table.headers.some((h) => /server CPU/i.test(h)),
    value: [/server CPU.*µs\/req/i, /server CPU/i],
    rows: (row, table) => {
      const concurrency = findHeader(table.headers, [/^c$/i]);
      return concurrency === undefined || parseNumber(row[concurrency]) === 50;
    },
    higherIsBetter: false,
  },
  {
    id: "stdio-pipelined",
    file: "RESULTS.md",
    title: "stdio, pipelined tools/call",
    table: (table) => /^stdio/i.test(table.heading),
    value: [/^pipelined msg\/s$/i, /pipelined/i, /msg\/s/i],
    higherIsBetter: true,
  },
  {
    id: "cold-start",
    file: "RESULTS.md",
    title: "Cold start, spawn to first response",
    table: (table) => /cold start/i.test(table.heading),
    value: [/first response ms/i, /ms/i],
    higherIsBetter: false,
  },
  {
    id: "bundle-size",
    file: "RESULTS.md",
    title: "Bundle size of a minimal server (gzip)",
    table: (table) => /bundle size/i.test(table.heading),
    value: [/^gzip$/i, /gzip/i],
    bytes: true,
    higherIsBetter: false,
  },
  {
    id: "serverless-lambda-warm",
    file: "RESULTS-serverless.md",
    title: "Lambda adapter, warm CPU per invocation",
    table: (table) => table.headers.some((h) => /warm CPU/i.test(h)),
    value: [/warm CPU/i],
    higherIsBetter: false,
  },
  {
    id: "proxy-hop",
    file: "RESULTS-proxy.md",
    title: "Proxy hop, p50 latency",
    table: (table) => table.headers.some((h) => /^path$/i.test(h)),
    value: [/^p50 ms$/i, /p50/i],
    higherIsBetter: false,
  },
  {
    id: "policies-cost",
    file: "RESULTS-policies.md",
    title: "Middleware and policies, CPU per tools/call",
    table: (table) => table.headers.some((h) => /^variant$/i.test(h)) && table.headers.some((h) => /CPU µs\/call/i.test(h)),
    value: [/CPU µs\/call/i],
    higherIsBetter: false,
  },
];

/** The label columns: the text columns before the value that tell rows apart. */
function labelHeaders(table, valueHeader) {
  const candidates = table.headers.slice(0, table.headers.indexOf(valueHeader));
  const text = candidates.filter((header) => header !== "" && !table.rows.every((row) => NUMERIC_CELL.test(row[header])));
  const varying = text.filter((header) => new Set(table.rows.map((row) => row[header])).size > 1);
  const chosen = varying.filter((header) => !/^(method|response|c)$/i.test(header) || varying.length === 1);
  return chosen.length > 0 ? chosen : text.slice(0, 1);
}

/** Builds every chart whose table and column exist in `files` ({ "RESULTS.md": markdown }). */
export function buildCharts(files, charts = CHARTS) {
  const built = [];
  const missing = [];
  for (const chart of charts) {
    const markdown = files[chart.file];
    const table = markdown === undefined ? undefined : parseTables(markdown).find(chart.table);
    const valueHeader = table && findHeader(table.headers, chart.value);
    if (!table || !valueHeader) {
      missing.push(`${chart.id}: no table/column in ${chart.file}`);
      continue;
    }
    const labels = labelHeaders(table, valueHeader);
    const bars = table.rows
      .filter((row) => (chart.rows ? chart.rows(row, table) : true))
      .map((row) => ({
        label: labels.map((header) => row[header]).filter((cell) => cell && cell !== "–" && cell !== "-").join(" · ").replace(/`/g, ""),
        value: parseNumber(row[valueHeader]),
      }))
      .filter((bar) => bar.value !== undefined && Number.isFinite(bar.value));
    if (bars.length === 0) {
      missing.push(`${chart.id}: column "${valueHeader}" in ${chart.file} has no numbers`);
      continue;
    }
    const unit = chart.bytes ? "bytes" : valueHeader;
    built.push({ ...chart, valueHeader, unit, bars, svg: renderBarChart({ title: chart.title, unit, bars, higherIsBetter: chart.higherIsBetter, bytes: chart.bytes === true, source: chart.file }) });
  }
  return { charts: built, missing };
}

function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function formatValue(value, bytes) {
  if (bytes) return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(1)} MB` : value >= 1024 ? `${(value / 1024).toFixed(1)} KB` : `${value} B`;
  if (value >= 100) return Math.round(value).toLocaleString("en-US");
  return String(Number(value.toPrecision(3)));
}

/** A horizontal bar chart; our rows in the accent colour. Pure: same input, same bytes. */
export function renderBarChart({ title, unit, bars, higherIsBetter, bytes = false, source }) {
  const width = 760;
  const labelWidth = 330;
  const valueWidth = 90;
  const rowHeight = 24;
  const top = 52;
  const plotWidth = width - labelWidth - valueWidth - 20;
  const max = Math.max(...bars.map((bar) => bar.value));
  const height = top + bars.length * rowHeight + 30;
  const note = `${escapeXml(unit)}, ${higherIsBetter ? "higher" : "lower"} is better`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="15" font-weight="600" fill="#1f2328">${escapeXml(title)}</text>`,
    `<text x="10" y="38" fill="#59636e">${note} · from benchmarks/${escapeXml(source)}</text>`,
  ];
  bars.forEach((bar, index) => {
    const y = top + index * rowHeight;
    const length = max > 0 ? Math.max(1, (bar.value / max) * plotWidth) : 1;
    const ours = OURS.test(bar.label);
    const label = bar.label.length > 52 ? `${bar.label.slice(0, 51)}…` : bar.label;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" fill="#1f2328"${ours ? ' font-weight="600"' : ""}>${escapeXml(label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="${rowHeight - 7}" rx="2" fill="${ours ? "#3451b2" : "#a8b1bd"}"/>`,
      `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 15}" fill="#1f2328">${escapeXml(formatValue(bar.value, bytes))}</text>`,
    );
  });
  parts.push(`<text x="10" y="${height - 10}" fill="#59636e">chuk-mcp in blue; peers and baselines in grey.</text>`, "</svg>", "");
  return parts.join("\n");
}

function renderPage(charts, missing) {
  const lines = [
    "<!-- Generated by docs/scripts/charts.mjs from benchmarks/RESULTS*.md: run `pnpm docs:charts`, do not edit. -->",
    "# Benchmarks",
    "",
    "Charts drawn from the result tables committed in [`benchmarks/`](https://github.com/chrishayuk/chuk-mcp/tree/main/benchmarks)",
    "(`pnpm bench` writes `RESULTS.md`; method, machine and every column are in those files). Each chart",
    "says which file and column it shows. Numbers come from a shared 2-core machine: compare bars",
    "within one chart (same run), not across files.",
    "",
  ];
  for (const chart of charts) {
    lines.push(`## ${chart.title}`, "", `![${chart.title}](/charts/${chart.id}.svg)`, "", `Column \`${chart.valueHeader}\` of \`benchmarks/${chart.file}\`.`, "");
  }
  if (missing.length > 0) lines.push("## Not drawn", "", ...missing.map((reason) => `- ${reason}`), "");
  return lines.join("\n");
}

export function readResults(directory = `${root}benchmarks`) {
  const files = {};
  for (const name of new Set(CHARTS.map((chart) => chart.file))) {
    const path = `${directory}/${name}`;
    if (existsSync(path)) files[name] = readFileSync(path, "utf8");
  }
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { charts, missing } = buildCharts(readResults());
  for (const directory of [`${root}docs/public/charts`, `${root}benchmarks/charts`]) {
    mkdirSync(directory, { recursive: true });
    for (const chart of charts) writeFileSync(`${directory}/${chart.id}.svg`, chart.svg);
  }
  writeFileSync(`${root}docs/benchmarks.md`, renderPage(charts, missing));
  for (const reason of missing) console.error(`[docs] [charts] not drawn: ${reason}`);
  console.error(`[docs] [charts] ${charts.length} charts written to docs/public/charts and benchmarks/charts`);
}
