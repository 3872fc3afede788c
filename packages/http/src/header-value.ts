/**
 * SEP-2243 header value encoding: values that cannot travel as plain header text are sent
 * as `=?base64?<standard base64 of UTF-8>?=`. Anything without that exact wrapper is literal.
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#value-encoding
 */

const BASE64_WRAPPER = /^=\?base64\?(.*)\?=$/s;
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes one routing-header value (after trimming optional whitespace). Returns
 * `undefined` when the value claims Base64 but is not valid padded Base64 of UTF-8 text.
 */
export function decodeHeaderValue(raw: string): string | undefined {
  const value = raw.trim();
  const match = BASE64_WRAPPER.exec(value);
  if (match === null) return value;
  const encoded = match[1] ?? "";
  if (encoded.length % 4 !== 0 || !BASE64_ALPHABET.test(encoded)) return undefined;
  try {
    const binary = atob(encoded);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
