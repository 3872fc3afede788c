/**
 * Pins the public surface: the export-map keys and each entry's runtime exports change only on
 * purpose (add the name here in the same change, with a changeset).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as publicApi from "./index.js";
import * as testing from "./testing/index.js";

describe("public surface", () => {
  it("offers exactly the root and ./testing entries", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports)).toEqual([".", "./testing"]);
  });

  it("exports exactly the documented runtime names from the root entry", () => {
    expect(Object.keys(publicApi).sort()).toEqual(
      [
        "ClientRequestError", "ErrorCode", "LATEST_PROTOCOL_VERSION", "LOGGING_LEVELS", "McpError", "McpServer", "MetaKey",
        "PermissionError", "ProtocolEras", "ProtocolError", "SESSION_PROTOCOL_VERSIONS", "STATELESS_PROTOCOL_VERSION",
        "SUPPORTED_PROTOCOL_VERSIONS", "TASKS_EXTENSION", "Type", "canUseTool", "compileSchema", "createHmacSigner",
        "createRequestStateSigner", "decodeBase64Url", "decodeHeaderValue", "describeError", "encodeBase64Url", "errorResponse",
        "getContext", "getSessionId", "getUserId", "hasAmbientContext", "hasScopes", "isJsonRpcError", "isJsonRpcNotification",
        "isJsonRpcRequest", "isJsonRpcResponse", "isJsonRpcSuccess", "isPlainObject", "isScopeToken", "loadSchemaCompiler",
        "missingScopes", "negotiateSessionVersion", "parseUriTemplate", "readBodyWithLimit", "requireUserId", "requiresAuth",
        "routeMessage", "runWithContext", "setContextStorage", "successResponse", "toolAuthRequirement", "visibility",
        "visibleToUsers", "visibleWithScopes",
      ].sort(),
    );
  });

  it("exports only createTestClient from ./testing", () => {
    expect(Object.keys(testing)).toEqual(["createTestClient"]);
  });

  it("publishes McpServer without its internal engine state (stripInternal; `pnpm build` first)", () => {
    const declarations = readFileSync(new URL("../dist/server.d.ts", import.meta.url), "utf8");
    const body = declarations.slice(declarations.indexOf("export declare class McpServer"));
    expect(body).toMatch(/\bhasPrompt\(name: string\): boolean;/);
    for (const field of ["options", "toolTimeoutMs", "ambientContext", "pageSize", "tools", "resources", "templates", "prompts", "signer", "hub", "tasks", "sessionlessRequests", "messageParser", "middleware", "closed"]) {
      expect(body).not.toMatch(new RegExp(`(^|\\*/)\\s*(readonly )?${field}[:;]`, "m"));
    }
  });

  it("keeps the root entry free of Node built-ins", () => {
    const index = readFileSync(new URL("./index.ts", import.meta.url), "utf8");
    expect(index).not.toMatch(/from "node:/);
  });
});
