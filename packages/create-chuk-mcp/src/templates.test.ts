import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { listTemplates, resolveTemplate } from "./templates.js";

describe("templates", () => {
  it("ships all five, server first", () => {
    expect(listTemplates().map((template) => template.name)).toEqual(["server", "runtime", "lambda", "vercel", "cloudflare"]);
  });

  it("says a catalogued template whose folder is missing is not available, naming the ones that are", () => {
    const root = mkdtempSync(join(tmpdir(), "create-chuk-mcp-templates-"));
    mkdirSync(join(root, "server"));
    const url = pathToFileURL(`${root}/`);
    expect(() => resolveTemplate("lambda", url)).toThrow(/template 'lambda' is not available in this version of create-chuk-mcp; available templates: server$/);
    expect(() => resolveTemplate("nope", url)).toThrow(/unknown template 'nope'; available templates: server$/);
  });
});
