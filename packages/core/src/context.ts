/**
 * The per-request context handed to handlers, and ambient access to it.
 *
 * Ambient access uses AsyncLocalStorage where the runtime has it (Node, Bun, Deno,
 * Workers with nodejs_compat), loaded without a static `node:` import so the package
 * stays runtime-neutral. Without it, handlers use the explicit `ctx` argument.
 */
import { PermissionError } from "./errors.js";
import type { ProtocolEra } from "./versions.js";
import type {
  AuthInfo,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  ListRootsResult,
  LoggingLevel,
} from "./types.js";
import type { JsonRpcId } from "./jsonrpc.js";

/** Options for the "ask the client" calls. */
export interface AskOptions {
  /** 2026 era: the key in `inputRequests`/`inputResponses`; defaults to `elicit-N`, `sample-N`, `roots-N` by call order. */
  key?: string;
}

/** What a handler can see and do while serving one request. */
export interface RequestContext {
  requestId: JsonRpcId;
  method: string;
  era: ProtocolEra;
  protocolVersion: string;
  sessionId?: string;
  userId?: string;
  auth?: AuthInfo;
  /** Lower-case header names; `{}` on stdio. */
  headers: Record<string, string | undefined>;
  progressToken?: string | number;
  /** Aborted on cancel, timeout or session close. */
  signal: AbortSignal;
  clientCapabilities: Record<string, unknown>;
  /** Sends notifications/progress; a no-op when the request carried no progress token. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** Sends notifications/message when `level` is at or above the session's (or request's) level. */
  log(level: LoggingLevel, data: unknown, logger?: string): Promise<void>;
  /** Asks the user for input through the client. */
  elicit(params: ElicitRequestParams, options?: AskOptions): Promise<ElicitResult>;
  /** Asks the client's model for a completion. */
  sample(params: CreateMessageRequestParams, options?: AskOptions): Promise<CreateMessageResult>;
  /** Asks the client for its roots. */
  listRoots(options?: AskOptions): Promise<ListRootsResult>;
  /**
   * Tasks extension (SEP-2663), for tools registered with `taskSupport` and `taskStart: "handler"`:
   * ends this request with a `CreateTaskResult` and runs `work` in the background as the task
   * (its asks park the task until `tasks/update`). Without a task-capable caller it runs `work`
   * now and resolves with its value. Use as `return ctx.runAsTask(async (task) => ...)`.
   */
  runAsTask<T>(work: (ctx: RequestContext) => T | Promise<T>): Promise<T>;
}

interface ContextStorage {
  getStore(): Partial<RequestContext> | undefined;
  run<T>(store: Partial<RequestContext>, fn: () => T): T;
}

/** Node's AsyncLocalStorage: `run` also forwards arguments to `fn`. */
interface ForwardingStorage extends ContextStorage {
  run<T, A extends unknown[]>(store: Partial<RequestContext>, fn: (...args: A) => T, ...args: A): T;
}

interface AsyncHooksModule {
  AsyncLocalStorage: new () => unknown;
}

function createStorage(): ForwardingStorage | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const hooks = runtime?.getBuiltinModule?.("node:async_hooks") as AsyncHooksModule | undefined;
  if (hooks?.AsyncLocalStorage === undefined) return undefined;
  return new hooks.AsyncLocalStorage() as ForwardingStorage;
}

let storage: ContextStorage | undefined = createStorage();
/** The built-in storage, while it is the one in use (custom ones may not forward arguments). */
let forwarding: ForwardingStorage | undefined = storage as ForwardingStorage | undefined;

/**
 * Replaces the ambient storage (e.g. a runtime without `process.getBuiltinModule` that has its
 * own AsyncLocalStorage). Pass `undefined` to turn ambient context off.
 */
export function setContextStorage(custom: ContextStorage | undefined): void {
  storage = custom;
  forwarding = undefined;
}

/** True when ambient context is available in this runtime. */
export function hasAmbientContext(): boolean {
  return storage !== undefined;
}

/** The context of the request being served, when called inside a handler. */
export function getContext(): RequestContext | undefined {
  return storage?.getStore() as RequestContext | undefined;
}

/** The current 2025-era session id, if any. */
export function getSessionId(): string | undefined {
  return storage?.getStore()?.sessionId;
}

/** The authenticated user of the current request, if any. */
export function getUserId(): string | undefined {
  const store = storage?.getStore();
  return store?.userId ?? store?.auth?.subject;
}

/** The authenticated user of the current request; throws `PermissionError` when there is none. */
export function requireUserId(): string {
  const userId = getUserId();
  if (userId === undefined || userId === "") {
    throw new PermissionError("permission denied: this call needs an authenticated user; sign in (send a bearer token) and retry");
  }
  return userId;
}

/** Runs `fn` with `context` as the ambient context (when the runtime supports it). */
export function runWithContext<T>(context: Partial<RequestContext>, fn: () => T): T {
  if (storage === undefined) return fn();
  return storage.run(context, fn);
}

/** `fn(arg, context)` with `context` ambient: the engine's form of {@link runWithContext}, without a closure per call. */
export function callWithContext<C extends Partial<RequestContext>, A, T>(context: C, fn: (arg: A, context: C) => T, arg: A): T {
  if (forwarding !== undefined) return forwarding.run(context, fn, arg, context);
  if (storage === undefined) return fn(arg, context);
  return storage.run(context, () => fn(arg, context));
}

export type { ContextStorage };
