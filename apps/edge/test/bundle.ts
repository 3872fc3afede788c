/**
 * Bundles a worker entry for an edge runtime: browser platform, one IIFE, every dependency
 * inlined, and a guard that fails the build on any Node built-in (`node:*` or a bare
 * built-in name such as `fs`), so "runs on the edge" cannot silently depend on Node.
 */
import { isBuiltin } from "node:module";
import { build, type Plugin } from "esbuild";

/** Rejects every import of a Node built-in, naming the importer. */
const forbidNodeBuiltins: Plugin = {
  name: "forbid-node-builtins",
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (!isBuiltin(args.path)) return undefined;
      return {
        errors: [
          {
            text: `Node built-in "${args.path}" imported by ${args.importer}: edge runtimes have no Node built-ins; move this code behind a Node-only subpath`,
          },
        ],
      };
    });
  },
};

/**
 * Bundles `entry` as a script that assigns its exports to `globalThis[globalName]`.
 * Rejects (esbuild's error, listing each forbidden import) when a Node built-in is reachable.
 */
export async function bundleForEdge(entry: string, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    globalName,
    target: "es2022",
    conditions: ["worker", "browser"],
    logLevel: "silent",
    plugins: [forbidNodeBuiltins],
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}
