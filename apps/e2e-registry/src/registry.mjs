// A throwaway verdaccio on 127.0.0.1: our packages are published to it; every other package
// is proxied from registry.npmjs.org (the only uplink), so installs resolve as for a user.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const MONOREPO = fileURLToPath(new URL("../../../", import.meta.url));
const VERDACCIO = fileURLToPath(new URL("../node_modules/verdaccio/bin/verdaccio", import.meta.url));

/** Public packages of the monorepo: { name, version, directory }. */
export function publicPackages() {
  const root = join(MONOREPO, "packages");
  return readdirSync(root)
    .filter((folder) => existsSync(join(root, folder, "package.json")))
    .map((folder) => ({ directory: join(root, folder), manifest: JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ directory, manifest }) => ({ name: manifest.name, version: manifest.version, directory }));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function configYaml(storage, port) {
  const ours = ["chuk-mcp", "create-chuk-mcp", "'@chuk-mcp/*'"]
    .map((pattern) => `  ${pattern}:\n    access: $all\n    publish: $authenticated\n    unpublish: $authenticated\n`)
    .join("");
  return `storage: ${storage}
auth:
  htpasswd:
    file: ${join(storage, "htpasswd")}
    max_users: 10
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
    max_fails: 5
packages:
${ours}  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
listen: 127.0.0.1:${port}
log: { type: stdout, format: pretty, level: error }
`;
}

async function waitFor(url, deadline) {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`verdaccio did not answer at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts verdaccio with fresh storage and a user, and writes an npmrc pointing at it.
 * Returns { url, env, directory, stop() }: `env` makes npm/pnpm use only this registry.
 * `coldCache`: a fresh npm cache, as on a new machine (slower: every tarball is fetched).
 */
export async function startRegistry({ coldCache = false } = {}) {
  const directory = mkdtempSync(join(tmpdir(), "chuk-mcp-e2e-"));
  const storage = join(directory, "storage");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  writeFileSync(join(directory, "config.yaml"), configYaml(storage, port));
  const child = spawn(process.execPath, [VERDACCIO, "--config", join(directory, "config.yaml")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    await Promise.race([waitFor(`${url}-/ping`, Date.now() + 30_000), exited.then(() => Promise.reject(new Error(`verdaccio exited:\n${output}`)))]);
  } catch (error) {
    child.kill();
    throw error;
  }
  // A user (htpasswd) gives a token, so publish needs no anonymous write access.
  const response = await fetch(`${url}-/user/org.couchdb.user:e2e`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "e2e", password: "e2e-password", type: "user", roles: [] }),
  });
  const { token } = await response.json();
  if (typeof token !== "string") throw new Error(`verdaccio did not create the e2e user (${response.status})`);
  const npmrc = join(directory, "npmrc");
  // npm's cache is content-addressed, and our packuments are keyed by this run's port, so a
  // kept cache serves only third-party tarballs; npx's install folder (_npx) is dropped so
  // create-chuk-mcp always comes from this registry.
  const cache = coldCache ? join(directory, "npm-cache") : join(MONOREPO, "node_modules", ".cache", "chuk-mcp-e2e-npm");
  rmSync(join(cache, "_npx"), { recursive: true, force: true });
  writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  // pnpm's own npm_config_* settings (when run through pnpm) would leak into npm.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config|package|lifecycle)_/i.test(key)));
  const env = {
    ...inherited,
    npm_config_userconfig: npmrc,
    npm_config_registry: url,
    npm_config_cache: cache,
    npm_config_store_dir: join(directory, "pnpm-store"),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    // A kept cache is trusted without revalidating each packument against the uplink (our own
    // packages are never stale in it: their packuments are keyed by this run's port).
    ...(coldCache ? {} : { npm_config_prefer_offline: "true" }),
    npm_config_audit: "false",
  };
  return {
    url,
    env,
    directory,
    output: () => output,
    async stop() {
      child.kill();
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Runs a command; throws with its output when it fails. Returns stdout. */
export function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}) in ${options?.cwd ?? process.cwd()}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Runs a command without blocking the event loop (so several run in parallel); rejects with its output when it fails. */
export function runAsync(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(" ")} failed (exit ${code}) in ${options?.cwd ?? process.cwd()}:\n${stdout}\n${stderr}`));
    });
  });
}

/** `pnpm -r publish` of every public package (workspace: ranges become real versions). */
export function publishAll(registry) {
  run("pnpm", ["-r", "--filter", "./packages/*", "publish", "--registry", registry.url, "--no-git-checks", "--access", "public"], {
    cwd: MONOREPO,
    env: registry.env,
  });
}
