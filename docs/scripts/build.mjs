// `pnpm docs:build`: charts, then the API reference (TypeDoc) and the sample type check side by
// side (independent, each mostly one core), then VitePress. Prints each step's seconds so CI can
// watch the budget. `--skip-samples` leaves the type check out (it is `pnpm docs:check`).
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const docs = fileURLToPath(new URL("../", import.meta.url));
const vitepress = fileURLToPath(new URL("../node_modules/vitepress/bin/vitepress.js", import.meta.url));
const started = performance.now();
const seconds = (from) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

function step(name, args) {
  const stepStarted = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: docs, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => {
      console.error(`[docs] ${name}: ${seconds(stepStarted)}${code === 0 ? "" : ` (exit ${code})`}`);
      if (code === 0) resolve();
      else reject(new Error(`[docs] ${name} failed with exit code ${code}`));
    });
  });
}

try {
  execFileSync(process.execPath, [`${docs}scripts/charts.mjs`], { cwd: docs, stdio: "inherit" });
  const parallel = [step("api", [`${docs}scripts/api.mjs`])];
  if (!process.argv.includes("--skip-samples")) parallel.push(step("samples", [`${docs}scripts/check-samples.mjs`]));
  const results = await Promise.allSettled(parallel);
  const failure = results.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
  await step("vitepress", [vitepress, "build", docs]);
  console.error(`[docs] built docs/.vitepress/dist in ${seconds(started)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
