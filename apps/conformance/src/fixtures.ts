/**
 * Every fixture the official conformance suites (0.1.16 and 0.2.0-alpha.12) call.
 *
 * @see ../FINDINGS.md for which scenario uses which fixture.
 */
import type { FixtureHost } from "./host.js";
import { registerHttpFixtures, type StreamControl } from "./http-fixtures.js";
import { registerInputRequiredFixtures } from "./input-required.js";
import { registerPrompts } from "./prompts.js";
import { registerResources } from "./resources.js";
import { registerStatelessDiagnostics } from "./stateless.js";
import { registerTaskFixtures } from "./tasks.js";
import { registerContentTools } from "./tools.js";

/** Options of `registerFixtures`. */
export interface FixtureOptions {
  /** Lets `test_reconnection` close its POST SSE stream (`@chuk-mcp/http`'s handler). */
  streams?: StreamControl;
}

/** Registers all conformance fixtures on `host` (an `McpServer`). */
export function registerFixtures(host: FixtureHost, options: FixtureOptions = {}): void {
  registerContentTools(host);
  registerHttpFixtures(host, options.streams);
  registerInputRequiredFixtures(host);
  registerResources(host);
  registerPrompts(host);
  registerStatelessDiagnostics(host);
  registerTaskFixtures(host);
}
