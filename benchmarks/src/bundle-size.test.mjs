import { describe, expect, it } from "vitest";
import { measureBundle } from "./bundle-size.mjs";

describe("measureBundle", () => {
  it("bundles the bare node:http server into a small file with nothing left external", async () => {
    const result = await measureBundle("node-http.mjs");
    expect(result.bytes).toBeGreaterThan(200);
    expect(result.bytes).toBeLessThan(20_000);
    expect(result.gzipBytes).toBeLessThan(result.bytes);
    expect(result.unresolved).toEqual([]);
  });

  it("inlines a framework's dependencies, so hono's bundle is larger than bare node:http's", async () => {
    const [bare, hono] = await Promise.all([measureBundle("node-http.mjs"), measureBundle("hono.mjs")]);
    expect(hono.bytes).toBeGreaterThan(bare.bytes);
    expect(hono.inputs).toBeGreaterThan(bare.inputs);
  });

  it("leaves optional peers that are not installed external and names them", async () => {
    const result = await measureBundle("fastmcp.mjs");
    expect(result.unresolved.length).toBeGreaterThan(0);
    expect(result.bytes).toBeGreaterThan(100_000);
  });
});
