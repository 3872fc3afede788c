// End-to-end, as a user: publish every public package to a local verdaccio, then
// `npm create chuk-mcp@latest app -- --yes --template server`, npm install / test / build,
// serve the result over stdio and over HTTP and call `add` with the official SDK client,
// and type-check a ten-line server against the published types with skipLibCheck: false.
// The other templates (runtime, lambda, vercel, cloudflare) are created too, and their
// npm install / test / build run in parallel with the server's (one verdaccio, one publish,
// one shared npm cache). `--templates=server,lambda` limits the set (CI runs that pair:
// `.ci/run`'s "registry e2e" step); the full five-template run is for releases.
// Run from the monorepo root after `pnpm build`: `pnpm e2e:registry`.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, publishAll, run, runAsync, startRegistry } from "./registry.mjs";

const started = Date.now();
const timings = [];
function step(name, action) {
  const begin = Date.now();
  process.stderr.write(`e2e: ${name}...\n`);
  const finish = (value) => {
    timings.push([name, Date.now() - begin]);
    return value;
  };
  const result = action();
  return result instanceof Promise ? result.then(finish) : finish(result);
}

async function callAdd(transport, a, b) {
  const client = new Client({ name: "e2e", version: "1.0.0" });
  await client.connect(transport);
  try {
    const result = await client.callTool({ name: "add", arguments: { a, b } });
    if (result.structuredContent?.sum !== a + b) throw new Error(`add(${a}, ${b}) answered ${JSON.stringify(result)}`);
  } finally {
    await client.close();
  }
}

