/**
 * Bounded request-body readers for the OAuth endpoints. Oversized, mis-typed or malformed
 * bodies become `OAuthError`s, never crashes.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.2 (form-encoded token requests)
 */
import { readBodyWithLimit } from "@chuk-mcp/core";
import { OAuthError } from "../errors.js";

/** Default body limit for OAuth endpoints: 64 KiB. */
export const DEFAULT_MAX_OAUTH_BODY_BYTES = 64 * 1024;

async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    throw new OAuthError("invalid_request", `the request body is larger than ${maxBytes} bytes`, { status: 413 });
  }
  const bytes = await readBodyWithLimit(request.body, maxBytes);
  if (bytes === undefined) {
    throw new OAuthError("invalid_request", `the request body is larger than ${maxBytes} bytes`, { status: 413 });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new OAuthError("invalid_request", "the request body is not valid UTF-8", { cause: error });
  }
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Reads an `application/x-www-form-urlencoded` body; repeated parameters are refused (RFC 6749 §3.1). */
export async function readFormBody(request: Request, maxBytes = DEFAULT_MAX_OAUTH_BODY_BYTES): Promise<Map<string, string>> {
  if (mediaType(request) !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "send the body as application/x-www-form-urlencoded");
  }
  const text = await readText(request, maxBytes);
  return uniqueParameters(new URLSearchParams(text));
}

/** Converts parameters to a map, refusing any parameter sent more than once. */
export function uniqueParameters(parameters: URLSearchParams): Map<string, string> {
  const result = new Map<string, string>();
  for (const [name, value] of parameters) {
    if (result.has(name)) throw new OAuthError("invalid_request", `the parameter "${name}" appears more than once; send it once`);
    result.set(name, value);
  }
  return result;
}

/** Reads a JSON object body (dynamic client registration). */
export async function readJsonObject(request: Request, maxBytes = DEFAULT_MAX_OAUTH_BODY_BYTES): Promise<Record<string, unknown>> {
  if (mediaType(request) !== "application/json") {
    throw new OAuthError("invalid_client_metadata", "send the client metadata as application/json");
  }
  const text = await readText(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OAuthError("invalid_client_metadata", "the request body is not valid JSON", { cause: error });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new OAuthError("invalid_client_metadata", "the client metadata must be a JSON object");
  }
  return value as Record<string, unknown>;
}
