/** Small statistics and number formatting helpers. */

/**
 * @param {readonly number[]} values
 * @returns {number} the median (NaN for an empty list)
 */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? /** @type {number} */ (sorted[middle]) : (/** @type {number} */ (sorted[middle - 1]) + /** @type {number} */ (sorted[middle])) / 2;
}

/**
 * Nearest-rank percentile of an unsorted sample.
 * @param {readonly number[]} values
 * @param {number} percent 0..100
 */
export function percentile(values, percent) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.ceil((percent / 100) * sorted.length);
  return /** @type {number} */ (sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]);
}

/**
 * @param {number | undefined} value
 * @param {number} [digits]
 */
export function formatNumber(value, digits = 0) {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds with sensible precision: 0.123, 1.23, 12.3, 123. */
export function formatMs(/** @type {number | undefined} */ value) {
  if (value === undefined || !Number.isFinite(value)) return "–";
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

/**
 * "1.23×" ratio of two throughputs, or "–" when either side is missing.
 * @param {number | undefined} numerator
 * @param {number | undefined} denominator
 */
export function formatRatio(numerator, denominator) {
  if (!numerator || !denominator || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return "–";
  return `${(numerator / denominator).toFixed(2)}×`;
}

/**
 * @param {number} bytes
 */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return "–";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/**
 * Renders a GitHub markdown table.
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 * @param {readonly ("left" | "right")[]} [align]
 */
export function markdownTable(header, rows, align = []) {
  const escapeCell = (/** @type {string} */ cell) => String(cell).replaceAll("|", "\\|").replaceAll("\n", " ");
  const separator = header.map((_, index) => (align[index] === "right" ? "---:" : "---"));
  return [header, separator, ...rows].map((row) => `| ${row.map(escapeCell).join(" | ")} |`).join("\n");
}
