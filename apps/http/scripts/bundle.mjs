// Bundles the example into dist/index.js (+ lazily loaded chunks) with esbuild, so a cold start
// reads a few files instead of hundreds of ES modules. Optional parts (Redis sessions, JWT/OAuth,
// the Hono routes) stay behind dynamic imports and become chunks that load only when used.
// The tsc output (dist/unbundled/) is kept for comparison and for the type declarations.
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await rm(path.join(root, "dist/chunks"), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ["src/index.ts"],
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  sourcemap: true,
  legalComments: "none",
  // ioredis (CommonJS, loaded only with SESSION_PROVIDER=redis) stays a real import: bundled, its
  // named `Redis` export does not survive esbuild's CommonJS interop.
  external: ["ioredis"],
  logLevel: "warning",
});

// No bundled module may need CommonJS `require` (ioredis, the one CommonJS dependency, stays
// external). esbuild turns a `require()` it cannot resolve into a shim that throws "Dynamic
// require of ... is not supported" at run time; fail the build instead. (A `createRequire`
// banner would work around it, at the price of importing node:module in every chunk at startup.)
const files = ["index.js", ...(await readdir(path.join(root, "dist/chunks"))).filter((name) => name.endsWith(".js")).map((name) => `chunks/${name}`)];
for (const file of files) {
  const text = await readFile(path.join(root, "dist", file), "utf8");
  if (text.includes("Dynamic require of")) {
    throw new Error(`dist/${file} calls require() on a bundled CommonJS module; mark that dependency external in scripts/bundle.mjs`);
  }
}