async function serveHttpAndCall(projectDirectory, main, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [main, "--http", "--port", String(port)], { cwd: projectDirectory, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
      } catch {}
      if (Date.now() > deadline) throw new Error(`no /health answer on port ${port}: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await callAdd(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)), 40, 2);
  } finally {
    child.kill("SIGTERM");
  }
}

const TEN_LINE_SERVER = `import { Type, prompt, resource, run, tool } from "chuk-mcp";

tool({
  name: "add",
  input: Type.Object({ a: Type.Number(), b: Type.Number() }),
  handler: ({ a, b }) => String(a + b),
});
resource({ uri: "memo://readme", name: "readme", read: () => "Hello!" });
prompt({ name: "greet", arguments: [{ name: "name", required: true }], get: ({ name }) => \`Greet \${name}\` });
await run();
`;

const ARTIFACTS_USER = `import { McpServer } from "@chuk-mcp/core";
import { ArtifactStore, createArtifactStorage, registerArtifactTools } from "@chuk-mcp/artifacts";

const store = new ArtifactStore({ storage: await createArtifactStorage({ provider: "memory" }) });
const server = new McpServer({ name: "files", version: "1.0.0" });
registerArtifactTools(server, store, { enable: ["write_file", "read_file"] });
await store.storage.dispose();
`;

const coldCache = process.argv.includes("--cold");
const ALL_TEMPLATES = ["server", "runtime", "lambda", "vercel", "cloudflare"];
const templatesFlag = process.argv.find((argument) => argument.startsWith("--templates="));
const templates = templatesFlag === undefined ? ALL_TEMPLATES : templatesFlag.slice("--templates=".length).split(",");
for (const template of templates) {
  if (!ALL_TEMPLATES.includes(template)) {
    process.stderr.write(`e2e: unknown template '${template}' in --templates; known: ${ALL_TEMPLATES.join(", ")}\n`);
    process.exit(2);
  }
}
const registry = await step("start verdaccio", () => startRegistry({ coldCache }));
let failed = false;
try {
  const { env } = registry;
  step("publish every public package", () => publishAll(registry));
  const work = join(registry.directory, "work");
  mkdirSync(work);
  const createStarted = Date.now();
  // npm create runs one at a time (npx installs create-chuk-mcp into the shared cache once).
  for (const template of templates) {
    step(`npm create chuk-mcp@latest app-${template} -- --yes --template ${template}`, () =>
      run("npm", ["create", "chuk-mcp@latest", `app-${template}`, "--", "--yes", "--template", template, "--no-install", "--no-git"], { cwd: work, env }),
    );
  }
  let firstAnswer;
  const others = templates.filter((template) => template !== "server");
  // Each other template: its own npm install, npm test, npm run build, in parallel.
  const otherRuns = others.map((template) =>
    step(`${template}: npm install, npm test, npm run build`, async () => {
      const directory = join(work, `app-${template}`);
      for (const script of [["install"], ["test"], ["run", "build"]]) await runAsync("npm", script, { cwd: directory, env });
    }),
  );
  const serverRun = !templates.includes("server")
    ? Promise.resolve()
    : (async () => {
        const app = join(work, "app-server");
        const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
        await step("server: npm install", () => runAsync("npm", ["install"], { cwd: app, env }));
        await step("server: npm test", () => runAsync("npm", ["test"], { cwd: app, env }));
        await step("server: npm run build", () => runAsync("npm", ["run", "build"], { cwd: app, env }));
        const main = join(app, manifest.main);
        await step("server: stdio: node <main>, call add", () =>
          callAdd(new StdioClientTransport({ command: process.execPath, args: [main], cwd: app, env, stderr: "pipe" }), 2, 3),
        );
        firstAnswer = Date.now() - createStarted;
        await step("server: http: node <main> --http --port N, call add", () => serveHttpAndCall(app, main, env));
        // `lint` is the same `tsc --noEmit` in this template, so one run covers both scripts.
        await step("server: npm run typecheck", () => runAsync("npm", ["run", "typecheck"], { cwd: app, env }));
      })();
  // The published types, as a TypeScript user's tsc sees them with skipLibCheck: false, in
  // parallel with the template runs: `chuk-mcp` alone (its optional peers @chuk-mcp/http,
  // auth and sessions not installed) and `@chuk-mcp/artifacts` (whose types must not reach
  // unstorage's driver types).
  const manifest = JSON.parse(readFileSync(join(work, `app-${templates[0]}`, "package.json"), "utf8"));
  const tools = [`typescript@${manifest.devDependencies.typescript}`, `@types/node@${manifest.devDependencies["@types/node"]}`];
  const typeChecks = [
    ["ten-line server (chuk-mcp alone): tsc with skipLibCheck false", "types", ["chuk-mcp@latest"], TEN_LINE_SERVER],
    ["artifacts store: tsc with skipLibCheck false", "types-artifacts", ["@chuk-mcp/artifacts@latest", "@chuk-mcp/core@latest"], ARTIFACTS_USER],
  ].map(([name, folder, packages, source]) =>
    step(name, async () => {
      const directory = join(work, folder);
      mkdirSync(directory);
      writeFileSync(join(directory, "package.json"), JSON.stringify({ name: folder, private: true, type: "module" }));
      writeFileSync(join(directory, "server.ts"), source);
      writeFileSync(
        join(directory, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, noEmit: true, types: ["node"] }, files: ["server.ts"] }),
      );
      await runAsync("npm", ["install", ...packages, ...tools], { cwd: directory, env });
      await runAsync(process.execPath, [join(directory, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: directory, env });
      const installed = JSON.parse(readFileSync(join(directory, "package-lock.json"), "utf8")).packages;
      if (folder === "types") {
        const peers = Object.keys(installed).filter((path) => /node_modules\/@chuk-mcp\/(http|auth|sessions)$/.test(path));
        if (peers.length > 0) throw new Error(`npm install chuk-mcp installed its optional peers: ${peers.join(", ")}`);
      }
    }),
  );
  const outcomes = await Promise.allSettled([serverRun, ...otherRuns, ...typeChecks]);
  const failures = outcomes.filter((outcome) => outcome.status === "rejected").map((outcome) => outcome.reason);
  if (failures.length > 0) throw new Error(failures.map((failure) => (failure instanceof Error ? failure.message : String(failure))).join("\n\n"));
  if (firstAnswer !== undefined) process.stderr.write(`e2e: npm create → first answer over stdio: ${(firstAnswer / 1000).toFixed(1)} s (${coldCache ? "cold" : "warm"} npm cache, ${templates.length} templates in parallel)\n`);
} catch (error) {
  failed = true;
  process.stderr.write(`e2e: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await registry.stop();
}
for (const [name, ms] of timings) process.stderr.write(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}\n`);
process.stderr.write(`e2e: ${failed ? "failed" : "passed"} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exitCode = failed ? 1 : 0;
