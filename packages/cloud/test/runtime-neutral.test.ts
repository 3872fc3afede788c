import { isBuiltin } from "node:module";
import { fileURLToPath } from "node:url";
import { EdgeVM } from "@edge-runtime/vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import * as cloud from "../src/index.js";

const entry = fileURLToPath(new URL("./edge-entry.ts", import.meta.url));

describe("the root entry is runtime-neutral", () => {
  it("bundles for the browser platform with no Node built-in reachable and answers inside the edge VM", async () => {
    const forbidden: string[] = [];
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: "browser",
      format: "iife",
      globalName: "edgeEntry",
      logLevel: "silent",
      plugins: [{ name: "no-node", setup: (builder) => builder.onResolve({ filter: /.*/ }, (args) => (isBuiltin(args.path) ? (forbidden.push(`${args.path} from ${args.importer}`), { path: args.path, external: true }) : undefined)) }],
    });
    expect(forbidden).toEqual([]);
    const vm = new EdgeVM();
    vm.evaluate(result.outputFiles[0]?.text ?? "");
    const text = await vm.evaluate<Promise<string>>("edgeEntry.answer()");
    expect(JSON.parse(text).result.content[0].text).toBe("Hello, Edge!");
  });

  it("exports exactly these runtime names (change on purpose, with a changeset)", () => {
    expect(Object.keys(cloud).sort()).toMatchInlineSnapshot(`
      [
        "CloudAdapterError",
        "azureHandler",
        "cloudflareHandler",
        "detectProvider",
        "detectRuntime",
        "eventKind",
        "eventToRequest",
        "gcfHandler",
        "getCloudHandler",
        "getDeploymentInfo",
        "isAzure",
        "isBun",
        "isCloud",
        "isCloudflare",
        "isDeno",
        "isDenoDeploy",
        "isGcf",
        "isLambda",
        "isNetlify",
        "isVercel",
        "lambdaHandler",
        "netlifyHandler",
        "readEnvironment",
        "resolveTarget",
        "serveBun",
        "serveDeno",
        "serverlessHttpOptions",
        "toLambdaResult",
        "vercelHandler",
      ]
    `);
  });
});
