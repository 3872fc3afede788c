/** Test helpers for the serverless apps (Node-only): local runtimes and the SDK client suite. */
export { freePort, startLocalRuntime, stopAllRuntimes } from "./local-runtime.js";
export type { LocalRuntime, LocalRuntimeOptions } from "./local-runtime.js";
export { describeExampleClients } from "./client-suite.js";
export type { ClientSuiteOptions } from "./client-suite.js";
