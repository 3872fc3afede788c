/**
 * How a client ID metadata document is fetched: a small interface so the runtime-neutral
 * package can use a DNS-resolving, address-pinning fetcher on Node and plain `fetch` elsewhere.
 * Every fetcher resolves the host, checks every address, streams at most `maxBytes` and
 * gives up at `timeoutMs`; any failure throws (the loader turns all of them into one answer).
 */
import { readBodyWithLimit } from "@chuk-mcp/core";
import { isInternalAddress, isInternalHostname, isIpLiteral } from "./address-ranges.js";

/** Resolves a host name to every address it has (Node: `dns.lookup(name, { all: true })`). */
export interface HostResolver {
  resolve(hostname: string): Promise<string[]>;
}

export interface MetadataFetchRequest {
  url: URL;
  maxBytes: number;
  timeoutMs: number;
  /** Reach loopback/private/link-local targets (tests, private deployments). Default false. */
  allowInternalHosts: boolean;
}

export interface MetadataFetchResponse {
  /** UTF-8 text of the body (at most `maxBytes` bytes). */
  body: string;
  /** `Cache-Control` of the response, if any. */
  cacheControl: string | undefined;
}

/** Fetches one metadata document or throws. */
export type MetadataDocumentFetcher = (request: MetadataFetchRequest) => Promise<MetadataFetchResponse>;

/** A failure of a metadata fetch. The reason is for logs only: clients see one uniform answer. */
export class MetadataFetchError extends Error {
  override readonly name = "MetadataFetchError";
}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

/**
 * Resolves the URL's host and checks every address. Returns the addresses (an IP literal
 * resolves to itself). Throws when any address is internal and internal hosts are not allowed.
 */
export async function resolveAndCheck(url: URL, resolver: HostResolver | undefined, allowInternalHosts: boolean): Promise<string[]> {
  const host = bareHost(url);
  if (!allowInternalHosts && isInternalHostname(host)) throw new MetadataFetchError(`host ${host} is internal`);
  if (isIpLiteral(host)) return [host];
  if (resolver === undefined) return [];
  const addresses = await resolver.resolve(host.replace(/\.+$/, ""));
  if (addresses.length === 0) throw new MetadataFetchError(`host ${host} has no addresses`);
  // One internal address is enough to refuse: the connection could land on any of them.
  if (!allowInternalHosts && addresses.some((address) => isInternalAddress(address))) {
    throw new MetadataFetchError(`host ${host} resolves to an internal address`);
  }
  return addresses;
}

/** Reads a web stream into text (core's capped reader), throwing once more than `maxBytes` arrive. */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  const bytes = await readBodyWithLimit(body, maxBytes);
  if (bytes === undefined) throw new MetadataFetchError(`document is larger than ${maxBytes} bytes`);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/**
 * The portable fetcher on `fetch`: it checks the literal host and, given a resolver, every
 * resolved address, but cannot pin the connection to the checked address (a DNS answer may
 * change in between). Node uses the pinned fetcher instead; pass this one where Node's
 * `http` is unavailable (edge runtimes, which have no private network to reach anyway).
 */
export function createWebMetadataFetcher(options: { fetch?: typeof fetch; resolver?: HostResolver } = {}): MetadataDocumentFetcher {
  const doFetch = options.fetch ?? fetch;
  return async (request) => {
    await resolveAndCheck(request.url, options.resolver, request.allowInternalHosts);
    const signal = AbortSignal.timeout(request.timeoutMs);
    const response = await doFetch(request.url.href, { headers: { accept: "application/json" }, redirect: "error", signal });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new MetadataFetchError(`document answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > request.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new MetadataFetchError(`document declares ${declared} bytes`);
    }
    return { body: await readCapped(response.body, request.maxBytes), cacheControl: response.headers.get("cache-control") ?? undefined };
  };
}
