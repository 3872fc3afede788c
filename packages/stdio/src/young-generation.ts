/**
 * Keeps V8's young generation from growing past a cap in a process that serves stdio.
 *
 * V8 doubles the young generation (new space, two semi-spaces) whenever the bytes that
 * survived scavenges since the last growth exceed its capacity. Loading a large module graph
 * (TypeBox alone is ~700 modules) survives enough to grow it to 16 MB before the first
 * request, and a pipelined flood grows it to V8's 32 MB maximum, although a request's objects
 * die young and almost nothing survives in steady state. The pages of both semi-spaces stay
 * resident, so that growth is RSS the server never needs: a stdio server is one process per
 * client, and a desktop client runs many of them.
 *
 * The cap works through `--semi-space-growth-factor`, the one young-generation flag V8 reads
 * at each growth rather than once at startup (`--max-semi-space-size` set at run time has no
 * effect): below the cap growth stays as it was; at the cap the factor becomes 1, so V8's
 * next "grow" keeps the capacity. It never shrinks anything. Flags given on the command line
 * or in `NODE_OPTIONS` win: with `--max-semi-space-size` or `--semi-space-growth-factor`
 * present the cap does nothing.
 */
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";

/** Default cap on the young generation (both semi-spaces) of a process serving stdio. */
export const DEFAULT_YOUNG_GENERATION_CAP_MB = 16;

const EXPLICIT_FLAGS = /--(?:max-semi-space-size|semi-space-growth-factor)\b/;
const DEFAULT_GROWTH_FACTOR = 2;

/** What the cap did, for tests and diagnostics. */
export type YoungGenerationCapState =
  /** The process was started with its own young-generation flags, or V8 cannot report its spaces. */
  | "not-applied"
  /** Below the cap: growth is allowed and watched after each garbage collection. */
  | "watching"
  /** At or above the cap: growth is stopped. */
  | "capped";

/** A running cap; `release()` restores V8's growth and stops watching. */
export interface YoungGenerationCap {
  readonly state: YoungGenerationCapState;
  release(): void;
}

/** The young generation's size in bytes, or undefined where V8 does not report it. */
export function youngGenerationBytes(): number | undefined {
  try {
    for (const space of v8.getHeapSpaceStatistics()) {
      if (space.space_name === "new_space") return space.space_size;
    }
  } catch {
    // A runtime without V8 heap statistics.
  }
  return undefined;
}

function startedWithOwnFlags(): boolean {
  return process.execArgv.some((argument) => EXPLICIT_FLAGS.test(argument)) || EXPLICIT_FLAGS.test(process.env.NODE_OPTIONS ?? "");
}

function setGrowthFactor(factor: number): void {
  v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`);
}

/**
 * Caps the young generation at `capMb` (both semi-spaces together; V8's own maximum on 64-bit
 * is 32 MB). Process-wide: call it only where this process is the server.
 */
export function capYoungGeneration(capMb: number): YoungGenerationCap {
  if (!Number.isFinite(capMb) || capMb <= 0) {
    throw new RangeError(`[chuk-mcp] [stdio] youngGenerationCapMb must be a positive number of megabytes or false, got ${String(capMb)}.`);
  }
  const capBytes = capMb * 1024 * 1024;
  if (startedWithOwnFlags() || youngGenerationBytes() === undefined) return { state: "not-applied", release() {} };

  let state: YoungGenerationCapState = "watching";
  let observer: PerformanceObserver | undefined;
  const stopWatching = (): void => {
    observer?.disconnect();
    observer = undefined;
  };
  const check = (): void => {
    if (state !== "watching") return;
    if ((youngGenerationBytes() ?? 0) < capBytes) return;
    state = "capped";
    setGrowthFactor(1);
    stopWatching();
  };

  check();
  if (state === "watching") {
    // One entry per collection: the space can only have grown at one.
    observer = new PerformanceObserver(check);
    observer.observe({ entryTypes: ["gc"] });
  }
  return {
    get state() {
      return state;
    },
    release() {
      if (state === "not-applied") return;
      if (state === "capped") setGrowthFactor(DEFAULT_GROWTH_FACTOR);
      stopWatching();
      state = "not-applied";
    },
  };
}
