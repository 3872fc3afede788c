/**
 * Upstream tokens kept per MCP user, encrypted at rest (AES-256-GCM), refreshed when expired.
 * Tools get them through `ctx.auth.extra.externalAccessToken`, never as arguments.
 */
import type { SecretKeys } from "../crypto.js";
import type { AuthStore } from "../store.js";
import type { UpstreamProvider, UpstreamTokens } from "./provider.js";

export interface ExternalTokenVault {
  save(userId: string, tokens: UpstreamTokens): Promise<void>;
  /** The current upstream access token, refreshed first when it expires within a minute. */
  accessToken(userId: string): Promise<string | undefined>;
}

/** Refresh this many seconds before expiry. */
const REFRESH_MARGIN_SECONDS = 60;

export function createExternalTokenVault(options: {
  store: AuthStore;
  keys: Promise<SecretKeys>;
  provider: UpstreamProvider;
  ttlSeconds: number;
}): ExternalTokenVault {
  const { store, provider } = options;
  const inFlight = new Map<string, Promise<string | undefined>>();
  const key = (userId: string): string => `external:${provider.id}:${userId}`;

  async function save(userId: string, tokens: UpstreamTokens): Promise<void> {
    const sealed = await (await options.keys).encrypt(JSON.stringify(tokens));
    await store.set(key(userId), sealed, options.ttlSeconds);
  }

  async function load(userId: string): Promise<string | undefined> {
    const sealed = await store.get<string>(key(userId));
    if (sealed === undefined) return undefined;
    const tokens = JSON.parse(await (await options.keys).decrypt(sealed)) as UpstreamTokens;
    const now = Math.floor(Date.now() / 1000);
    if (tokens.expiresAt === undefined || tokens.expiresAt - REFRESH_MARGIN_SECONDS > now) return tokens.accessToken;
    if (!tokens.refreshToken || !provider.refresh) {
      if (tokens.expiresAt > now) return tokens.accessToken;
      await store.delete(key(userId));
      return undefined;
    }
    const refreshed = await provider.refresh(tokens.refreshToken);
    await save(userId, refreshed);
    return refreshed.accessToken;
  }

  return {
    save,
    accessToken(userId) {
      // One refresh per user at a time: concurrent requests share it instead of racing the provider.
      const pending = inFlight.get(userId);
      if (pending) return pending;
      const promise = load(userId).finally(() => inFlight.delete(userId));
      inFlight.set(userId, promise);
      return promise;
    },
  };
}
