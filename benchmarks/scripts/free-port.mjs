// A free loopback port for the benchmark scripts that start a platform's local runtime: the
// repository's shared test-support helper (node: built-ins only, ships in no package).
export { freePort } from "../../scripts/test-support/child-processes.mjs";
