import { describe, expect, it } from "vitest";
import * as core from "@chuk-mcp/core";
import { canUseTool, hasScopes, missingScopes, requiresAuth } from "./index.js";
import { parseScope, resolveExternalAccessToken } from "./scopes.js";

describe("scopes", () => {
  it("parses scope strings into unique tokens", () => {
    expect(parseScope("read  write read")).toEqual(["read", "write"]);
    expect(parseScope(undefined)).toEqual([]);
  });

  it("requiresAuth produces the tool marker core honours", () => {
    expect(requiresAuth({ scopes: ["files:read", "files:read"] })).toEqual({ auth: { scopes: ["files:read"] } });
    expect(requiresAuth()).toEqual({ auth: { scopes: [] } });
    expect(() => requiresAuth({ scopes: ["bad scope"] })).toThrow(/not a valid scope token/);
  });

  it("hasScopes needs an authenticated caller holding every scope", () => {
    const auth = { scopes: ["a", "b"] };
    expect(hasScopes(auth, ["a"])).toBe(true);
    expect(hasScopes(auth, ["a", "c"])).toBe(false);
    expect(hasScopes(undefined, [])).toBe(false);
    expect(hasScopes(auth, [])).toBe(true);
    expect(missingScopes(auth, ["a", "c"])).toEqual(["c"]);
  });

  it("canUseTool hides marked tools from callers without the scopes", () => {
    const tool = { name: "t", ...requiresAuth({ scopes: ["admin"] }) };
    expect(canUseTool(tool, { scopes: ["admin"] })).toBe(true);
    expect(canUseTool(tool, { scopes: ["read"] })).toBe(false);
    expect(canUseTool(tool, undefined)).toBe(false);
    expect(canUseTool({ name: "open" }, undefined)).toBe(true);
  });

  it("re-exports core's scope checks, so the resource server and the engine apply one rule", () => {
    expect(requiresAuth).toBe(core.requiresAuth);
    expect(hasScopes).toBe(core.hasScopes);
    expect(missingScopes).toBe(core.missingScopes);
    expect(canUseTool).toBe(core.canUseTool);
  });

  it("canUseTool treats requiresAuth: true as needing any authenticated caller, as tools/list does", () => {
    expect(canUseTool({ name: "signed_in", requiresAuth: true }, undefined)).toBe(false);
    expect(canUseTool({ name: "signed_in", requiresAuth: true }, { scopes: [] })).toBe(true);
  });

  it("resolveExternalAccessToken reads only a non-empty string", () => {
    expect(resolveExternalAccessToken({ scopes: [], extra: { externalAccessToken: "up" } })).toBe("up");
    expect(resolveExternalAccessToken({ scopes: [], extra: { externalAccessToken: 5 } })).toBeUndefined();
    expect(resolveExternalAccessToken(undefined)).toBeUndefined();
  });
});
