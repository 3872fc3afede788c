import { createStorage } from "unstorage";
import type { ManagedArtifactStorage } from "./artifact-storage.js";
import { ArtifactError } from "./errors.js";
import { ArtifactStore, type ArtifactStoreOptions } from "./artifact-store.js";

/** Environment variables read here; pass your own object in tests. */
export type Environment = Record<string, string | undefined>;

export type ArtifactStorageProvider = "memory" | "filesystem" | "redis" | "s3";

export interface S3ProviderOptions {
  bucket: string;
  /** Default `https://s3.<region>.amazonaws.com`; set for MinIO, R2, etc. */
  endpoint?: string;
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ArtifactStorageConfig {
  provider: ArtifactStorageProvider;
  /** filesystem: directory that holds everything. */
  fsRoot?: string;
  /**
   * redis: URL (default `redis://127.0.0.1:6379`) and the key base. Default base: the
   * deployment namespace `{ENVIRONMENT}:{DEPLOYMENT_ID}:sbx` (parts encoded as in
   * `@chuk-mcp/sessions`), so deployments sharing a Redis never read each other's artifacts.
   */
  redis?: { url?: string; base?: string; environment?: string; deploymentId?: string; commandTimeoutMs?: number };
  s3?: S3ProviderOptions;
}

const PROVIDER_ALIASES: Record<string, ArtifactStorageProvider> = Object.assign(Object.create(null) as Record<string, ArtifactStorageProvider>, {
  memory: "memory", filesystem: "filesystem", fs: "filesystem", redis: "redis", s3: "s3",
});

function missing(variable: string, provider: string): never {
  throw new ArtifactError("invalid_argument", `The ${provider} artifact provider needs ${variable}; set it or choose another ARTIFACT_STORAGE_PROVIDER.`);
}

function processEnvironment(): Environment {
  return (globalThis as { process?: { env?: Environment } }).process?.env ?? {};
}

/** Reads `ARTIFACT_STORAGE_PROVIDER` and the variables of the chosen provider. */
export function artifactStorageConfigFromEnv(env: Environment = processEnvironment()): ArtifactStorageConfig {
  const name = (env.ARTIFACT_STORAGE_PROVIDER ?? "memory").trim().toLowerCase();
  const provider = PROVIDER_ALIASES[name];
  if (!provider) {
    throw new ArtifactError("invalid_argument", `Unknown ARTIFACT_STORAGE_PROVIDER ${JSON.stringify(name)}: use memory, filesystem, redis or s3.`);
  }
  switch (provider) {
    case "memory":
      return { provider };
    case "filesystem":
      return { provider, fsRoot: env.ARTIFACT_FS_ROOT || missing("ARTIFACT_FS_ROOT", provider) };
    case "redis":
      return {
        provider,
        redis: {
          url: env.REDIS_URL ?? "redis://127.0.0.1:6379",
          ...(env.ENVIRONMENT ? { environment: env.ENVIRONMENT } : {}),
          ...(env.DEPLOYMENT_ID ? { deploymentId: env.DEPLOYMENT_ID } : {}),
        },
      };
    case "s3": {
      const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
      return {
        provider,
        s3: {
          bucket: env.ARTIFACT_BUCKET || missing("ARTIFACT_BUCKET", provider),
          endpoint: env.S3_ENDPOINT_URL || `https://s3.${region}.amazonaws.com`,
          region,
          accessKeyId: env.AWS_ACCESS_KEY_ID || missing("AWS_ACCESS_KEY_ID", provider),
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY || missing("AWS_SECRET_ACCESS_KEY", provider),
        },
      };
    }
  }
}

/**
 * An unstorage instance for a provider. Driver modules (and ioredis / aws4fetch behind
 * them) load lazily, so unused providers cost nothing.
 */
export async function createArtifactStorage(config: ArtifactStorageConfig): Promise<ManagedArtifactStorage> {
  switch (config.provider) {
    case "memory": {
      const { default: memory } = await import("unstorage/drivers/memory");
      return createStorage({ driver: memory() });
    }
    case "filesystem": {
      if (!config.fsRoot) missing("fsRoot (ARTIFACT_FS_ROOT)", "filesystem");
      const { default: fsLite } = await import("unstorage/drivers/fs-lite");
      return createStorage({ driver: fsLite({ base: config.fsRoot }) });
    }
    case "redis": {
      const { default: redis } = await import("unstorage/drivers/redis");
      const { parseRedisUrl, resolveNamespace } = await import("@chuk-mcp/sessions");
      const url = config.redis?.url ?? "redis://127.0.0.1:6379";
      const plan = parseRedisUrl(url);
      const timeout = config.redis?.commandTimeoutMs ?? 2_000;
      // Bounded like the session stores: fail fast while Redis is down, reconnect forever.
      const bounded = {
        commandTimeout: timeout, connectTimeout: timeout, maxRetriesPerRequest: 1, enableOfflineQueue: true,
        retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), 2_000),
        ...(plan.password ? { password: plan.password } : {}), ...(plan.username ? { username: plan.username } : {}),
        ...(plan.tls ? { tls: plan.tlsInsecure ? { rejectUnauthorized: false } : {} } : {}),
      };
      const namespace = resolveNamespace({ environment: config.redis?.environment, deploymentId: config.redis?.deploymentId, sandboxId: "-", env: {} });
      const base = config.redis?.base ?? namespace.prefix.replace(/:$/, "");
      if (plan.mode === "cluster") {
        return createStorage({ driver: redis({ base, cluster: plan.nodes, clusterOptions: { redisOptions: bounded } }) });
      }
      const node = plan.nodes[0] ?? { host: "127.0.0.1", port: 6379 };
      return createStorage({ driver: redis({ base, host: node.host, port: node.port, ...(plan.db ? { db: plan.db } : {}), ...bounded }) });
    }
    case "s3": {
      const s3Options = config.s3 ?? missing("s3 options", "s3");
      const { default: s3 } = await import("unstorage/drivers/s3");
      return createStorage({
        driver: s3({ ...s3Options, region: s3Options.region ?? "us-east-1", endpoint: s3Options.endpoint ?? `https://s3.${s3Options.region ?? "us-east-1"}.amazonaws.com` }),
      });
    }
  }
}

