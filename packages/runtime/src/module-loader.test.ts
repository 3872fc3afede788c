import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { moduleCandidates, resolveModule } from "./module-loader.js";

const ORIGINAL = fileURLToPath(new URL("../test/fixtures/original/", import.meta.url));

describe("module resolution", () => {
  it("resolves the original's dotted my_tools.tools from location ./my_tools to my_tools/tools.ts", () => {
    const location = join(ORIGINAL, "my_tools");
    expect(resolveModule({ module: "my_tools.tools", searchDirectories: [location, ORIGINAL] })).toBe(join(ORIGINAL, "my_tools", "tools.ts"));
    expect(resolveModule({ module: "my_tools.tools", searchDirectories: [ORIGINAL] })).toBe(join(ORIGINAL, "my_tools", "tools.ts"));
  });

  it("resolves bare names, .mjs files and explicit paths", () => {
    expect(resolveModule({ module: "resources_example", searchDirectories: [ORIGINAL] })).toBe(join(ORIGINAL, "resources_example.mjs"));
    expect(resolveModule({ module: "./my_resources/resources.ts", searchDirectories: [ORIGINAL] })).toBe(join(ORIGINAL, "my_resources", "resources.ts"));
    expect(resolveModule({ module: "my_resources/resources", searchDirectories: [ORIGINAL] })).toBe(join(ORIGINAL, "my_resources", "resources.ts"));
  });

  it("tries .ts, .mts, .js and .mjs in that order, then index files", () => {
    const candidates = moduleCandidates({ module: "pkg.mod", searchDirectories: ["/base"] });
    expect(candidates.slice(0, 5)).toEqual(["/base/pkg/mod", "/base/pkg/mod.ts", "/base/pkg/mod.mts", "/base/pkg/mod.js", "/base/pkg/mod.mjs"]);
    expect(candidates).toContain("/base/pkg/mod/index.ts");
    expect(resolveModule({ module: "no.such.module", searchDirectories: [ORIGINAL] })).toBeUndefined();
  });
});
