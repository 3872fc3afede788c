/**
 * The concrete per-request context. Cheap to create: the AbortController is only made
 * when a handler reads `signal` (or a cancel/timeout needs to reach it).
 */
import type { AskOptions, RequestContext } from "../context.js";
import { ErrorCode, McpError, ProtocolError } from "../errors.js";
import type { InFlightEntry } from "../in-flight.js";
import { InputRound, type InputMethod } from "../input-required.js";
import type { JsonRpcId, JsonRpcNotification } from "../jsonrpc.js";
import type { OutboundChannel } from "../server-options.js";
import type { Session } from "../session.js";
import { LOGGING_LEVELS } from "../types.js";
import type {
  AuthInfo,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  ListRootsResult,
  LoggingLevel,
} from "../types.js";
import { ProtocolEras, type ProtocolEra } from "../versions.js";
import { outboundChannelOf, readProgressToken, type RequestScope } from "./scope.js";

/** Tasks extension hooks of a context (absent for ordinary requests). */
export interface TaskHooks {
  /** Asks of a task's handler park the task instead (no input_required round). */
  asker?: TaskAsker;
  /** How `runAsTask` ends the request; absent means "run the work inline". */
  escalate?: (work: (ctx: RequestContext) => unknown) => Promise<never>;
}

const NO_HEADERS: Readonly<Record<string, string | undefined>> = Object.freeze({});

/** What waits on a request and must stop when it is aborted. */
export interface AbortListener {
  aborted(reason: unknown): void;
}

