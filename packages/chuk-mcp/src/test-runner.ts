import { basename } from "node:path";
import type { RunEnvironment } from "./run-options.js";

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/**
 * Why `run()` should not serve in this process: a test runner imported the module, so
 * stdin and the command line belong to the runner and serving would hang it. Undefined when
 * the process was started to serve.
 *
 * The rule needs both signs: a test runner's environment (`VITEST`, `JEST_WORKER_ID`,
 * `NODE_TEST_CONTEXT`, `NODE_ENV=test`) and an entry script that is the runner's (inside
 * `node_modules`) or a test file. A server a test spawns (`node server.js`) inherits the
 * environment but is its own entry script, so it serves.
 */
export function testRunnerHolding(env: RunEnvironment, entry: string | undefined): string | undefined {
  const runner =
    env.VITEST !== undefined
      ? "VITEST"
      : env.JEST_WORKER_ID !== undefined
        ? "JEST_WORKER_ID"
        : env.NODE_TEST_CONTEXT !== undefined
          ? "NODE_TEST_CONTEXT"
          : env.NODE_ENV === "test"
            ? "NODE_ENV=test"
            : undefined;
  if (runner === undefined) return undefined;
  if (entry === undefined) return runner;
  const normalized = entry.replaceAll("\\", "/");
  if (normalized.includes("/node_modules/") || TEST_FILE.test(basename(normalized))) return runner;
  return undefined;
}
