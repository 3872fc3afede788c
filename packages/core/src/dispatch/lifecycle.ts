/**
 * initialize, ping, logging/setLevel (2025 era) and server/discover, subscriptions/listen
 * (2026-07-28).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle
 */
import type { InFlightEntry } from "../in-flight.js";
import { ErrorCode, ProtocolError } from "../errors.js";
import type { JsonRpcNotification } from "../jsonrpc.js";
import type { ListenStream } from "../subscriptions.js";
import { LOGGING_LEVELS, type Implementation, type LoggingLevel } from "../types.js";
import { MetaKey, negotiateSessionVersion, SUPPORTED_PROTOCOL_VERSIONS } from "../versions.js";
import { TASKS_EXTENSION } from "../tasks/task-store.js";
import { envelopeResult, type Outcome, type RequestScope } from "./scope.js";
import { outboundChannelOf } from "./scope.js";
import { isPlainObject } from "../is-plain-object.js";

/** initialize: negotiates the version and fills the session. */
export function initialize(scope: RequestScope): Outcome {
  const { params, server, session } = scope;
  if (typeof params.protocolVersion !== "string") {
    throw new ProtocolError(ErrorCode.InvalidParams, 'Invalid params: initialize needs "protocolVersion" (string), e.g. "2025-11-25"');
  }
  const capabilities = params.capabilities ?? {};
  if (!isPlainObject(capabilities)) {
    throw new ProtocolError(ErrorCode.InvalidParams, 'Invalid params: initialize "capabilities" must be an object');
  }
  const protocolVersion = negotiateSessionVersion(params.protocolVersion);
  if (session !== undefined) {
    const changes: Parameters<typeof session.updateState>[0] = { protocolVersion, clientCapabilities: capabilities };
    if (isPlainObject(params.clientInfo)) changes.clientInfo = params.clientInfo as unknown as Implementation;
    session.updateState(changes);
  }
  const result: Record<string, unknown> = { protocolVersion, capabilities: server.capabilities, serverInfo: server.info };
  if (server.instructions !== undefined) result.instructions = server.instructions;
  return { result };
}

/** logging/setLevel: stores the session's threshold. */
export function setLevel(scope: RequestScope): Outcome {
  const level = scope.params.level;
  if (typeof level !== "string" || !(LOGGING_LEVELS as readonly string[]).includes(level)) {
    throw new ProtocolError(ErrorCode.InvalidParams, `Invalid params: "level" must be one of ${LOGGING_LEVELS.join(", ")}`);
  }
  scope.session?.updateState({ logLevel: level as LoggingLevel });
  return { result: {} };
}

/** server/discover (2026-07-28). */
export function discover(scope: RequestScope): Outcome {
  const { server } = scope;
  const body: Record<string, unknown> = {
    supportedVersions: [...SUPPORTED_PROTOCOL_VERSIONS],
    capabilities: { ...server.capabilities, extensions: { [TASKS_EXTENSION]: {} } },
  };
  if (server.instructions !== undefined) body.instructions = server.instructions;
  return { result: envelopeResult(scope, body, "list") };
}

/**
 * subscriptions/listen (2026-07-28): acknowledges on the request's stream, then forwards
 * the notifications the client opted into until the transport aborts (no response) or the
 * server closes (a final result).
 */
export async function listen(scope: RequestScope): Promise<Outcome | undefined> {
  const { params, server, options, session, request } = scope;
  const filter = params.notifications;
  if (!isPlainObject(filter)) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      'Invalid params: subscriptions/listen needs "notifications", e.g. { "toolsListChanged": true, "resourceSubscriptions": ["file:///a"] }',
    );
  }
  const uris = filter.resourceSubscriptions;
  if (uris !== undefined && !(Array.isArray(uris) && uris.every((uri) => typeof uri === "string"))) {
    throw new ProtocolError(ErrorCode.InvalidParams, 'Invalid params: notifications.resourceSubscriptions must be an array of URI strings');
  }
  const channel = outboundChannelOf(options);
  const send =
    channel !== undefined
      ? (message: JsonRpcNotification) => channel.send(message)
      : session === undefined
        ? undefined
        : (message: JsonRpcNotification) => session.send(message, { relatedRequestId: request.id });
  if (send === undefined) {
    throw new ProtocolError(ErrorCode.InternalError, "Internal error: subscriptions/listen needs a streaming transport (an SSE response or stdio)");
  }
  const acknowledged: Record<string, unknown> = {};
  for (const key of ["toolsListChanged", "promptsListChanged", "resourcesListChanged"] as const) {
    if (filter[key] === true) acknowledged[key] = true;
  }
  if (uris !== undefined) acknowledged.resourceSubscriptions = uris;
  await send({
    jsonrpc: "2.0",
    method: "notifications/subscriptions/acknowledged",
    params: { notifications: acknowledged, _meta: { [MetaKey.SubscriptionId]: request.id } },
  });
  return new Promise<Outcome | undefined>((resolve) => {
    const stream: ListenStream = {
      toolsListChanged: filter.toolsListChanged === true,
      promptsListChanged: filter.promptsListChanged === true,
      resourcesListChanged: filter.resourcesListChanged === true,
      resourceUris: new Set((uris as string[] | undefined) ?? []),
      subscriptionId: request.id,
      send,
      end: () => {
        cleanup();
        resolve({ result: envelopeResult(scope, { _meta: { [MetaKey.SubscriptionId]: request.id } }, "none") });
      },
    };
    const onAbort = (): void => {
      cleanup();
      resolve(undefined);
    };
    const cleanup = (): void => {
      server.hub.streams.delete(stream);
      options.signal?.removeEventListener("abort", onAbort);
      if (registered !== undefined) session?.inFlight.remove(registered);
    };
    const abortable = { abort: onAbort };
    let registered: InFlightEntry | undefined;
    if (options.signal?.aborted) {
      resolve(undefined);
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });
    registered = session?.inFlight.add(request.id, abortable);
    server.hub.streams.add(stream);
  });
}
