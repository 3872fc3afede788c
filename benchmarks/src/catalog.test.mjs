import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import { HTTP_SERVERS, STDIO_SERVERS, selectServers } from "./catalog.mjs";
import { SERVERS_DIR } from "./machine.mjs";

describe("catalog", () => {
  it("points every entry at a server file that exists", () => {
    for (const entry of [...HTTP_SERVERS, ...STDIO_SERVERS]) {
      expect(existsSync(path.join(SERVERS_DIR, entry.file)), entry.file).toBe(true);
    }
  });

  it("includes ours in both HTTP eras and on stdio", () => {
    expect(HTTP_SERVERS.find((entry) => entry.ours)?.eras).toEqual(["2025", "2026"]);
    expect(STDIO_SERVERS.some((entry) => entry.ours)).toBe(true);
  });

  it("applies --only before --skip", () => {
    const ids = selectServers(HTTP_SERVERS, { only: ["ours", "sdk-v2", "hono"], skip: ["hono"] }).map((entry) => entry.id);
    expect(ids).toEqual(["sdk-v2", "ours"]);
  });
});
