import { ArtifactError } from "./errors.js";
import { ARTIFACT_SCOPES, type ArtifactMetaValue, type ArtifactScope } from "./types.js";

export { assertFilename, normalizeFilename } from "./filename.js";

const MIME_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"\u0000-\u001f]*"|[A-Za-z0-9!#$&^_.+-]+))*$/;

/** Session artifacts live between 15 minutes and 24 hours. */
export const SESSION_TTL_LIMITS = { minimum: 900, maximum: 86_400, default: 900 } as const;

export function assertMime(mime: unknown): asserts mime is string {
  if (typeof mime !== "string" || !MIME_TYPE.test(mime)) {
    throw new ArtifactError("invalid_argument", `Invalid mime type ${JSON.stringify(String(mime).slice(0, 80))}: use type/subtype, e.g. "text/plain" or "image/png".`);
  }
}

export function assertScope(scope: unknown): asserts scope is ArtifactScope {
  if (!ARTIFACT_SCOPES.includes(scope as ArtifactScope)) {
    throw new ArtifactError("invalid_scope", `Invalid scope ${JSON.stringify(scope)}: use "session", "user" or "sandbox".`);
  }
}

export function assertSummary(summary: unknown): asserts summary is string | undefined {
  if (summary !== undefined && (typeof summary !== "string" || summary.length > 4_096)) {
    throw new ArtifactError("invalid_argument", "summary must be a string of at most 4096 characters.");
  }
}

/** Scalar values only, at most 64 keys, at most 16 KiB as JSON. */
export function assertMeta(meta: unknown): asserts meta is Record<string, ArtifactMetaValue> | undefined {
  if (meta === undefined) return;
  const fail = (reason: string): never => {
    throw new ArtifactError("invalid_argument", `Invalid meta: ${reason}. Use an object of at most 64 string, number, boolean or null values.`);
  };
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) fail("it is not a plain object");
  const entries = Object.entries(meta as object);
  if (entries.length > 64) fail("it has more than 64 keys");
  for (const [key, value] of entries) {
    if (value !== null && !["string", "number", "boolean"].includes(typeof value)) fail(`"${key}" is a ${typeof value}`);
    if (typeof value === "number" && !Number.isFinite(value)) fail(`"${key}" is not a finite number`);
  }
  if (JSON.stringify(meta).length > 16_384) fail("it is larger than 16 KiB");
}

/** Resolves the expiry (epoch ms) for a scope and requested TTL, or throws `invalid_ttl`. */
export function resolveExpiry(scope: ArtifactScope, ttl: number | undefined, now: number): number | undefined {
  if (ttl !== undefined && (typeof ttl !== "number" || !Number.isFinite(ttl) || ttl <= 0)) {
    throw new ArtifactError("invalid_ttl", `ttl must be a positive number of seconds, got ${String(ttl)}.`);
  }
  if (scope === "session") {
    const seconds = ttl ?? SESSION_TTL_LIMITS.default;
    if (seconds < SESSION_TTL_LIMITS.minimum || seconds > SESSION_TTL_LIMITS.maximum) {
      throw new ArtifactError("invalid_ttl", `Session artifacts live 900-86400 seconds (15 min-24 h); got ttl ${seconds}. Use the user scope to keep an artifact longer.`);
    }
    return now + seconds * 1_000;
  }
  if (scope === "sandbox" && ttl !== undefined) {
    throw new ArtifactError("invalid_ttl", "Sandbox artifacts do not expire; remove ttl.");
  }
  return ttl === undefined ? undefined : now + ttl * 1_000;
}

const ARTIFACT_ID = /^(ses|usr|sbx)_[0-9a-f]{32}$/;
const SCOPE_BY_PREFIX: Record<string, ArtifactScope> = Object.assign(Object.create(null) as Record<string, ArtifactScope>, { ses: "session", usr: "user", sbx: "sandbox" });
const PREFIX_BY_SCOPE: Record<ArtifactScope, string> = { session: "ses", user: "usr", sandbox: "sbx" };

/** A new id; its prefix records the scope so one lookup finds the artifact. */
export function generateArtifactId(scope: ArtifactScope): string {
  return `${PREFIX_BY_SCOPE[scope]}_${crypto.randomUUID().replace(/-/g, "")}`;
}

/** The scope an id was issued for; throws `invalid_argument` for ids this package never issues. */
export function scopeOfArtifactId(id: unknown): ArtifactScope {
  const match = typeof id === "string" ? ARTIFACT_ID.exec(id) : null;
  if (!match) {
    throw new ArtifactError("invalid_argument", `Malformed artifact id ${JSON.stringify(String(id).slice(0, 80))}: ids look like "ses_<32 hex digits>".`);
  }
  return SCOPE_BY_PREFIX[match[1] as string] as ArtifactScope;
}
