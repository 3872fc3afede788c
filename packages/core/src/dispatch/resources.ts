/**
 * resources/list, resources/templates/list, resources/read, resources/subscribe and
 * resources/unsubscribe.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/resources
 */
import { describeError, ErrorCode, ProtocolError } from "../errors.js";
import { normalizeResourceContents } from "../results.js";
import type { Resource } from "../types.js";
import { ProtocolEras } from "../versions.js";
import { listRegistry, page } from "./lists.js";
import { createContext, readAnswers, runHandler, settleProtocolRun } from "./run.js";
import { envelopeResult, type Outcome, type RequestScope } from "./scope.js";

function requireUri(scope: RequestScope): string {
  const uri = scope.params.uri;
  if (typeof uri !== "string" || uri === "") {
    throw new ProtocolError(ErrorCode.InvalidParams, `Invalid params: ${scope.request.method} needs "uri" (string)`);
  }
  return uri;
}

/** resources/list: fixed resources plus whatever templates' `list()` return. */
export async function listResources(scope: RequestScope): Promise<Outcome> {
  const { server } = scope;
  const templatesWithList = server.templates.enabled().filter((entry) => entry.definition.list !== undefined);
  if (templatesWithList.length === 0) return listRegistry(scope, server.resources, "resources");
  const all: Resource[] = server.resources.enabled().map((entry) => entry.listing);
  const ctx = createContext(scope, undefined);
  for (const entry of templatesWithList) {
    try {
      all.push(...(await (entry.definition.list as NonNullable<typeof entry.definition.list>)(ctx)));
    } catch (error) {
      throw new ProtocolError(
        ErrorCode.InternalError,
        `Internal error: listing resources of template "${entry.listing.uriTemplate}" failed: ${describeError(error)}`,
        undefined,
        { cause: error },
      );
    }
  }
  const { items, nextCursor } = page(all, scope.params.cursor, server.pageSize);
  const body: Record<string, unknown> = { resources: items };
  if (nextCursor !== undefined) body.nextCursor = nextCursor;
  return { result: envelopeResult(scope, body, "list") };
}

/** resources/templates/list. */
export function listResourceTemplates(scope: RequestScope): Outcome {
  return listRegistry(scope, scope.server.templates, "resourceTemplates");
}

function notFound(scope: RequestScope, uri: string): ProtocolError {
  const code = scope.envelope.era === ProtocolEras.Stateless ? ErrorCode.InvalidParams : ErrorCode.ResourceNotFound;
  return new ProtocolError(code, `Resource not found: ${uri}; call resources/list or resources/templates/list to see what exists`, { uri });
}

/** resources/read: exact URIs first, then templates in registration order. */
export async function readResource(scope: RequestScope): Promise<Outcome | undefined> {
  const { server } = scope;
  const uri = requireUri(scope);
  const fixed = server.resources.get(uri);
  let run: ((ctx: ReturnType<typeof createContext>) => unknown) | undefined;
  let mimeType: string | undefined;
  if (fixed !== undefined && fixed.enabled) {
    run = (ctx) => fixed.definition.read(uri, ctx);
    mimeType = fixed.definition.mimeType;
  } else {
    for (const entry of server.templates.enabled()) {
      const variables = entry.template.match(uri);
      if (variables === undefined) continue;
      run = (ctx) => entry.definition.read(uri, variables, ctx);
      mimeType = entry.definition.mimeType;
      break;
    }
  }
  if (run === undefined) throw notFound(scope, uri);
  const reader = run;
  const found = readAnswers(scope, uri);
  const answers = found instanceof Promise ? await found : found;
  const ctx = createContext(scope, answers);
  const ending = await runHandler(scope, ctx, uri, server.toolTimeoutMs, (read, context) => read(context), reader);
  const settled = settleProtocolRun(ending, `reading ${uri}`);
  if (settled.kind === "done") return settled.outcome;
  let contents;
  try {
    contents = normalizeResourceContents(uri, mimeType, settled.value);
  } catch (error) {
    throw new ProtocolError(ErrorCode.InternalError, `Internal error: ${describeError(error)}`, undefined, { cause: error });
  }
  if (contents.length === 0) throw notFound(scope, uri);
  return { result: envelopeResult(scope, { contents }, "read") };
}

function requireSession(scope: RequestScope): NonNullable<RequestScope["session"]> {
  if (scope.session === undefined) {
    throw new ProtocolError(
      ErrorCode.InvalidRequest,
      `Invalid request: ${scope.request.method} needs a session; call initialize first (over HTTP, send the Mcp-Session-Id header)`,
    );
  }
  return scope.session;
}

/** resources/subscribe (2025 era). */
export function subscribeResource(scope: RequestScope): Outcome {
  const uri = requireUri(scope);
  const session = requireSession(scope);
  if (!session.state.subscriptions.includes(uri)) {
    session.updateState({ subscriptions: [...session.state.subscriptions, uri] });
  }
  return { result: {} };
}

/** resources/unsubscribe (2025 era). */
export function unsubscribeResource(scope: RequestScope): Outcome {
  const uri = requireUri(scope);
  const session = requireSession(scope);
  if (session.state.subscriptions.includes(uri)) {
    session.updateState({ subscriptions: session.state.subscriptions.filter((item) => item !== uri) });
  }
  return { result: {} };
}
