/**
 * Relays what an upstream asks of its client (elicitation, sampling, roots) and what it
 * tells it (logs) to the downstream request that caused it.
 *
 * Upstream server→client requests carry no reference to the call that caused them, so the
 * proxy relays them to the most recent in-flight downstream call on the same upstream
 * connection. With one call at a time (the common case for interactive elicitation) that is
 * exact; with several concurrent calls it is a best guess, documented in the README.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  McpError as SdkMcpError,
} from "@modelcontextprotocol/sdk/types.js";
import type { LoggingLevel, RequestContext } from "@chuk-mcp/core";
import type { ProxyLogger } from "./config.js";

/** A downstream call waiting on an upstream. `fail` ends it early (e.g. with a 2026 input-required signal). */
export interface InFlightCall {
  readonly ctx: RequestContext;
  fail(error: unknown): void;
}

/** What the relay needs from the connection. */
export interface RelaySource {
  readonly server: string;
  /** Calls in flight on this connection, oldest first. */
  readonly inFlight: ReadonlySet<InFlightCall>;
  readonly logger: ProxyLogger;
}

function latest(source: RelaySource): InFlightCall | undefined {
  let found: InFlightCall | undefined;
  for (const call of source.inFlight) found = call;
  return found;
}

const INVALID_REQUEST = -32600;

function noCaller(source: RelaySource, what: string): SdkMcpError {
  return new SdkMcpError(
    INVALID_REQUEST,
    `chuk-mcp-proxy: ${what} from upstream "${source.server}" arrived while no downstream call to it was in flight; it can only be relayed during a call`,
  );
}

async function ask<T>(source: RelaySource, what: string, run: (ctx: RequestContext) => Promise<T>): Promise<T> {
  const call = latest(source);
  if (call === undefined) throw noCaller(source, what);
  try {
    return await run(call.ctx);
  } catch (error) {
    // A 2026-era downstream answers "ask me later" by throwing an input-required signal: it must
    // end the downstream call (core turns it into an input_required result), not this relay.
    if (error instanceof Error && error.name === "InputRequiredSignal") call.fail(error);
    throw error instanceof SdkMcpError ? error : new SdkMcpError(INVALID_REQUEST, `chuk-mcp-proxy: relaying ${what} failed: ${String((error as Error)?.message ?? error)}`);
  }
}

/** Installs the relay handlers on an upstream client. */
export function installRelay(client: Client, source: RelaySource): void {
  client.setRequestHandler(ElicitRequestSchema, async (request) =>
    (await ask(source, "an elicitation request", (ctx) => ctx.elicit(request.params as never))) as never,
  );
  client.setRequestHandler(CreateMessageRequestSchema, async (request) =>
    (await ask(source, "a sampling request", (ctx) => ctx.sample(request.params as never))) as never,
  );
  client.setRequestHandler(ListRootsRequestSchema, async () => {
    const call = latest(source);
    // Outside a call there is nobody to ask; an empty list is the honest answer.
    if (call === undefined || call.ctx.clientCapabilities.roots === undefined) return { roots: [] };
    return (await ask(source, "a roots request", (ctx) => ctx.listRoots())) as never;
  });
  client.setNotificationHandler(LoggingMessageNotificationSchema, async (notification) => {
    const { level, data, logger } = notification.params;
    const call = latest(source);
    if (call !== undefined) {
      await call.ctx.log(level as LoggingLevel, data, logger ?? source.server).catch(() => undefined);
      return;
    }
    source.logger(level === "debug" || level === "info" ? level : level === "notice" ? "info" : level === "warning" ? "warning" : "error", `upstream "${source.server}" log${logger ? ` (${logger})` : ""}`, { data });
  });
}
