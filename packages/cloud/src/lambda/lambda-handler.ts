/**
 * `lambdaHandler(target, options)`: an AWS Lambda handler for API Gateway REST (v1) and HTTP
 * API (v2) events, ALB target events and Function URLs. Each event becomes a `Request` for the
 * portable `fetch` handler; its `Response` goes back in the event source's result format, or
 * streamed through `awslambda.streamifyResponse` when `streaming: true` and the runtime
 * provides it (Function URLs with InvokeMode RESPONSE_STREAM).
 */
import type { Context } from "aws-lambda";
import { DEFAULT_MAX_BODY_BYTES } from "@chuk-mcp/http";
import { asAdapterError, CloudAdapterError } from "../errors.js";
import { resolveTarget, type AdapterOptions, type AdapterTarget } from "../fetch-target.js";
import { eventToRequest } from "./event-to-request.js";
import { eventKind, type LambdaEventKind, type LambdaHttpResult } from "./events.js";
import { collectBody, toLambdaResult } from "./response-to-result.js";
import { awsLambdaGlobal, pipeResponse, responseMetadata, type LambdaResponseStream } from "./streaming.js";

/** Options of {@link lambdaHandler}. */
export interface LambdaHandlerOptions extends AdapterOptions {
  /**
   * Stream answers with `awslambda.streamifyResponse` (Function URL with InvokeMode
   * RESPONSE_STREAM). Default false: API Gateway and ALB need buffered results. Where the
   * runtime has no `awslambda` global (local emulators) the handler stays buffered.
   */
  readonly streaming?: boolean;
  /** Largest request body accepted from the event (413 beyond). Default 4 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * A buffered answer is cut this many ms before the invocation's deadline, so a long-lived
   * stream returns what it has instead of the function timing out. Default 1 000.
   */
  readonly deadlineMarginMs?: number;
}

/** The handler Lambda calls (buffered). */
export type LambdaHandler = (event: unknown, context?: Partial<Context>) => Promise<LambdaHttpResult>;

const FALLBACK_FORMAT = { kind: "v2" as const, multiValueHeaders: false };

function resultFormat(event: unknown): { kind: LambdaEventKind; multiValueHeaders: boolean } {
  const kind = eventKind(event);
  if (kind === undefined) return FALLBACK_FORMAT;
  const multi = (event as { multiValueHeaders?: unknown }).multiValueHeaders;
  return { kind, multiValueHeaders: kind !== "v2" && multi !== undefined && multi !== null };
}

function deadlineSignal(context: Partial<Context> | undefined, marginMs: number): AbortSignal | undefined {
  const remaining = typeof context?.getRemainingTimeInMillis === "function" ? context.getRemainingTimeInMillis() : undefined;
  if (remaining === undefined || !Number.isFinite(remaining)) return undefined;
  return AbortSignal.timeout(Math.max(0, remaining - marginMs));
}

/**
 * Builds the Lambda handler. `target`: an `McpServer`, a `{ fetch }` handler, or a promise of
 * either (awaited on the first invocation).
 * @example export const handler = lambdaHandler(server);
 */
export function lambdaHandler(target: AdapterTarget, options: LambdaHandlerOptions = {}): LambdaHandler {
  const resolved = resolveTarget(target, options);
  const maxBodyBytes = options.maxBodyBytes ?? options.http?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const marginMs = options.deadlineMarginMs ?? 1_000;

  const buffered: LambdaHandler = async (event, context) => {
    // Known before translating, so a body that fails to translate is answered in the event's format.
    const format = resultFormat(event);
    try {
      const signal = deadlineSignal(context, marginMs);
      const translated = eventToRequest(event, signal === undefined ? { maxBodyBytes } : { maxBodyBytes, signal });
      const response = await resolved.fetch(translated.request);
      return toLambdaResult(response, await collectBody(response, signal), translated);
    } catch (error) {
      const failure = error instanceof CloudAdapterError ? error : asAdapterError(error);
      if (!(error instanceof CloudAdapterError)) (options.onError ?? console.error)(error);
      const response = failure.toResponse();
      return toLambdaResult(response, await collectBody(response), format);
    }
  };

  const runtime = options.streaming === true ? awsLambdaGlobal() : undefined;
  if (runtime === undefined) return buffered;

  const streamed = async (event: unknown, responseStream: LambdaResponseStream, _context: unknown): Promise<void> => {
    let response: Response;
    try {
      response = await resolved.fetch(eventToRequest(event, { maxBodyBytes }).request);
    } catch (error) {
      const failure = asAdapterError(error);
      if (!(error instanceof CloudAdapterError)) (options.onError ?? console.error)(error);
      response = failure.toResponse();
    }
    await pipeResponse(response, runtime.HttpResponseStream.from(responseStream, responseMetadata(response)));
  };
  return runtime.streamifyResponse(streamed) as LambdaHandler;
}