/** Answers a task handler's ask once the client sends it through tasks/update. */
export type TaskAsker = (method: InputMethod, key: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;

const CAPABILITY_FOR: Record<InputMethod, string> = {
  "elicitation/create": "elicitation",
  "sampling/createMessage": "sampling",
  "roots/list": "roots",
};

function levelIndex(level: LoggingLevel): number {
  return LOGGING_LEVELS.indexOf(level);
}

/** The RequestContext handlers receive. */
export class RequestContextImpl implements RequestContext {
  readonly requestId: JsonRpcId;
  readonly method: string;
  readonly era: ProtocolEra;
  readonly protocolVersion: string;
  readonly clientCapabilities: Record<string, unknown>;
  readonly headers: Record<string, string | undefined>;
  readonly auth: AuthInfo | undefined;
  readonly progressToken: string | number | undefined;
  readonly session: Session | undefined;
  /** 2026 era asks of this run; created by the first ask (most handlers never ask). */
  private inputRound: InputRound | undefined;
  /** The request; the rarely used parts (channel, log level, pending asks) are read from it when needed. */
  private readonly scope: RequestScope;
  /** 2026 era: answers known so far (requestState + inputResponses). */
  private readonly answers: Record<string, unknown> | undefined;
  private readonly tasks: TaskHooks | undefined;
  private controller: AbortController | undefined;
  private abortReason: unknown;
  private aborted = false;
  /** Its registration in the session's in-flight list (2025 era with a session). */
  inFlightEntry: InFlightEntry | undefined;
  /** Told once when the request is aborted (the engine uses it to stop waiting). */
  abortListener: AbortListener | undefined;

  constructor(scope: RequestScope, answers: Record<string, unknown> | undefined, tasks: TaskHooks | undefined) {
    const { request, envelope, options } = scope;
    this.scope = scope;
    this.answers = answers;
    this.tasks = tasks;
    this.requestId = request.id;
    this.method = request.method;
    this.era = envelope.era;
    this.protocolVersion = envelope.protocolVersion;
    this.clientCapabilities = envelope.clientCapabilities;
    this.headers = options.headers ?? NO_HEADERS;
    this.auth = options.auth;
    this.progressToken = readProgressToken(scope.params);
    this.session = scope.session;
  }

  /** The transport's channel for messages related to this request; without one, they go over the session. */
  private get channel(): OutboundChannel | undefined {
    return outboundChannelOf(this.scope.options);
  }

  /** 2026 era: the asks of this run, once the handler asked anything (undefined before, and in 2025). */
  get round(): InputRound | undefined {
    return this.inputRound;
  }

  get sessionId(): string | undefined {
    return this.session?.id;
  }

  get userId(): string | undefined {
    return this.auth?.subject;
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  get isAborted(): boolean {
    return this.aborted;
  }

  /** Aborts the request (cancel, timeout, session close, transport abort). */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.abortListener?.aborted(reason);
  }

  private async emit(message: JsonRpcNotification): Promise<void> {
    if (this.aborted) return;
    const channel = this.channel;
    const session = this.session;
    if (channel === undefined && session === undefined) return;
    try {
      await (channel !== undefined ? channel.send(message) : session?.send(message, { relatedRequestId: this.requestId }));
    } catch {
      // The client went away; the handler's result decides what happens next.
    }
  }

  async progress(progress: number, total?: number, message?: string): Promise<void> {
    if (this.progressToken === undefined) return;
    const params: Record<string, unknown> = { progressToken: this.progressToken, progress };
    if (total !== undefined) params.total = total;
    if (message !== undefined) params.message = message;
    await this.emit({ jsonrpc: "2.0", method: "notifications/progress", params });
  }

  async log(level: LoggingLevel, data: unknown, logger?: string): Promise<void> {
    if (levelIndex(level) < 0) {
      throw new McpError("invalid_argument", `log(): "${String(level)}" is not a logging level; use one of ${LOGGING_LEVELS.join(", ")}`);
    }
    const threshold = this.era === ProtocolEras.Stateless ? this.scope.envelope.logLevel : this.session?.state.logLevel;
    if (this.era === ProtocolEras.Stateless && threshold === undefined) return;
    if (threshold !== undefined && levelIndex(level) < levelIndex(threshold)) return;
    const params: Record<string, unknown> = { level, data };
    if (logger !== undefined) params.logger = logger;
    await this.emit({ jsonrpc: "2.0", method: "notifications/message", params });
  }

  elicit(params: ElicitRequestParams, options?: AskOptions): Promise<ElicitResult> {
    return this.ask("elicitation/create", "elicit", params as Record<string, unknown>, options) as Promise<ElicitResult>;
  }

  sample(params: CreateMessageRequestParams, options?: AskOptions): Promise<CreateMessageResult> {
    return this.ask("sampling/createMessage", "sample", params as Record<string, unknown>, options) as Promise<CreateMessageResult>;
  }

  listRoots(options?: AskOptions): Promise<ListRootsResult> {
    return this.ask("roots/list", "roots", {}, options) as Promise<ListRootsResult>;
  }

  runAsTask<T>(work: (ctx: RequestContext) => T | Promise<T>): Promise<T> {
    const escalate = this.tasks?.escalate;
    if (escalate === undefined) return Promise.resolve().then(() => work(this));
    return escalate(work as (ctx: RequestContext) => unknown);
  }

  private taskAskCount = 0;

  private missingCapability(method: InputMethod, params: Record<string, unknown>): string | undefined {
    const name = CAPABILITY_FOR[method];
    const declared = this.clientCapabilities[name];
    if (typeof declared !== "object" || declared === null) return name;
    if (method === "elicitation/create" && params.mode === "url") {
      const url = (declared as Record<string, unknown>).url;
      if (typeof url !== "object" || url === null) return "elicitation.url";
    }
    return undefined;
  }

  private ask(
    method: InputMethod,
    kind: "elicit" | "sample" | "roots",
    params: Record<string, unknown>,
    options: AskOptions | undefined,
  ): Promise<Record<string, unknown>> {
    const missing = this.missingCapability(method, params);
    if (missing !== undefined) {
      const [top, sub] = missing.split(".") as [string, string | undefined];
      const message = `cannot send ${method}: the client did not declare the "${missing}" capability; check ctx.clientCapabilities before asking`;
      if (this.era === ProtocolEras.Stateless) {
        return Promise.reject(
          new ProtocolError(ErrorCode.MissingRequiredClientCapability, `Missing required client capability: ${message}`, {
            requiredCapabilities: { [top]: sub === undefined ? {} : { [sub]: {} } },
          }),
        );
      }
      return Promise.reject(new McpError("capability_missing", message));
    }
    const asker = this.tasks?.asker;
    if (asker !== undefined) {
      if (this.aborted) return Promise.reject(this.abortReason);
      this.taskAskCount += 1;
      return asker(method, options?.key ?? `${kind}-${this.taskAskCount}`, params);
    }
    if (this.era === ProtocolEras.Stateless) {
      const round = (this.inputRound ??= new InputRound(this.answers ?? {}));
      return round.ask(options?.key ?? round.nextKey(kind), method, params);
    }
    if (this.aborted) return Promise.reject(this.abortReason);
    if (this.session !== undefined) {
      return this.session.request(method, params, { relatedRequestId: this.requestId, signal: this.signal });
    }
    const channel = this.channel;
    if (channel === undefined) {
      return Promise.reject(
        new McpError("no_context", `cannot send ${method}: this request has no session or outbound channel to reach the client`),
      );
    }
    return this.scope.server.sessionlessRequests.request((message) => channel.send(message), method, params, this.signal);
  }
}
