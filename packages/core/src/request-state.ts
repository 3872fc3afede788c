/**
 * HMAC-SHA256-signed `requestState` for 2026-07-28 input-required round trips. The client
 * echoes the state back unchanged; anything it altered fails verification.
 * @see https://modelcontextprotocol.io/specification/draft/basic/utilities/input-required
 */

/** Signs and verifies request state with the server secret. */
export interface RequestStateSigner {
  sign(payload: Record<string, unknown>): Promise<string>;
  /** The payload, or undefined when the state is malformed or its signature does not match. */
  verify(state: string): Promise<Record<string, unknown> | undefined>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Creates a signer; a random 32-byte secret is used when none is given. */
export function createRequestStateSigner(secret?: string | Uint8Array): RequestStateSigner {
  let keyPromise: Promise<CryptoKey> | undefined;
  const key = (): Promise<CryptoKey> => {
    keyPromise ??= (async () => {
      const raw =
        secret === undefined
          ? crypto.getRandomValues(new Uint8Array(32))
          : typeof secret === "string"
            ? encoder.encode(secret)
            : secret;
      return crypto.subtle.importKey("raw", raw as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    })();
    return keyPromise;
  };
  return {
    async sign(payload) {
      const body = encoder.encode(JSON.stringify(payload));
      const signature = new Uint8Array(await crypto.subtle.sign("HMAC", await key(), body as BufferSource));
      return `${toBase64Url(body)}.${toBase64Url(signature)}`;
    },
    async verify(state) {
      if (typeof state !== "string" || state.length > 1_000_000) return undefined;
      const dot = state.indexOf(".");
      if (dot <= 0 || dot !== state.lastIndexOf(".")) return undefined;
      const body = fromBase64Url(state.slice(0, dot));
      const signature = fromBase64Url(state.slice(dot + 1));
      if (body === undefined || signature === undefined) return undefined;
      const valid = await crypto.subtle.verify("HMAC", await key(), signature as BufferSource, body as BufferSource);
      if (!valid) return undefined;
      try {
        const parsed: unknown = JSON.parse(decoder.decode(body));
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
