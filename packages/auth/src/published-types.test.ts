import { readdirSync, readFileSync } from "node:fs";
import memoryDriver from "unstorage/drivers/memory";
import { describe, expect, it } from "vitest";
import { createAuthStore } from "./index.js";

describe("published declarations", () => {
  it("createAuthStore accepts an unstorage driver through the structural StorageDriver type", async () => {
    const store = createAuthStore({ driver: memoryDriver(), prefix: "published-types" });
    await store.set("state:1", { ok: true }, 60);
    expect(await store.take("state:1")).toEqual({ ok: true });
    await store.close();
  });

  // Regression: a user's tsc with skipLibCheck: false failed with ~50 errors from
  // unstorage/drivers/*.d.mts, reached through chuk-mcp -> @chuk-mcp/auth's store.d.ts.
  it("do not import unstorage, whose driver declarations fail without skipLibCheck", () => {
    const dist = new URL("../dist/", import.meta.url);
    const declarations = readdirSync(dist).filter((file) => file.endsWith(".d.ts"));
    expect(declarations.length).toBeGreaterThan(0);
    const importing = declarations.filter((file) => /^\s*(?:import|export)\b[^;]*["']unstorage(?:\/[^"']*)?["']/m.test(readFileSync(new URL(file, dist), "utf8")));
    expect(importing).toEqual([]);
  });
});
