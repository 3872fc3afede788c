/**
 * Stable codes of local artifact errors. They never cross the wire themselves; the MCP tool
 * layer turns them into `isError` results and HTTP maps `artifact_not_found` to 404.
 */
export type ArtifactErrorCode =
  | "artifact_not_found"
  | "artifact_expired"
  | "invalid_argument"
  | "invalid_filename"
  | "invalid_base64"
  | "invalid_scope"
  | "invalid_ttl"
  | "content_too_large"
  | "session_required"
  | "authentication_required"
  | "permission_denied"
  | "invalid_token"
  | "token_expired"
  | "storage_failed";

/** A local error from `@chuk-mcp/artifacts` with a stable `code` and the original `cause`. */
export class ArtifactError extends Error {
  readonly code: ArtifactErrorCode;

  constructor(code: ArtifactErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[@chuk-mcp/artifacts] ${message}`, options);
    this.name = "ArtifactError";
    this.code = code;
  }
}

/** True when `error` is an {@link ArtifactError}, optionally with the given code. */
export function isArtifactError(error: unknown, code?: ArtifactErrorCode): error is ArtifactError {
  return error instanceof ArtifactError && (code === undefined || error.code === code);
}

/**
 * The one "not found" every caller sees, whether the artifact never existed or belongs to
 * someone else: the message must not reveal which.
 */
export function artifactNotFound(id: string): ArtifactError {
  return new ArtifactError("artifact_not_found", `Artifact ${JSON.stringify(id)} was not found; list your artifacts to get a valid id.`);
}
