/**
 * The server's own diagnostics, written to stderr (stdout belongs to the protocol on stdio).
 * Levels follow the MCP / RFC 5424 names so one `MCP_LOG_LEVEL` value reads the same
 * everywhere.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging
 */

/** Levels accepted by `MCP_LOG_LEVEL` / `--log-level`, least to most severe. */
export const LOG_LEVELS = ["debug", "info", "warning", "error", "critical"] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A leveled logger; messages below its level are dropped without formatting. */
export interface Logger {
  readonly level: LogLevel;
  isEnabled(level: LogLevel): boolean;
  debug(message: string, cause?: unknown): void;
  info(message: string, cause?: unknown): void;
  warning(message: string, cause?: unknown): void;
  error(message: string, cause?: unknown): void;
  critical(message: string, cause?: unknown): void;
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level written. Default: `"warning"`. */
  readonly level?: LogLevel;
  /** Destination. Default: `process.stderr`. */
  readonly stream?: { write(text: string): unknown };
  /** Prefix naming the source. Default: `"chuk-mcp"`. */
  readonly name?: string;
  /** Clock for timestamps (tests pin it). Default: `() => new Date()`. */
  readonly now?: () => Date;
}

/** `true` when `value` names a level in {@link LOG_LEVELS}. */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** Creates a {@link Logger} writing one line per message: `<ISO time> [name] LEVEL message`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "warning";
  const threshold = LOG_LEVELS.indexOf(level);
  const stream = options.stream ?? process.stderr;
  const name = options.name ?? "chuk-mcp";
  const now = options.now ?? (() => new Date());
  const isEnabled = (candidate: LogLevel): boolean => LOG_LEVELS.indexOf(candidate) >= threshold;
  const write = (candidate: LogLevel) => (message: string, cause?: unknown) => {
    if (!isEnabled(candidate)) return;
    stream.write(`${now().toISOString()} [${name}] ${candidate.toUpperCase()} ${message}${describeCause(cause)}\n`);
  };
  return {
    level,
    isEnabled,
    debug: write("debug"),
    info: write("info"),
    warning: write("warning"),
    error: write("error"),
    critical: write("critical"),
  };
}

function describeCause(cause: unknown): string {
  if (cause === undefined) return "";
  if (cause instanceof Error) return `: ${cause.message}`;
  return `: ${String(cause)}`;
}
