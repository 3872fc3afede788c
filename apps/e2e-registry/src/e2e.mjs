// End-to-end, as a user: publish every public package to a local verdaccio, then
// `npm create chuk-mcp@latest app -- --yes --template server`, npm install / test / build,
// serve the result over stdio and over HTTP and call `add` with the official SDK client,
// and type-check a ten-line server against the published types with skipLibCheck: false.
// Run from the monorepo root after `pnpm build`: `pnpm e2e:registry`.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, publishAll, run, startRegistry } from "./registry.mjs";

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

const coldCache = process.argv.includes("--cold");
const registry = await step("start verdaccio", () => startRegistry({ coldCache }));
let failed = false;
try {
  const { env } = registry;
  step("publish every public package", () => publishAll(registry));
  const work = join(registry.directory, "work");
  mkdirSync(work);
  const createStarted = Date.now();
  step("npm create chuk-mcp@latest app -- --yes --template server", () =>
    run("npm", ["create", "chuk-mcp@latest", "app", "--", "--yes", "--template", "server"], { cwd: work, env }),
  );
  const app = join(work, "app");
  const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
  step("npm install", () => run("npm", ["install"], { cwd: app, env }));
  step("npm test", () => run("npm", ["test"], { cwd: app, env }));
  step("npm run build", () => run("npm", ["run", "build"], { cwd: app, env }));
  const main = join(app, manifest.main);
  await step("stdio: node <main>, call add", () =>
    callAdd(new StdioClientTransport({ command: process.execPath, args: [main], cwd: app, env, stderr: "pipe" }), 2, 3),
  );
  const firstAnswer = Date.now() - createStarted;
  await step("http: node <main> --http --port N, call add", () => serveHttpAndCall(app, main, env));
  // `lint` is the same `tsc --noEmit` in this template, so one run covers both scripts.
  step("npm run typecheck", () => run("npm", ["run", "typecheck"], { cwd: app, env }));

  const types = join(work, "types");
  mkdirSync(types);
  step("ten-line server: tsc with skipLibCheck false", () => {
    writeFileSync(join(types, "package.json"), JSON.stringify({ name: "types-check", private: true, type: "module" }));
    writeFileSync(join(types, "server.ts"), TEN_LINE_SERVER);
    writeFileSync(
      join(types, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, noEmit: true, types: ["node"] }, files: ["server.ts"] }),
    );
    const typescript = manifest.devDependencies.typescript;
    run("npm", ["install", "chuk-mcp@latest", `typescript@${typescript}`, `@types/node@${manifest.devDependencies["@types/node"]}`], { cwd: types, env });
    run(process.execPath, [join(types, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: types, env });
  });
  process.stderr.write(`e2e: npm create → first answer over stdio: ${(firstAnswer / 1000).toFixed(1)} s (${coldCache ? "cold" : "warm"} npm cache)\n`);
} catch (error) {
  failed = true;
  process.stderr.write(`e2e: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await registry.stop();
}
for (const [name, ms] of timings) process.stderr.write(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}\n`);
process.stderr.write(`e2e: ${failed ? "failed" : "passed"} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exitCode = failed ? 1 : 0;
