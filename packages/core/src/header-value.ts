/**
 * SEP-2243 header value encoding: a value that cannot travel as plain header text is sent as
 * `=?base64?<standard, padded Base64 of its UTF-8 bytes>?=`. Anything without that exact
 * wrapper is literal. Core owns this so it can check `Mcp-Param-*` headers against tool
 * arguments without depending on a transport.
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#value-encoding
 */
import { decodeBase64 } from "./base64url.js";

const PREFIX = "=?base64?";
const SUFFIX = "?=";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes one header value after trimming optional whitespace (RFC 9110 §5.5). Returns
 * `undefined` when the value wears the Base64 wrapper but is not valid padded Base64 of UTF-8.
 * @example decodeHeaderValue("=?base64?SGVsbG8=?=") // "Hello"
 */
export function decodeHeaderValue(raw: string): string | undefined {
  const value = raw.trim();
  if (value.length < PREFIX.length + SUFFIX.length || !value.startsWith(PREFIX) || !value.endsWith(SUFFIX)) return value;
  const encoded = value.slice(PREFIX.length, value.length - SUFFIX.length);
  if (!BASE64.test(encoded)) return undefined;
  const bytes = decodeBase64(encoded);
  if (bytes === undefined) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
