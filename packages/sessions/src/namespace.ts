/**
 * Key namespacing shared by every Redis-backed structure: `{ENVIRONMENT}:{DEPLOYMENT_ID}:sbx:`,
 * each part encoded ({@link encodeKeyPart}) so distinct (environment, deployment) pairs never
 * produce the same prefix (`"a:b"` + `"c"` and `"a"` + `"b:c"` used to collide) and no part can
 * smuggle glob characters into a pattern. Two deployments (or environments) on one Redis
 * never see each other's keys.
 */

/** Environment variables read by this package; pass your own object in tests. */
export type Environment = Record<string, string | undefined>;

export interface NamespaceOptions {
  /** Default: env `ENVIRONMENT`, else `dev`. */
  environment?: string;
  /** Default: env `DEPLOYMENT_ID`, else `default`. */
  deploymentId?: string;
  /** Default: see {@link resolveSandboxId}. */
  sandboxId?: string;
  /** Where defaults are read from. Default: `process.env` where it exists, else `{}`. */
  env?: Environment;
}

export interface Namespace {
  environment: string;
  deploymentId: string;
  sandboxId: string;
  /** `{environment}:{deploymentId}:sbx:`, parts encoded with {@link encodeKeyPart}. */
  prefix: string;
}

const SANDBOX_ENVIRONMENT_VARIABLES = ["MCP_SANDBOX_ID", "CHUK_SANDBOX_ID", "SANDBOX_ID", "POD_NAME"] as const;

function runtimeEnvironment(): Environment {
  const processLike = (globalThis as { process?: { env?: Environment } }).process;
  return processLike?.env ?? {};
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

let processSandboxId: string | undefined;

/**
 * The sandbox id: explicit config, then `MCP_SANDBOX_ID`, `CHUK_SANDBOX_ID`, `SANDBOX_ID`,
 * `POD_NAME`, else `mcp-runtime-<timestamp>`, fixed at the first call so every store of a
 * process agrees (pass `now` to get a fresh one).
 */
export function resolveSandboxId(configured?: string, env: Environment = runtimeEnvironment(), now?: () => number): string {
  const explicit = nonEmpty(configured);
  if (explicit) return explicit;
  for (const name of SANDBOX_ENVIRONMENT_VARIABLES) {
    const value = nonEmpty(env[name]);
    if (value) return value;
  }
  if (now) return `mcp-runtime-${now()}`;
  processSandboxId ??= `mcp-runtime-${Date.now()}`;
  return processSandboxId;
}

const KEY_SAFE = /^[A-Za-z0-9_.-]*$/;
const utf8 = new TextEncoder();

/**
 * Encodes one part of a key: letters, digits, `_`, `.` and `-` stay (so `prod`, `eu-1`,
 * `default` read as before); every other UTF-8 byte becomes `%XX`, `%` included. Injective,
 * and the result never contains `:` or a glob character, so joining parts with `:` cannot
 * make two different inputs meet.
 */
export function encodeKeyPart(part: string): string {
  if (KEY_SAFE.test(part)) return part;
  let encoded = "";
  for (const character of part) {
    if (KEY_SAFE.test(character)) {
      encoded += character;
      continue;
    }
    for (const byte of utf8.encode(character)) encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

/** Resolves environment, deployment and sandbox, and the key prefix built from them. */
export function resolveNamespace(options: NamespaceOptions = {}): Namespace {
  const env = options.env ?? runtimeEnvironment();
  const environment = nonEmpty(options.environment) ?? nonEmpty(env.ENVIRONMENT) ?? "dev";
  const deploymentId = nonEmpty(options.deploymentId) ?? nonEmpty(env.DEPLOYMENT_ID) ?? "default";
  const sandboxId = resolveSandboxId(options.sandboxId, env);
  return { environment, deploymentId, sandboxId, prefix: `${encodeKeyPart(environment)}:${encodeKeyPart(deploymentId)}:sbx:` };
}

/**
 * Seconds a sandbox registration lives in Redis: env `SANDBOX_REGISTRY_TTL`, else 86 400.
 * A value that is not a positive integer falls back to the default.
 */
export function resolveSandboxRegistryTtl(env: Environment = runtimeEnvironment()): number {
  const raw = nonEmpty(env.SANDBOX_REGISTRY_TTL);
  const parsed = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : 86_400;
}

export { runtimeEnvironment };
