import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as proxy from "./index.js";

describe("public surface", () => {
  it("exports exactly the documented runtime names", () => {
    expect(Object.keys(proxy).sort()).toEqual([
      "CircuitBreaker",
      "DEFAULT_UPSTREAM_LIMITS",
      "McpProxy",
      "OPENAI_NAME_PATTERN",
      "PROXY_DEFAULTS",
      "ProxyError",
      "SERVER_NAME_PATTERN",
      "UPSTREAM_NAME_PATTERN",
      "backoffDelay",
      "checkUpstreamName",
      "createProxy",
      "incomingTraceContext",
      "isProcessAlive",
      "loadProxyConfig",
      "namespaceUri",
      "namespacedName",
      "openaiName",
      "parseNamespacedUri",
      "parseProxyConfig",
      "trackedChildPids",
      "validateProxyConfig",
    ]);
  });

  it("pins the package's export map and bin", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(Object.keys(manifest.exports)).toEqual([".", "./naming"]);
    expect(Object.keys(manifest.exports["./naming"])).toEqual(["types", "default"]);
    expect(Object.keys(manifest.exports["."])).toEqual(["types", "default"]);
    expect(manifest.bin).toEqual({ "chuk-mcp-proxy": "./dist/cli/main.js" });
  });
});
