/**
 * Names the configuration is checked against, copied from the packages that own them so
 * validating a file (and `--help`, `check`) does not load the proxy, its SDK client, or the
 * storage drivers. `known-names.test.ts` fails the moment a copy drifts from its source.
 */

/** `@chuk-mcp/sessions`' SESSION_TOOL_NAMES. */
export const SESSION_TOOL_NAMES = ["get_current_session", "set_session", "clear_session", "list_sessions", "get_session_info", "create_session"] as const;

/** `@chuk-mcp/artifacts`' ARTIFACT_TOOL_NAMES. */
export const ARTIFACT_TOOL_NAMES = [
  "write_file", "upload_file", "read_file", "delete_file", "list_session_files", "write_session_file", "upload_session_file",
  "write_user_file", "upload_user_file", "list_user_files", "list_directory", "copy_file", "move_file", "get_file_metadata",
  "get_presigned_url", "get_storage_stats",
] as const;

/** `@chuk-mcp/proxy`'s SERVER_NAME_PATTERN: names of proxied servers. */
export const SERVER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

/** `@chuk-mcp/proxy`'s OPENAI_NAME_PATTERN: OpenAI function names. */
export const OPENAI_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
