import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readVersions } from "./versions.js";

describe("dist/versions.json", () => {
  it("pins the versions in the monorepo's package.json files at build time", () => {
    const versions = readVersions(new URL("../dist/versions.json", import.meta.url));
    const manifest = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
    expect(versions.packages["chuk-mcp"]).toBe(manifest("../../chuk-mcp/package.json").version);
    expect(versions.packages["@chuk-mcp/core"]).toBe(manifest("../../core/package.json").version);
    expect(versions.tools.typescript).toBe(manifest("../../../package.json").devDependencies.typescript);
    expect(versions.packages).not.toHaveProperty("create-chuk-mcp");
  });
});
