import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCreate } from "./run-create.js";
import type { Versions } from "./versions.js";

const VERSIONS: Versions = {
  packages: { "chuk-mcp": "0.1.0", "@chuk-mcp/core": "0.1.0" },
  tools: { typescript: "~5.9.3", vitest: "^4.1.12", "@types/node": "^20.19.0", "@modelcontextprotocol/sdk": "^1.32.2" },
};

async function create(argv: string[], cwd = mkdtempSync(join(tmpdir(), "create-chuk-mcp-"))) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  const code = await runCreate(argv, { cwd, env: { PATH: process.env.PATH }, stdin, stdout, stderr, versions: VERSIONS });
  return { code, out, err, cwd };
}

describe("runCreate", () => {
  it("writes the server template with --yes, pinning our packages with ^ and no placeholder left", async () => {
    const { code, cwd } = await create(["app", "--yes", "--no-install", "--no-git"]);
    expect(code).toBe(0);
    const app = join(cwd, "app");
    expect(readdirSync(app).sort()).toEqual([".dockerignore", ".gitignore", "Dockerfile", "README.md", "docker-compose.yml", "package.json", "src", "tsconfig.build.json", "tsconfig.json"]);
    const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
    expect(manifest).toMatchObject({ name: "app", main: "./dist/main.js", dependencies: { "chuk-mcp": "^0.1.0" } });
    expect(manifest.devDependencies.typescript).toBe("~5.9.3");
    for (const file of ["README.md", "src/server.ts", "src/server.test.ts", "package.json"]) {
      expect(readFileSync(join(app, file), "utf8")).not.toMatch(/\{\{/);
    }
    expect(readFileSync(join(app, "README.md"), "utf8")).toContain(JSON.stringify(join(app, "dist", "main.js")).slice(1, -1));
  });

  it("uses defaults when stdin is not a terminal, and says so", async () => {
    const { code, err, cwd } = await create(["--no-install", "--no-git"]);
    expect(code).toBe(0);
    expect(err).toContain("stdin is not a terminal");
    expect(existsSync(join(cwd, "my-mcp-server", "src", "server.ts"))).toBe(true);
  });

  it("creates inside --dir and names a scoped project's folder without the scope", async () => {
    const parent = mkdtempSync(join(tmpdir(), "create-chuk-mcp-dir-"));
    const { code } = await create(["@acme/tools", "--yes", "--no-install", "--no-git", "--dir", parent]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(parent, "tools", "package.json"), "utf8")).name).toBe("@acme/tools");
  });

  it("runs git init and commits when asked", async () => {
    const { code, cwd } = await create(["app", "--yes", "--no-install"]);
    expect(code).toBe(0);
    expect(existsSync(join(cwd, "app", ".git"))).toBe(true);
  });

  const refusals: Array<[string, string[], RegExp]> = [
    ["a bad name", ["My App", "--yes"], /invalid project name: .*capital letters/],
    ["a core module name", ["fs", "--yes"], /Node\.js core module/],
    ["an unknown template", ["app", "--yes", "--template", "nope"], /unknown template 'nope'; available templates: server/],
    ["a template not shipped yet", ["app", "--yes", "--template", "runtime"], /template 'runtime' is not available .*@chuk-mcp\/runtime/],
    ["an unknown flag", ["app", "--yes", "--force"], /unknown option '--force'/],
    ["an unknown package manager", ["app", "--pm", "pip"], /unknown package manager 'pip'/],
    ["a flag without its value", ["app", "--template"], /--template needs a value/],
    ["two names", ["app", "other"], /unexpected argument 'other'/],
  ];
  for (const [what, argv, message] of refusals) {
    it(`refuses ${what} with one line on stderr and exit code 2, writing nothing`, async () => {
      const { code, err, cwd } = await create(argv);
      expect(code).toBe(2);
      expect(err).toMatch(message);
      expect(err.trim().split("\n").filter((line) => !line.includes("stdin is not a terminal"))).toHaveLength(1);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it("refuses a non-empty target folder and leaves it untouched", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "create-chuk-mcp-busy-"));
    mkdirSync(join(cwd, "app"));
    writeFileSync(join(cwd, "app", "notes.txt"), "mine");
    const { code, err } = await create(["app", "--yes"], cwd);
    expect(code).toBe(2);
    expect(err).toMatch(/app is not empty \(1 entries\)/);
    expect(readdirSync(join(cwd, "app"))).toEqual(["notes.txt"]);
  });

  it("prints help and the version on stdout", async () => {
    expect((await create(["--help"])).out).toContain("--template <name>");
    expect((await create(["--version"])).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
