/**
 * Session tools and artifact tools (and `artifact://` resources), each registered only when
 * the configuration enables it: `session_tools.enabled` / `artifacts.enabled` and then the
 * tool's own `enabled: true`.
 */
import type { ArtifactStore } from "@chuk-mcp/artifacts";
import type { McpServer } from "@chuk-mcp/core";
import type { SessionManager, SessionRecordStore } from "@chuk-mcp/sessions";
import type { ResolvedConfig } from "./config/resolve-config.js";

/** What was built, for closing. */
export interface BuiltinTools {
  readonly sessions: SessionManager | undefined;
  readonly artifacts: ArtifactStore | undefined;
  close(): Promise<void>;
}

/** Registers the enabled built-in tools on `server`. */
export async function registerBuiltinTools(server: McpServer, config: ResolvedConfig): Promise<BuiltinTools> {
  let store: SessionRecordStore | undefined;
  let sessions: SessionManager | undefined;
  if (config.sessionTools.length > 0) {
    const { createSessionRecordStore, registerSessionTools, SessionManager } = await import("@chuk-mcp/sessions");
    store = await createSessionRecordStore({ provider: config.sessions.provider, env: config.env });
    sessions = new SessionManager({
      store,
      ttlSeconds: config.sessions.ttlSeconds,
      ...(config.sessions.sandboxId === undefined ? {} : { sandboxId: config.sessions.sandboxId }),
      env: config.env,
    });
    registerSessionTools(server, sessions, { enable: config.sessionTools });
  }
  let artifacts: ArtifactStore | undefined;
  if (config.artifacts.enabled) {
    const [{ createArtifactStoreFromEnv, registerArtifactTools }, { resolveNamespace }] = await Promise.all([import("@chuk-mcp/artifacts"), import("@chuk-mcp/sessions")]);
    const storage = config.artifacts.storage;
    const env: Record<string, string | undefined> = { ...config.env, ARTIFACT_STORAGE_PROVIDER: storage.provider };
    if (storage.fsRoot !== undefined) env.ARTIFACT_FS_ROOT = storage.fsRoot;
    if (storage.redis?.url !== undefined) env.REDIS_URL = storage.redis.url;
    if (storage.s3 !== undefined) {
      env.ARTIFACT_BUCKET = storage.s3.bucket;
      if (storage.s3.endpoint !== undefined) env.S3_ENDPOINT_URL = storage.s3.endpoint;
    }
    const namespace = resolveNamespace({ env: config.env, ...(config.sessions.sandboxId === undefined ? {} : { sandboxId: config.sessions.sandboxId }) });
    artifacts = await createArtifactStoreFromEnv(env, {
      sandboxId: namespace.sandboxId,
      // Keys carry the original's `{ENVIRONMENT}:{DEPLOYMENT_ID}` isolation.
      prefix: `${namespace.environment}:${namespace.deploymentId}:artifacts`,
      ...(config.artifacts.maxBytes === undefined ? {} : { maxBytes: config.artifacts.maxBytes }),
    });
    registerArtifactTools(server, artifacts, { enable: config.artifacts.tools });
  }
  return {
    sessions,
    artifacts,
    close: async () => {
      await (store as { close?: () => Promise<void> } | undefined)?.close?.();
      await (artifacts as { close?: () => Promise<void> } | undefined)?.close?.();
    },
  };
}
