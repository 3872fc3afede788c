// API reference: TypeDoc over every public entry point (src/index.ts and each subpath),
// rendered to Markdown in docs/api (one page per entry point) for VitePress to build.
import { rmSync } from "node:fs";
import { Application } from "typedoc";
import { publicPackages, root } from "./packages.mjs";

const started = performance.now();
const entryPoints = publicPackages().flatMap((pkg) => pkg.entries.map((entry) => `${root}${entry.source}`));
rmSync(new URL("../api", import.meta.url), { recursive: true, force: true });
const app = await Application.bootstrapWithPlugins({ options: new URL("../typedoc.json", import.meta.url).pathname, entryPoints });
const project = await app.convert();
if (project === undefined) {
  console.error("[docs] [api] TypeDoc could not convert the entry points (see the errors above)");
  process.exit(1);
}
await app.generateOutputs(project);
if (app.logger.hasErrors()) process.exit(1);
console.error(`[docs] [api] ${entryPoints.length} entry points in ${((performance.now() - started) / 1000).toFixed(1)} s`);
