/**
 * Bundle size of a minimal server: the benchmark server file bundled by esbuild
 * for Node (ESM, minified, every dependency inlined), raw and gzipped.
 */
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { SERVERS_DIR } from "./machine.mjs";

/**
 * @typedef {object} BundleResult
 * @property {number} bytes
 * @property {number} gzipBytes
 * @property {number} inputs     number of source files in the bundle
 * @property {string[]} unresolved optional dependencies that are not installed and were left external
 */

/**
 * Leaves imports that cannot be resolved (optional peers such as fastmcp's
 * `effect`/`valibot` adapters) external instead of failing the bundle, and
 * records them so the table can say so.
 * @param {Set<string>} unresolved
 * @returns {import("esbuild").Plugin}
 */
function externalizeUnresolved(unresolved) {
  return {
    name: "externalize-unresolved",
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.probing) return undefined;
        const resolved = await builder.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { probing: true },
        });
        if (resolved.errors.length === 0) return resolved;
        unresolved.add(args.path);
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * @param {string} file a file in servers/
 * @returns {Promise<BundleResult>}
 */
export async function measureBundle(file) {
  /** @type {Set<string>} */
  const unresolved = new Set();
  const result = await build({
    entryPoints: [path.join(SERVERS_DIR, file)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    outfile: "bundle.mjs",
    plugins: [externalizeUnresolved(unresolved)],
  });
  const output = result.outputFiles.find((candidate) => candidate.path.endsWith(".mjs"));
  if (!output) throw new Error(`esbuild produced no bundle for ${file}`);
  return {
    bytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents).byteLength,
    inputs: Object.keys(result.metafile?.inputs ?? {}).length,
    unresolved: [...unresolved].sort(),
  };
}
