/**
 * Loads client ID metadata documents on behalf of `/authorize`: resolve and check the host,
 * stream at most `maxBytes`, time out, cache good documents for their `max-age` and failures
 * briefly (bounded), share one fetch between concurrent requests for one URL, bound the
 * fetches in flight, and answer every failure the same way after the same minimum delay so
 * that neither the answer nor its timing tells an open port from a refused or internal one.
 * @see https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/
 */
import { sha256 } from "../crypto.js";
import type { AuthStore } from "../store.js";
import { createWebMetadataFetcher, type HostResolver, type MetadataDocumentFetcher } from "./fetcher.js";
import { createPinnedMetadataFetcher, pinnedFetchAvailable, systemHostResolver } from "./pinned-fetcher.js";

/** Limits and policy for metadata-document fetches (`createAuthorizationServer({ metadataDocuments })`). */
export interface MetadataDocumentOptions {
  /** Largest document accepted, in bytes. Default 5 120 (5 KiB). */
  maxBytes?: number;
  /** Deadline for the whole fetch (connect, headers, body), in ms. Default 5 000. */
  timeoutMs?: number;
  /** Fetch from loopback, private, link-local and other internal addresses. Default false. */
  allowInternalHosts?: boolean;
  /** How long a failed document is not fetched again, in seconds. Default 60. */
  failureCacheSeconds?: number;
  /** Failures remembered at most (oldest forgotten first). Default 1 000. */
  maxCachedFailures?: number;
  /** Every failure is answered no sooner than this many ms after the request started. Default 500. */
  failureDelayMs?: number;
  /** Fetches in flight at once; more fail at once (uniformly). Default 16. */
  maxConcurrentFetches?: number;
  /** Resolves host names. Default: the system resolver (Node); none elsewhere. */
  resolver?: HostResolver;
  /** Replaces the fetcher altogether. Default: the pinned Node fetcher where available, else `fetch`. */
  fetcher?: MetadataDocumentFetcher;
}

export interface DocumentLoader {
  /** The validated record for `clientId`, or undefined for every kind of failure. */
  load<T>(clientId: string, validate: (document: Record<string, unknown>) => T | undefined): Promise<T | undefined>;
}

const CACHE_MIN_SECONDS = 60;
const CACHE_MAX_SECONDS = 86_400;

function maxAgeOf(cacheControl: string | undefined): number {
  const match = /(?:^|[,\s])max-age=(\d+)/i.exec(cacheControl ?? "");
  const seconds = match ? Number(match[1]) : 3_600;
  return Math.min(Math.max(seconds, CACHE_MIN_SECONDS), CACHE_MAX_SECONDS);
}

function defaultFetcher(options: MetadataDocumentOptions, legacyFetch: typeof fetch | undefined): MetadataDocumentFetcher {
  if (options.fetcher) return options.fetcher;
  // A caller-supplied fetch is honoured (resolve-and-check, no pinning); otherwise pin on Node.
  if (legacyFetch === undefined && pinnedFetchAvailable()) {
    return createPinnedMetadataFetcher(options.resolver ? { resolver: options.resolver } : {});
  }
  const resolver = options.resolver ?? (pinnedFetchAvailable() ? systemHostResolver() : undefined);
  return createWebMetadataFetcher({ ...(legacyFetch ? { fetch: legacyFetch } : {}), ...(resolver ? { resolver } : {}) });
}

export function createDocumentLoader(store: AuthStore, options: MetadataDocumentOptions = {}, legacyFetch?: typeof fetch): DocumentLoader {
  const fetcher = defaultFetcher(options, legacyFetch);
  const maxBytes = options.maxBytes ?? 5 * 1024;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const allowInternalHosts = options.allowInternalHosts ?? false;
  const failureTtlMs = (options.failureCacheSeconds ?? 60) * 1000;
  const maxFailures = options.maxCachedFailures ?? 1_000;
  const failureDelayMs = options.failureDelayMs ?? 500;
  const maxConcurrent = options.maxConcurrentFetches ?? 16;
  const failures = new Map<string, number>();
  const inFlight = new Map<string, Promise<Record<string, unknown> | undefined>>();

  function recentlyFailed(clientId: string): boolean {
    const until = failures.get(clientId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    failures.delete(clientId);
    return false;
  }

  function rememberFailure(clientId: string): void {
    failures.delete(clientId);
    while (failures.size >= maxFailures) failures.delete(failures.keys().next().value as string);
    failures.set(clientId, Date.now() + failureTtlMs);
  }

  async function fetchDocument(clientId: string, cacheKey: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { body, cacheControl } = await fetcher({ url: new URL(clientId), maxBytes, timeoutMs, allowInternalHosts });
      const document = JSON.parse(body) as unknown;
      if (document === null || typeof document !== "object" || Array.isArray(document)) return undefined;
      const record = document as Record<string, unknown>;
      if (/no-store/i.test(cacheControl ?? "")) return record;
      await store.set(cacheKey, record, maxAgeOf(cacheControl));
      return record;
    } catch {
      return undefined;
    }
  }

  async function settle<T>(started: number, value: T | undefined): Promise<T | undefined> {
    if (value !== undefined) return value;
    const wait = started + failureDelayMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return undefined;
  }

  return {
    async load(clientId, validate) {
      const started = Date.now();
      if (recentlyFailed(clientId)) return settle(started, undefined);
      const cacheKey = `cimd:${await sha256(clientId)}`;
      let document = await store.get<Record<string, unknown>>(cacheKey);
      if (document === undefined) {
        let pending = inFlight.get(clientId);
        if (pending === undefined) {
          if (inFlight.size >= maxConcurrent) return settle(started, undefined);
          pending = fetchDocument(clientId, cacheKey).finally(() => inFlight.delete(clientId));
          inFlight.set(clientId, pending);
        }
        document = await pending;
      }
      const record = document === undefined ? undefined : validate(document);
      if (record === undefined) {
        rememberFailure(clientId);
        await store.delete(cacheKey).catch(() => undefined);
      }
      return settle(started, record);
    },
  };
}
