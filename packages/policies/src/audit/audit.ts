/**
 * `audit()`: one record per access attempt (tools/call, resources/read, prompts/get by default):
 * who (user, client, session), what (method, tool / URI / prompt), when, how it ended (ok,
 * tool_error, refused with its JSON-RPC code, cancelled) and how long it took. Arguments are
 * redacted by default (keys kept, values replaced), since they often carry personal data or
 * secrets. Records go to a hook, or as JSON lines to a log function.
 */
import { ErrorCode, ProtocolError, type Middleware, type MiddlewareContext } from "@chuk-mcp/core";

export interface AuditRecord {
  /** ISO 8601 time the request arrived. */
  time: string;
  method: string;
  /** Tool or prompt name, or resource URI. */
  target: string | undefined;
  userId: string | undefined;
  clientId: string | undefined;
  sessionId: string | undefined;
  requestId: string | number | undefined;
  era: string;
  outcome: "ok" | "tool_error" | "error" | "cancelled";
  /** JSON-RPC error code when `outcome` is `error`. */
  errorCode?: number;
  errorMessage?: string;
  durationMs: number;
  /** Redacted unless `redact: false` (or as your redact function returns them). */
  arguments?: unknown;
}

export interface AuditOptions {
  /** Receives every record (default: `log` of its JSON). Errors it throws are ignored. */
  sink?: (record: AuditRecord) => void | Promise<void>;
  /** Where JSON lines go without a sink; default `console.log`. */
  log?: (line: string) => void;
  /** Methods audited; default tools/call, resources/read, prompts/get. `["*"]` audits every request. */
  methods?: readonly string[];
  /** `true` (default): values become "[redacted]"; `false`: kept; a function: your own redaction. */
  redact?: boolean | ((args: Readonly<Record<string, unknown>>, context: MiddlewareContext) => unknown);
  now?: () => number;
}

const DEFAULT_METHODS = ["tools/call", "resources/read", "prompts/get"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `{ key: "[redacted]" }` for every argument: what was passed, never its value. */
export function redactArguments(args: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(args)) out[key] = "[redacted]";
  return { ...out };
}

function targetOf(context: MiddlewareContext): string | undefined {
  const { params } = context;
  const value = context.method === "resources/read" ? params.uri : params.name;
  return typeof value === "string" ? value : undefined;
}

export function audit(options: AuditOptions = {}): Middleware {
  const methods = new Set(options.methods ?? DEFAULT_METHODS);
  const everything = methods.has("*");
  const log = options.log ?? ((line: string) => console.log(line));
  const sink = options.sink ?? ((record: AuditRecord) => log(JSON.stringify({ audit: record })));
  const now = options.now ?? Date.now;
  const redact = options.redact ?? true;

  function argumentsOf(context: MiddlewareContext): unknown {
    const args = context.params.arguments;
    if (!isRecord(args)) return undefined;
    if (redact === true) return redactArguments(args);
    if (redact === false) return args;
    return redact(args, context);
  }

  function emit(record: AuditRecord): void {
    try {
      const pending = sink(record);
      if (pending !== undefined) pending.catch(() => undefined);
    } catch {
      // An audit sink that fails must not fail the request it records.
    }
  }

  return {
    name: "audit",
    async onRequest(context, next) {
      if (!everything && !methods.has(context.method)) return next();
      const started = now();
      const record: AuditRecord = {
        time: new Date(started).toISOString(),
        method: context.method,
        target: targetOf(context),
        userId: context.userId,
        clientId: context.auth?.clientId,
        sessionId: context.sessionId,
        requestId: context.id,
        era: context.era,
        outcome: "ok",
        durationMs: 0,
      };
      const args = argumentsOf(context);
      if (args !== undefined) record.arguments = args;
      try {
        const result = await next();
        if (result === undefined) record.outcome = "cancelled";
        else if (result.isError === true) record.outcome = "tool_error";
        return result;
      } catch (error) {
        record.outcome = "error";
        record.errorCode = error instanceof ProtocolError ? error.code : ErrorCode.InternalError;
        record.errorMessage = error instanceof Error ? error.message : String(error);
        throw error;
      } finally {
        record.durationMs = now() - started;
        emit(record);
      }
    },
  };
}
