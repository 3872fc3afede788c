export { ArtifactError, isArtifactError, type ArtifactErrorCode } from "./errors.js";
export {
  ARTIFACT_SCOPES,
  type ArtifactAccess,
  type ArtifactContent,
  type ArtifactMetadata,
  type ArtifactMetaValue,
  type ArtifactScope,
  type ArtifactStats,
  type CopyArtifactOptions,
  type ListArtifactsOptions,
  type PresignedArtifact,
  type ScopeStats,
  type WriteArtifactOptions,
} from "./types.js";
export { ArtifactStore, type ArtifactRead, type ArtifactStoreOptions } from "./artifact-store.js";
export type { ArtifactStorage, ManagedArtifactStorage } from "./artifact-storage.js";
export { SESSION_TTL_LIMITS, assertFilename, generateArtifactId, normalizeFilename, scopeOfArtifactId } from "./validation.js";
export { decodeBase64, sha256Hex } from "./content.js";
export { signPresignedToken, verifyPresignedToken, type PresignedClaims } from "./presign.js";
export {
  artifactStorageConfigFromEnv,
  createArtifactStorage,
  createArtifactStoreFromEnv,
  createS3UrlSigner,
  type ArtifactStorageConfig,
  type ArtifactStorageProvider,
  type Environment,
  type S3ProviderOptions,
} from "./providers.js";
export { registerArtifactTools, ARTIFACT_TOOL_NAMES, type ArtifactToolName, type ArtifactToolsOptions } from "./tools/artifact-tools.js";
export { registerArtifactResources } from "./tools/artifact-resources.js";
export type { ArtifactView } from "./tools/tool-support.js";
export {
  createArtifactDownloadHandler,
  createArtifactDownloadRoute,
  type ArtifactDownloadOptions,
  type RouteHost,
} from "./download-route.js";
