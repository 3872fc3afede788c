import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCreate } from "../src/init-command.js";
import { UsageError } from "../src/usage-error.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

function init(args: string[]) {
  const result = spawnSync(process.execPath, [cli, "init", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("chuk-mcp init", () => {
  it("creates a project through create-chuk-mcp, non-interactive, in --dir", () => {
    const parent = mkdtempSync(join(tmpdir(), "chuk-mcp-init-"));
    const { code, stderr } = init(["my-server", "--dir", parent, "--no-install", "--no-git"]);
    expect(code, stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(parent, "my-server", "package.json"), "utf8"));
    expect(manifest.name).toBe("my-server");
    expect(existsSync(join(parent, "my-server", "src", "server.ts"))).toBe(true);
  }, 90_000);

  it("passes --template on", () => {
    const parent = mkdtempSync(join(tmpdir(), "chuk-mcp-init-"));
    const { code, stderr } = init(["edge", "--dir", parent, "--template", "cloudflare", "--no-install", "--no-git"]);
    expect(code, stderr).toBe(0);
    expect(existsSync(join(parent, "edge", "wrangler.toml"))).toBe(true);
  }, 90_000);

  it("refuses a missing name and a bad template with one line and exit code 2, writing nothing", () => {
    const parent = mkdtempSync(join(tmpdir(), "chuk-mcp-init-"));
    const missing = init(["--dir", parent]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^chuk-mcp: chuk-mcp init needs the project name first/);
    const bad = init(["app", "--dir", parent, "--template", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toEqual(["create-chuk-mcp: unknown template 'nope'; available templates: server, runtime, lambda, vercel, cloudflare"]);
    expect(readdirSync(parent)).toEqual([]);
  }, 90_000);
});

describe("loadCreate", () => {
  it("says in one line what to install when create-chuk-mcp is not installed", async () => {
    // A real resolution failure: import it from a folder where it is not installed.
    const folder = mkdtempSync(join(tmpdir(), "chuk-mcp-no-create-"));
    writeFileSync(join(folder, "probe.mjs"), 'export default (specifier) => import(specifier);\n');
    const { default: importFromThere } = (await import(pathToFileURL(join(folder, "probe.mjs")).href)) as { default: (specifier: string) => Promise<unknown> };
    const error = await loadCreate(importFromThere).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/^chuk-mcp init needs the create-chuk-mcp package: install it \(npm install -g create-chuk-mcp.*npm create chuk-mcp@latest <name> instead\.$/);
    expect((error as UsageError).message).not.toContain("\n");
  });

  it("rejects a module without runCreate", async () => {
    await expect(loadCreate(async () => ({}))).rejects.toThrow(/has no runCreate export/);
  });
});
