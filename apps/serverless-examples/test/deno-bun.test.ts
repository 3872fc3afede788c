/**
 * The example server under the real Deno and Bun runtimes (the `deno` and `bun` npm packages),
 * driven by the official SDK clients in both eras.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe } from "vitest";
import { describeExampleClients } from "../src/testing/client-suite.js";
import { startLocalRuntime, stopAllRuntimes, type LocalRuntime } from "../src/testing/local-runtime.js";

const appDirectory = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

/** Bun's binary ships in a per-platform package; its own postinstall (which pnpm skips) only links it. */
function bunBinary(): string {
  const fromBun = createRequire(require.resolve("bun/package.json"));
  const platform = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  return fromBun.resolve(`@oven/bun-${platform}/bin/bun${process.platform === "win32" ? ".exe" : ""}`);
}

afterAll(async () => {
  await stopAllRuntimes();
});

describe("Deno", () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startLocalRuntime({
      command: process.execPath,
      args: [require.resolve("deno/bin.cjs"), "run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", "dist/deno.js"],
      cwd: appDirectory,
      env: { DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" },
    });
  });
  describeExampleClients({ url: () => runtime.url });
});

describe("Bun", () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startLocalRuntime({ command: bunBinary(), args: ["dist/bun.js"], cwd: appDirectory });
  });
  describeExampleClients({ url: () => runtime.url });
});
