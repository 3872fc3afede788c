#!/usr/bin/env node
// Bundles api/mcp.ts for the Edge runtime the way Vercel's build does: one file, browser
// platform, no Node built-ins (the build fails naming any import of one). `chuk-mcp` (imported
// by the shared examples) resolves to core, like the Workers app's alias. Output:
// dist/edge.js, an IIFE that puts the method exports on globalThis.__mcp.
import { isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const appDirectory = join(dirname(fileURLToPath(import.meta.url)), "..");

const forbidNodeBuiltins = {
  name: "forbid-node-builtins",
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) =>
      isBuiltin(args.path) ? { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}: the Edge runtime has none` }] } : undefined,
    );
  },
};

await build({
  entryPoints: [join(appDirectory, "api", "mcp.ts")],
  outfile: join(appDirectory, "dist", "edge.js"),
  bundle: true,
  platform: "browser",
  format: "iife",
  globalName: "__mcp",
  target: "es2022",
  conditions: ["edge-light", "worker", "browser"],
  alias: { "chuk-mcp": join(appDirectory, "src", "chuk-mcp-core.ts") },
  plugins: [forbidNodeBuiltins],
  logLevel: "warning",
});
