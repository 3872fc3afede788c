/**
 * `@chuk-mcp/app-conformance`: a server exposing every fixture of the official MCP
 * conformance suite, plus the pieces of the runner that parse and summarise its results.
 *
 * Run directly (`node dist/index.js`) it serves on `PORT` (default 3000) at
 * `http://127.0.0.1:PORT/mcp`.
 */
import { pathToFileURL } from "node:url";
import { startConformanceServer } from "./server.js";

export { createConformanceServer, startConformanceServer, SERVER_NAME, SERVER_VERSION } from "./server.js";
export type { StartOptions } from "./server.js";
export { registerFixtures } from "./fixtures.js";
export type { FixtureOptions } from "./fixtures.js";
export { LateStreamControl } from "./http-fixtures.js";
export type { StreamControl } from "./http-fixtures.js";
export type { FixtureHost, FixtureContext } from "./host.js";
export { summariseChecks, scenarioFailed, formatSummaryTable, parseRequiredScenarios } from "./runner/results.js";
export type { Check, CheckStatus, ScenarioResult, RunResult } from "./runner/results.js";

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(entry).href;
}

if (isEntryPoint()) {
  const port = Number.parseInt(process.env.PORT ?? "3000", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`[conformance] PORT must be an integer between 0 and 65535, got "${process.env.PORT}"`);
    process.exit(2);
  }
  startConformanceServer({ port }).then(
    (running) => {
      console.log(`[conformance] listening on ${running.url}`);
      const stop = (): void => {
        void running.close().finally(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    },
    (error: unknown) => {
      console.error("[conformance] could not start the server:", error);
      process.exit(1);
    },
  );
}
