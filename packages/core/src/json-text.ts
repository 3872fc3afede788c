/**
 * Small pieces of JSON text written directly, without a call into the runtime's serializer
 * (each `JSON.stringify` call costs more than the bytes it writes when they are few).
 */
import type { JsonRpcId } from "./jsonrpc.js";

/** Up to this many characters the escape check below is cheaper than `JSON.stringify`. */
const SHORT_TEXT = 64;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const FIRST_PRINTABLE = 0x20;
const FIRST_SURROGATE = 0xd800;
const LAST_SURROGATE = 0xdfff;

/** Exactly `JSON.stringify(text)`. */
export function quoteJson(text: string): string {
  if (text.length > SHORT_TEXT) return JSON.stringify(text);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // Quote, backslash and control characters are escaped; surrogates are left to JSON.stringify,
    // which escapes lone ones.
    if (code < FIRST_PRINTABLE || code === QUOTE || code === BACKSLASH || (code >= FIRST_SURROGATE && code <= LAST_SURROGATE)) {
      return JSON.stringify(text);
    }
  }
  return `"${text}"`;
}

/** Exactly `JSON.stringify(id)` for a JSON-RPC id (a string or a finite number). */
export function idJson(id: JsonRpcId): string {
  return typeof id === "number" ? String(id) : quoteJson(id);
}
