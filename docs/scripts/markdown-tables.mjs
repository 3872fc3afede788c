// Reads the tables of a benchmark results file. Columns are found by header name, never by
// position, so a re-baselined file with added or reordered columns still parses.

/** @returns {{ heading: string, headings: string[], headers: string[], rows: Record<string, string>[] }[]} */
export function parseTables(markdown) {
  const tables = [];
  const headingPath = [];
  const lines = markdown.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      headingPath.length = heading[1].length - 1;
      headingPath[heading[1].length - 1] = heading[2].trim();
      continue;
    }
    if (!line.trimStart().startsWith("|") || !isSeparator(lines[index + 1] ?? "")) continue;
    const headers = splitRow(line);
    const rows = [];
    index += 2;
    while (index < lines.length && lines[index].trimStart().startsWith("|")) {
      const cells = splitRow(lines[index]);
      rows.push(Object.fromEntries(headers.map((header, column) => [header, cells[column] ?? ""])));
      index++;
    }
    index--;
    const headings = headingPath.filter(Boolean);
    tables.push({ heading: headings.at(-1) ?? "", headings, headers, rows });
  }
  return tables;
}

function isSeparator(line) {
  return /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line);
}

function splitRow(line) {
  const trimmed = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

const UNITS = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/**
 * The first number in a cell: "28,829" → 28829, "**0.89×**" → 0.89,
 * "1.718 (1.621–3.542)" → 1.718, "1.0 KB" → 1024 (sizes in bytes). Undefined when none.
 */
export function parseNumber(cell) {
  const text = String(cell ?? "").replace(/\*\*|`/g, "");
  const match = /(-?\d[\d,]*(?:\.\d+)?)\s*(KB|MB|GB|B)?\b/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1].replace(/,/g, ""));
  return match[2] ? value * UNITS[match[2].toLowerCase()] : value;
}

/** The first header matching one of the patterns, in pattern order. */
export function findHeader(headers, patterns) {
  for (const pattern of patterns) {
    const found = headers.find((header) => pattern.test(header));
    if (found !== undefined) return found;
  }
  return undefined;
}
