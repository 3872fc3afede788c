import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCreate } from "./run-create.js";
import type { Versions } from "./versions.js";

const VERSIONS: Versions = {
  packages: { "chuk-mcp": "0.1.0", "@chuk-mcp/core": "0.1.0", "@chuk-mcp/cloud": "0.1.0", "@chuk-mcp/http": "0.1.0", "@chuk-mcp/runtime": "0.2.0" },
  tools: { typescript: "~5.9.3", vitest: "^4.1.12", "@types/node": "^20.19.0", "@modelcontextprotocol/sdk": "^1.32.2", esbuild: "^0.28.2" },
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
    expect(manifest).toMatchObject({ name: "app", main: "./dist/main.js" });
    // The server template serves HTTP too (--http), and chuk-mcp's HTTP transport is an optional peer.
    expect(manifest.dependencies).toEqual({ "@chuk-mcp/http": "^0.1.0", "chuk-mcp": "^0.1.0" });
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
    ["an unknown template", ["app", "--yes", "--template", "nope"], /unknown template 'nope'; available templates: server, runtime, lambda, vercel, cloudflare$/m],
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

  // Each template's own `npm install && npm test && npm run build` is proven by `pnpm e2e:registry`;
  // here: the files each one writes, its pins, and no placeholder left anywhere.
  const templates: Array<[string, string[], Record<string, string>, string]> = [
    ["runtime", [".gitignore", "README.md", "config.yaml", "package.json", "src/gateway.test.ts", "src/notes-server.ts", "src/tools.ts", "tsconfig.build.json", "tsconfig.json", "vitest.config.ts"], { "@chuk-mcp/runtime": "^0.2.0", "chuk-mcp": "^0.1.0" }, "npm start   # stdio; edit config.yaml"],
    ["lambda", [".gitignore", "README.md", "package.json", "serverless.yml", "src/handler.test.ts", "src/handler.ts", "src/server.ts", "tsconfig.build.json", "tsconfig.json"], { "@chuk-mcp/cloud": "^0.1.0", "@chuk-mcp/core": "^0.1.0" }, "npm run deploy   # serverless deploy"],
    ["vercel", [".gitignore", "README.md", "api/mcp.ts", "package.json", "src/mcp.test.ts", "src/server.ts", "tsconfig.json", "vercel.json"], { "@chuk-mcp/cloud": "^0.1.0", "@chuk-mcp/core": "^0.1.0" }, "npm run deploy   # vercel deploy"],
    ["cloudflare", [".gitignore", "README.md", "package.json", "src/server.ts", "src/worker.test.ts", "src/worker.ts", "tsconfig.json", "wrangler.toml"], { "@chuk-mcp/cloud": "^0.1.0", "@chuk-mcp/core": "^0.1.0" }, "npm run deploy   # wrangler deploy"],
  ];
  for (const [template, files, dependencies, nextStep] of templates) {
    it(`writes the ${template} template: its files, ^ pins of our packages, no placeholder left`, async () => {
      const { code, err, cwd } = await create(["my-app", "--yes", "--template", template, "--no-install", "--no-git"]);
      expect(code).toBe(0);
      expect(err).toContain(nextStep);
      const app = join(cwd, "my-app");
      const written = (function walk(directory: string, prefix: string): string[] {
        return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(directory, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
      })(app, "");
      expect(written.sort()).toEqual(files);
      const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
      expect(manifest).toMatchObject({ name: "my-app", private: true, type: "module", dependencies });
      expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(["build", "test", "typecheck", "lint"]));
      for (const file of written) expect(readFileSync(join(app, file), "utf8"), file).not.toMatch(/\{\{/);
    });
  }

  it("names the deployed service after the project folder", async () => {
    const { cwd } = await create(["@acme/edge-tools", "--yes", "--template", "cloudflare", "--no-install", "--no-git"]);
    expect(readFileSync(join(cwd, "edge-tools", "wrangler.toml"), "utf8")).toContain('name = "edge-tools"');
    const lambda = await create(["@acme/fn", "--yes", "--template", "lambda", "--no-install", "--no-git"]);
    expect(readFileSync(join(lambda.cwd, "fn", "serverless.yml"), "utf8")).toContain("service: fn\n");
  });

  it("prints help and the version on stdout", async () => {
    expect((await create(["--help"])).out).toContain("--template <name>");
    expect((await create(["--version"])).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
