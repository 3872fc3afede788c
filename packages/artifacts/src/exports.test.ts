import { describe, expect, it } from "vitest";
import * as publicApi from "./index.js";

describe("public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(publicApi).sort()).toEqual([
      "ARTIFACT_SCOPES", "ArtifactError", "ArtifactStore", "SESSION_TTL_LIMITS", "artifactStorageConfigFromEnv", "assertFilename",
      "createArtifactStorage", "createArtifactStoreFromEnv", "createS3UrlSigner", "decodeBase64", "generateArtifactId",
      "isArtifactError", "normalizeFilename", "scopeOfArtifactId", "sha256Hex", "signPresignedToken", "verifyPresignedToken",
      "ARTIFACT_TOOL_NAMES", "registerArtifactTools", "registerArtifactResources", "createArtifactDownloadHandler",
      "createArtifactDownloadRoute",
    ].sort());
  });
});