/**
 * Signs S3 GET URLs (SigV4 query signing) so clients download straight from the bucket.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 */
export async function createS3UrlSigner(options: S3ProviderOptions): Promise<NonNullable<ArtifactStoreOptions["presignUrl"]>> {
  const { AwsClient } = await import("aws4fetch");
  const region = options.region ?? "us-east-1";
  const client = new AwsClient({ accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, region, service: "s3" });
  const base = `${(options.endpoint ?? `https://s3.${region}.amazonaws.com`).replace(/\/$/, "")}/${options.bucket}`;
  return async (key, expiresInSeconds) => {
    const path = key.split(":").map((segment) => encodeURIComponent(segment)).join("/");
    const url = new URL(`${base}/${path}`);
    url.searchParams.set("X-Amz-Expires", String(expiresInSeconds));
    const signed = await client.sign(url.toString(), { method: "GET", aws: { signQuery: true } });
    return signed.url;
  };
}

/**
 * Builds an {@link ArtifactStore} from the environment: `ARTIFACT_STORAGE_PROVIDER`,
 * `ARTIFACT_FS_ROOT`, `REDIS_URL`, `ARTIFACT_BUCKET`, `S3_ENDPOINT_URL`, `AWS_REGION`,
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `ARTIFACT_MAX_BYTES`, `ARTIFACT_PRESIGN_SECRET`.
 */
export async function createArtifactStoreFromEnv(
  env: Environment = processEnvironment(),
  overrides: Partial<Omit<ArtifactStoreOptions, "storage">> = {},
): Promise<ArtifactStore<ManagedArtifactStorage>> {
  const config = artifactStorageConfigFromEnv(env);
  const storage = await createArtifactStorage(config);
  const maxBytes = env.ARTIFACT_MAX_BYTES === undefined ? undefined : Number(env.ARTIFACT_MAX_BYTES);
  if (maxBytes !== undefined && (!Number.isInteger(maxBytes) || maxBytes < 1)) {
    throw new ArtifactError("invalid_argument", `ARTIFACT_MAX_BYTES must be a positive integer, got ${JSON.stringify(env.ARTIFACT_MAX_BYTES)}.`);
  }
  const sandboxId = env.MCP_SANDBOX_ID || env.CHUK_SANDBOX_ID || env.SANDBOX_ID || env.POD_NAME;
  return new ArtifactStore({
    storage,
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(env.ARTIFACT_PRESIGN_SECRET ? { presignSecret: env.ARTIFACT_PRESIGN_SECRET } : {}),
    ...(sandboxId ? { sandboxId } : {}),
    ...(config.s3 ? { presignUrl: await createS3UrlSigner(config.s3) } : {}),
    ...overrides,
  });
}
