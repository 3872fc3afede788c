/**
 * `trustProxy`: forwarding headers (`Forwarded`, `X-Forwarded-*`, `X-Real-IP`) are believed
 * only when the TCP peer is a configured proxy. From anyone else they are removed before the
 * authenticator, the engine and tools (e.g. artifact download links) see the request, and the
 * client's address is the peer's own. Default: trust nobody.
 * @see https://www.rfc-editor.org/rfc/rfc7239 (Forwarded)
 */
import { addressKey, inRange, parseCidr, parseIp, type CidrRange } from "./ip-address.js";
import type { RequestHeaders } from "./request-validation.js";

/** `false` (default): nobody; `true`: every peer; a list: peers in these addresses / CIDR ranges. */
export type TrustProxyOption = boolean | readonly string[];

/** What the runtime knows about the connection a request came on. */
export interface RequestPeer {
  /** The TCP peer address (`socket.remoteAddress`); absent when the runtime does not say. */
  readonly remoteAddress?: string;
}

/** Every header a proxy uses to describe the original request. */
export const FORWARDING_HEADERS: readonly string[] = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-forwarded-prefix",
  "x-real-ip",
];

function first(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : value?.[0];
}

/** A compiled `trustProxy` policy. */
export class ProxyTrust {
  private readonly all: boolean;
  private readonly ranges: readonly CidrRange[];

  constructor(option: TrustProxyOption | undefined) {
    if (option !== undefined && typeof option !== "boolean" && !Array.isArray(option)) {
      throw new RangeError("[chuk-mcp] [http] option trustProxy must be true, false or a list of addresses / CIDR ranges");
    }
    this.all = option === true;
    this.ranges = Array.isArray(option) ? option.map((entry: string) => parseCidr(entry)) : [];
  }

  /** True when nothing is ever trusted (the default), so requests need no look at all. */
  get none(): boolean {
    return !this.all && this.ranges.length === 0;
  }

  /** True when `address` is a trusted proxy. */
  trusts(address: string | undefined): boolean {
    if (this.all) return true;
    if (address === undefined || this.ranges.length === 0) return false;
    const bytes = parseIp(address);
    return bytes !== undefined && this.ranges.some((range) => inRange(bytes, range));
  }

  /**
   * The headers to go on with: the same object when the peer is trusted or sent no
   * forwarding header (the usual case, no copy), else a copy without them.
   */
  sanitize<T extends RequestHeaders>(headers: T, peer: RequestPeer | undefined): T {
    let present = false;
    for (const name of FORWARDING_HEADERS) if (headers[name] !== undefined) present = true;
    if (!present || this.trusts(peer?.remoteAddress)) return headers;
    const copy = Object.assign(Object.create(null) as T, headers);
    for (const name of FORWARDING_HEADERS) delete copy[name];
    return copy;
  }

  /**
   * The client's address: the peer's, or (through trusted proxies) the nearest
   * `X-Forwarded-For` entry that is not itself a trusted proxy.
   */
  clientAddress(headers: RequestHeaders, peer: RequestPeer | undefined): string | undefined {
    const address = peer?.remoteAddress;
    if (!this.trusts(address)) return address;
    const chain = (first(headers["x-forwarded-for"]) ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
    if (chain.length === 0) return address;
    if (this.all) return chain[0];
    for (let index = chain.length - 1; index >= 0; index--) {
      const hop = chain[index] as string;
      if (!this.trusts(hop)) return hop;
    }
    return chain[0];
  }
}

/** The per-client quota key: the authenticated owner when there is one, else the client address. */
export function clientKeyFor(ownerKey: string, address: string | undefined): string {
  if (ownerKey !== "") return `owner:${ownerKey}`;
  return address === undefined ? "address:unknown" : `address:${addressKey(address)}`;
}
