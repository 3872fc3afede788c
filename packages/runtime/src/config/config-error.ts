/**
 * A configuration problem, located in the file: `config.yaml:12:5: mcp_servers.time: …`.
 * The CLI prints every issue and exits with code 2 before anything starts.
 */

/** Where a problem is: the file, the 1-based line and column, and the key path. */
export interface ConfigIssue {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** Dotted key path, e.g. `mcp_servers.time.command`; "" for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** Stable codes of {@link ConfigError}. */
export type ConfigErrorCode = "config_not_found" | "config_unreadable" | "config_syntax" | "config_invalid" | "module_failed";

/** One or more problems in a configuration file. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code: ConfigErrorCode;
  readonly issues: readonly ConfigIssue[];

  constructor(code: ConfigErrorCode, issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    super(issues.map(formatIssue).join("\n"), options);
    this.code = code;
    this.issues = issues;
  }
}

/** `file:line:column: path: message`, leaving out what is unknown. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}${issue.column === undefined ? "" : `:${issue.column}`}`;
  return `${where}: ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}`;
}
