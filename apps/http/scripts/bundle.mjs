// Bundles the example into dist/index.js (+ lazily loaded chunks) with esbuild, so a cold start
// reads a few files instead of hundreds of ES modules. Optional parts (Redis sessions, JWT/OAuth,
// the Hono routes) stay behind dynamic imports and become chunks that load only when used.
// The tsc output (dist/unbundled/) is kept for comparison and for the type declarations.
import { rm } from "node:fs/promises";
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
  // CommonJS dependencies (ioredis, debug) call require() for Node built-ins.
  banner: { js: 'import { createRequire as __chukCreateRequire } from "node:module"; const require = __chukCreateRequire(import.meta.url);' },
  // ioredis (CommonJS, loaded only with SESSION_PROVIDER=redis) stays a real import: bundled, its
  // named `Redis` export does not survive esbuild's CommonJS interop.
  external: ["ioredis"],
  logLevel: "warning",
});
