/**
 * A bad command-line flag or environment variable. Local error (never crosses the wire):
 * `run()` and the CLI print its message and exit with code 2 instead of a stack trace.
 */
export class UsageError extends Error {
  /** Stable code for programmatic checks. */
  readonly code = "invalid_arguments";
  /** Process exit code conventionally used for usage errors. */
  readonly exitCode = 2;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UsageError";
  }
}
