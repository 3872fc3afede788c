/**
 * `chuk-mcp` installed without its optional peers (`@chuk-mcp/http`, `@chuk-mcp/auth`,
 * `@chuk-mcp/sessions`), as a stdio-only user has it: a folder whose node_modules holds a
 * copy of the built package and only its real dependencies. Its published types must check
 * with `skipLibCheck: false`, stdio must serve, and asking for a missing feature must exit 2
 * with the exact install command.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INITIALIZE, JsonLines } from "./json-lines.js";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const PACKAGES = join(PACKAGE, "..");
const require = createRequire(import.meta.url);
let sandbox: string;

/** Links `name` into the sandbox's node_modules (its own dependencies resolve from its real folder). */
function link(name: string, target: string): void {
  const at = join(sandbox, "node_modules", name);
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(target, at, "dir");
}

function packageFolder(name: string): string {
  return dirname(realpathSync(require.resolve(`${name}/package.json`)));
}

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), "chuk-mcp-no-peers-"));
  const installed = join(sandbox, "node_modules", "chuk-mcp");
  mkdirSync(installed, { recursive: true });
  cpSync(join(PACKAGE, "package.json"), join(installed, "package.json"));
  cpSync(join(PACKAGE, "dist"), join(installed, "dist"), { recursive: true });
  link("@chuk-mcp/core", join(PACKAGES, "core"));
  link("@chuk-mcp/stdio", join(PACKAGES, "stdio"));
  link("jiti", packageFolder("jiti"));
  link("@types/node", packageFolder("@types/node"));
  writeFileSync(join(sandbox, "package.json"), JSON.stringify({ name: "no-peers", private: true, type: "module" }));
  writeFileSync(
    join(sandbox, "server.mjs"),
    `import { Type, run, tool } from "chuk-mcp";
tool({ name: "add", input: Type.Object({ a: Type.Number(), b: Type.Number() }), handler: ({ a, b }) => String(a + b) });
await run({ force: true });
`,
  );
});

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

async function runServer(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["server.mjs", ...args], { cwd: sandbox, stdio: "pipe", env: { PATH: process.env.PATH ?? "", ...env } });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const lines = new JsonLines(child.stdout);
  const exited = once(child, "exit") as Promise<[number | null]>;
  return { child, lines, exited, stderr: () => stderr };
}

describe("chuk-mcp without its optional peers", () => {
  it("type-checks a server using run()'s HTTP and auth option types with skipLibCheck: false", () => {
    writeFileSync(
      join(sandbox, "server.ts"),
      `import { ChukMCPServer, Type, run, tool, type HttpServeOptions, type RunAuth, type RunningServer } from "chuk-mcp";
import { createTestClient } from "chuk-mcp/testing";

tool({ name: "add", input: Type.Object({ a: Type.Number(), b: Type.Number() }), handler: ({ a, b }) => String(a + b) });
const http: HttpServeOptions = { cors: { origin: "*" }, maxBodyBytes: 1024, routes: (app) => void app.fetch(new Request("http://x/")) };
const auth: RunAuth = false;
const running: RunningServer = await run({ http, auth });
void running.close();
void new ChukMCPServer({ name: "x" });
void createTestClient;
`,
    );
    // The compiler API, so only the files that matter are checked: the consumer and every
    // declaration file of ours it reaches (what skipLibCheck: false adds), not all of @types/node.
    const program = ts.createProgram([join(sandbox, "server.ts")], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      types: ["node"],
    });
    const files = program.getSourceFiles().map((file) => file.fileName);
    expect(files.some((file) => /chuk-mcp\/dist\/index\.d\.ts$/.test(file))).toBe(true);
    expect(files.filter((file) => /@chuk-mcp\/(http|auth|sessions|cloud)\/|\/hono\/|unstorage/.test(file))).toEqual([]);
    const ours = program.getSourceFiles().filter((file) => !/\/(@types\/node|typescript)\//.test(file.fileName));
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...ours.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
    ];
    const host = { getCanonicalFileName: (name: string) => name, getCurrentDirectory: () => sandbox, getNewLine: () => "\n" };
    expect(ts.formatDiagnostics(diagnostics, host)).toBe("");
  }, 300_000);

  it("serves stdio", async () => {
    const server = await runServer([]);
    server.child.stdin.write(INITIALIZE);
    const reply = (await server.lines.reply("init")) as { result?: { serverInfo?: unknown } };
    expect(reply.result?.serverInfo).toMatchObject({ name: "no-peers" });
    server.child.stdin.end();
    expect((await server.exited)[0]).toBe(0);
  });

  it("--http: exits 2 with the npm install line for @chuk-mcp/http", async () => {
    const server = await runServer(["--http", "--port", "0"]);
    expect((await server.exited)[0]).toBe(2);
    expect(server.stderr()).toContain("The HTTP transport (--http, MCP_TRANSPORT=http) needs @chuk-mcp/http, which is not installed; run: npm install @chuk-mcp/http");
  });

  describe("with @chuk-mcp/http installed", () => {
    beforeAll(() => link("@chuk-mcp/http", join(PACKAGES, "http")));

    it("JWT_SECRET_KEY: exits 2 with the npm install line for @chuk-mcp/auth", async () => {
      const server = await runServer(["--http", "--port", "0"], { JWT_SECRET_KEY: "x".repeat(40) });
      expect((await server.exited)[0]).toBe(2);
      expect(server.stderr()).toContain("needs @chuk-mcp/auth, which is not installed; run: npm install @chuk-mcp/auth");
    });

    it("SESSION_PROVIDER=redis: exits 2 with the npm install line for @chuk-mcp/sessions", async () => {
      const server = await runServer(["--http", "--port", "0"], { SESSION_PROVIDER: "redis" });
      expect((await server.exited)[0]).toBe(2);
      expect(server.stderr()).toContain("SESSION_PROVIDER=redis needs @chuk-mcp/sessions, which is not installed; run: npm install @chuk-mcp/sessions");
    });
  });
});
