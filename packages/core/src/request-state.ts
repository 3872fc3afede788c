/**
 * HMAC-SHA256-signed `requestState` for 2026-07-28 input-required round trips. The client
 * echoes the state back unchanged; anything it altered fails verification.
 * @see https://modelcontextprotocol.io/specification/draft/basic/utilities/input-required
 */
import { decodeBase64Url, encodeBase64Url } from "./base64url.js";
import { createHmacSigner } from "./hmac.js";

/** Signs and verifies request state with the server secret. */
export interface RequestStateSigner {
  sign(payload: Record<string, unknown>): Promise<string>;
  /** The payload, or undefined when the state is malformed or its signature does not match. */
  verify(state: string): Promise<Record<string, unknown> | undefined>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Creates a signer; a random 32-byte secret is used when none is given. */
export function createRequestStateSigner(secret?: string | Uint8Array): RequestStateSigner {
  const hmac = createHmacSigner(secret);
  return {
    async sign(payload) {
      const body = encoder.encode(JSON.stringify(payload));
      return `${encodeBase64Url(body)}.${await hmac.sign(body)}`;
    },
    async verify(state) {
      if (typeof state !== "string" || state.length > 1_000_000) return undefined;
      const dot = state.indexOf(".");
      if (dot <= 0 || dot !== state.lastIndexOf(".")) return undefined;
      const body = decodeBase64Url(state.slice(0, dot));
      if (body === undefined || !(await hmac.verify(body, state.slice(dot + 1)))) return undefined;
      try {
        const parsed: unknown = JSON.parse(decoder.decode(body));
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
