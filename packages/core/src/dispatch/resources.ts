/**
 * resources/list, resources/templates/list, resources/read, resources/subscribe and
 * resources/unsubscribe.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/resources
 */
import { describeError, ErrorCode, ProtocolError } from "../errors.js";
import { normalizeResourceContents } from "../results.js";
import type { RequestContext } from "../context.js";
import type { ResourceEntry, ResourceTemplateEntry } from "../registry/entries.js";
import type { Resource } from "../types.js";
import { ProtocolEras } from "../versions.js";
import { listRegistry, page } from "./lists.js";
import { afterRun, createContext, readAnswers, runHandler, settleProtocolRun, type RunResult } from "./run.js";
import { envelopedOutcome, envelopeResult, type Outcome, type RequestScope } from "./scope.js";

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

/** What a resources/read reads: a fixed resource, or a template with the variables the URI matched. */
interface ReadTarget {
  uri: string;
  mimeType: string | undefined;
  fixed: ResourceEntry | undefined;
  template: ResourceTemplateEntry | undefined;
  variables: Record<string, string> | undefined;
}

/**
 * resources/read: exact URIs first, then templates in registration order. Not `async`: a read
 * whose handler is synchronous answers without a promise, an async one costs its own promise.
 */
export function readResource(scope: RequestScope): Outcome | undefined | PromiseLike<Outcome | undefined> {
  const uri = requireUri(scope);
  const target = findReadTarget(scope, uri);
  const found = readAnswers(scope, uri);
  if (found instanceof Promise) return found.then((answers) => startRead(scope, target, answers));
  return startRead(scope, target, found);
}

function findReadTarget(scope: RequestScope, uri: string): ReadTarget {
  const { server } = scope;
  const fixed = server.resources.get(uri);
  if (fixed !== undefined && fixed.enabled) {
    return { uri, mimeType: fixed.definition.mimeType, fixed, template: undefined, variables: undefined };
  }
  for (const entry of server.templates.enabled()) {
    const variables = entry.template.match(uri);
    if (variables === undefined) continue;
    return { uri, mimeType: entry.definition.mimeType, fixed: undefined, template: entry, variables };
  }
  throw notFound(scope, uri);
}

function startRead(scope: RequestScope, target: ReadTarget, answers: Record<string, unknown> | undefined) {
  const ctx = createContext(scope, answers);
  return afterRun(scope, runHandler(scope, ctx, target.uri, scope.server.toolTimeoutMs, callReader, target), target, endRead);
}

function callReader(target: ReadTarget, ctx: RequestContext): unknown {
  if (target.fixed !== undefined) return target.fixed.definition.read(target.uri, ctx);
  return (target.template as ResourceTemplateEntry).definition.read(target.uri, target.variables ?? {}, ctx);
}

function endRead(scope: RequestScope, target: ReadTarget, ending: RunResult<unknown>): Outcome | undefined {
  const { uri } = target;
  const settled = settleProtocolRun(ending, `reading ${uri}`);
  if (settled.kind === "done") return settled.outcome;
  let contents;
  try {
    contents = normalizeResourceContents(uri, target.mimeType, settled.value);
  } catch (error) {
    throw new ProtocolError(ErrorCode.InternalError, `Internal error: ${describeError(error)}`, undefined, { cause: error });
  }
  if (contents.length === 0) throw notFound(scope, uri);
  return envelopedOutcome(scope, { contents }, "read");
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
