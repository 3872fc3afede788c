/** Stable codes of {@link CreateError}. */
export type CreateErrorCode =
  | "invalid_arguments"
  | "invalid_name"
  | "unknown_template"
  | "template_unavailable"
  | "directory_not_empty"
  | "cancelled";

/**
 * Why a project was not created. Local error: the CLI prints its message on one line and
 * exits with {@link CreateError.exitCode} (2 for a usage problem), having written nothing.
 */
export class CreateError extends Error {
  readonly code: CreateErrorCode;
  readonly exitCode: number;

  constructor(code: CreateErrorCode, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CreateError";
    this.code = code;
    this.exitCode = options?.exitCode ?? 2;
  }
}
