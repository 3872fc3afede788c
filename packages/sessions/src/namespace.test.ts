import { describe, expect, it } from "vitest";
import { resolveNamespace, resolveSandboxId, resolveSandboxRegistryTtl } from "./namespace.js";

describe("resolveSandboxId", () => {
  it("prefers explicit config over every environment variable", () => {
    expect(resolveSandboxId("configured", { MCP_SANDBOX_ID: "env" })).toBe("configured");
  });

  it("falls back through MCP_SANDBOX_ID, CHUK_SANDBOX_ID, SANDBOX_ID and POD_NAME in that order", () => {
    const full = { MCP_SANDBOX_ID: "a", CHUK_SANDBOX_ID: "b", SANDBOX_ID: "c", POD_NAME: "d" };
    expect(resolveSandboxId(undefined, full)).toBe("a");
    expect(resolveSandboxId(undefined, { ...full, MCP_SANDBOX_ID: " " })).toBe("b");
    expect(resolveSandboxId(undefined, { SANDBOX_ID: "c", POD_NAME: "d" })).toBe("c");
    expect(resolveSandboxId(undefined, { POD_NAME: "pod-7" })).toBe("pod-7");
  });

  it("invents mcp-runtime-<timestamp> when nothing is configured, stable within a process", () => {
    expect(resolveSandboxId(undefined, {}, () => 1_700_000_000_000)).toBe("mcp-runtime-1700000000000");
    const first = resolveSandboxId(undefined, {});
    expect(first).toMatch(/^mcp-runtime-\d{13}$/);
    expect(resolveSandboxId(undefined, {})).toBe(first);
  });
});

describe("resolveNamespace", () => {
  it("defaults to dev:default:sbx:", () => {
    expect(resolveNamespace({ env: {}, sandboxId: "s" })).toEqual({ environment: "dev", deploymentId: "default", sandboxId: "s", prefix: "dev:default:sbx:" });
  });

  it("reads ENVIRONMENT and DEPLOYMENT_ID, and options override them", () => {
    const env = { ENVIRONMENT: "prod", DEPLOYMENT_ID: "eu-1", POD_NAME: "pod-1" };
    expect(resolveNamespace({ env }).prefix).toBe("prod:eu-1:sbx:");
    expect(resolveNamespace({ env }).sandboxId).toBe("pod-1");
    expect(resolveNamespace({ env, environment: "staging" }).prefix).toBe("staging:eu-1:sbx:");
  });
});

describe("resolveSandboxRegistryTtl", () => {
  it("honours SANDBOX_REGISTRY_TTL and ignores values that are not positive integers", () => {
    expect(resolveSandboxRegistryTtl({ SANDBOX_REGISTRY_TTL: "600" })).toBe(600);
    expect(resolveSandboxRegistryTtl({})).toBe(86_400);
    for (const bad of ["-5", "0", "1.5", "ten"]) expect(resolveSandboxRegistryTtl({ SANDBOX_REGISTRY_TTL: bad })).toBe(86_400);
  });
});
