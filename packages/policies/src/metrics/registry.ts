/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format 0.0.4. Hand-written rather than prom-client because it must run on
 * every runtime the engine runs on (prom-client imports node:cluster, node:perf_hooks, …), and
 * the few series a gateway needs do not justify a dependency (benchmarks/POLICIES.md measures
 * the per-call cost).
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */

type Labels = Readonly<Record<string, string>>;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/** `{a="x",b="y"}` for the label names in order ("" with none). */
function labelText(names: readonly string[], values: readonly string[], extra?: string): string {
  const parts = names.map((name, index) => `${name}="${escapeLabel(values[index] ?? "")}"`);
  if (extra !== undefined) parts.push(extra);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`[policies] [metrics] "${name}" is not a valid metric name`);
  }

  protected keyOf(labels: Labels | undefined): string[] {
    return this.labelNames.map((name) => labels?.[name] ?? "");
  }

  abstract render(): string;
}

export class Counter extends Metric {
  private readonly values = new Map<string, { labels: string[]; value: number }>();

  inc(labels?: Labels, amount = 1): void {
    const values = this.keyOf(labels);
    const key = values.join("\u0000");
    const series = this.values.get(key);
    if (series === undefined) this.values.set(key, { labels: values, value: amount });
    else series.value += amount;
  }

  get(labels?: Labels): number {
    return this.values.get(this.keyOf(labels).join("\u0000"))?.value ?? 0;
  }

  render(): string {
    let text = `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} counter\n`;
    for (const { labels, value } of this.values.values()) text += `${this.name}${labelText(this.labelNames, labels)} ${formatValue(value)}\n`;
    return text;
  }
}

export class Gauge extends Metric {
  private readonly values = new Map<string, { labels: string[]; value: number }>();
  /** Called at scrape time, for gauges read from elsewhere (e.g. open sessions). */
  collect: (() => void) | undefined;

  set(value: number, labels?: Labels): void {
    const values = this.keyOf(labels);
    this.values.set(values.join("\u0000"), { labels: values, value });
  }

  inc(labels?: Labels, amount = 1): void {
    const values = this.keyOf(labels);
    const key = values.join("\u0000");
    const series = this.values.get(key);
    if (series === undefined) this.values.set(key, { labels: values, value: amount });
    else series.value += amount;
  }

  dec(labels?: Labels, amount = 1): void {
    this.inc(labels, -amount);
  }

  /** Drops every series (a `collect` that rebuilds them all calls it first, so gone label sets go). */
  reset(): void {
    this.values.clear();
  }

  get(labels?: Labels): number {
    return this.values.get(this.keyOf(labels).join("\u0000"))?.value ?? 0;
  }

  render(): string {
    this.collect?.();
    let text = `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} gauge\n`;
    for (const { labels, value } of this.values.values()) text += `${this.name}${labelText(this.labelNames, labels)} ${formatValue(value)}\n`;
    return text;
  }
}

/** Latency buckets in seconds: 0.5 ms to 10 s (an engine-level call is often sub-millisecond). */
export const DEFAULT_BUCKETS: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface HistogramSeries {
  labels: string[];
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Metric {
  private readonly series = new Map<string, HistogramSeries>();

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    super(name, help, labelNames);
  }

  observe(value: number, labels?: Labels): void {
    const values = this.keyOf(labels);
    const key = values.join("\u0000");
    let series = this.series.get(key);
    if (series === undefined) {
      series = { labels: values, counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    const { buckets } = this;
    for (let index = 0; index < buckets.length; index++) {
      if (value <= (buckets[index] as number)) {
        (series.counts[index] as number)++;
        break;
      }
    }
    series.sum += value;
    series.count++;
  }

  /** Observations so far for these labels. */
  count(labels?: Labels): number {
    return this.series.get(this.keyOf(labels).join("\u0000"))?.count ?? 0;
  }

  render(): string {
    let text = `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} histogram\n`;
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, index) => {
        cumulative += counts[index] as number;
        text += `${this.name}_bucket${labelText(this.labelNames, labels, `le="${formatValue(bound)}"`)} ${cumulative}\n`;
      });
      text += `${this.name}_bucket${labelText(this.labelNames, labels, 'le="+Inf"')} ${count}\n`;
      text += `${this.name}_sum${labelText(this.labelNames, labels)} ${formatValue(sum)}\n`;
      text += `${this.name}_count${labelText(this.labelNames, labels)} ${count}\n`;
    }
    return text;
  }
}

/** The metrics one server exposes, rendered together. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  register<M extends Metric>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`[policies] [metrics] "${metric.name}" is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }

  /** The Prometheus text of every metric. */
  render(): string {
    let text = "";
    for (const metric of this.metrics.values()) text += metric.render();
    return text;
  }
}

/** The content type of the text format. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
