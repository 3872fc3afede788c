/**
 * Pins the public surface: export-map keys and each entry's named exports change only on purpose.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as core from "@chuk-mcp/core";
import * as root from "../src/index.js";
import * as node from "../src/node.js";

describe("package surface", () => {
  it("offers exactly the root and ./node entries", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports)).toEqual([".", "./node", "./package.json"]);
  });

  it("keeps the root entry runtime-neutral and its value exports stable", () => {
    expect(Object.keys(root).sort()).toEqual(
      [
        "DEFAULT_MAX_BODY_BYTES",
        "DEFAULT_PROTOCOL_VERSIONS",
        "HeaderName",
        "HttpErrorCode",
        "LOOPBACK_HOSTS",
        "MemoryEventStore",
        "MemorySessionStateStore",
        // Deprecated alias of MemorySessionStateStore, kept for one release.
        "MemorySessionStore",
        "PROTOCOL_VERSION_META_KEY",
        "STATELESS_PROTOCOL_VERSION",
        "StreamableHttpTransport",
        "createLegacySseHandler",
        "createMcpApp",
        "createMcpHandler",
        "decodeHeaderValue",
        "sessionChannel",
      ].sort(),
    );
    const sources = ["index", "handler", "app", "transport", "post", "options", "web-writer", "authenticate", "event-bus", "remote-stream", "session-bus-link", "store-failure", "legacy-sse/legacy-sse-handler", "legacy-sse/legacy-sse-options", "legacy-sse/legacy-sse-session"].map((name) =>
      readFileSync(new URL(`../src/${name}.ts`, import.meta.url), "utf8"),
    );
    for (const source of sources) expect(source).not.toMatch(/from "node:|@hono\/node-server/);
  });

  it("keeps the deprecated MemorySessionStore as the very same class as MemorySessionStateStore", () => {
    expect(root.MemorySessionStore).toBe(root.MemorySessionStateStore);
    const store: root.SessionStore = new root.MemorySessionStore({ maxSessions: 1 } satisfies root.MemorySessionStoreOptions);
    expect(store).toBeInstanceOf(root.MemorySessionStateStore);
  });

  it("re-exports core's decodeHeaderValue rather than a copy of it", () => {
    expect(root.decodeHeaderValue).toBe(core.decodeHeaderValue);
    expect(root.decodeHeaderValue("=?base64?SGVsbG8=?=")).toBe("Hello");
  });

  it("exposes serve and the Node writer from ./node", () => {
    expect(Object.keys(node).sort()).toEqual(["NodeResponseWriter", "readNodeBody", "serve", "serveLegacySse"]);
  });
});
