/**
 * Web `Response` → the result object Lambda expects for the event's source. Text bodies
 * (JSON, SSE, text/*) go as UTF-8 strings; anything else as base64.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
 */
import type { ALBResult, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { encodeBase64 } from "./base64.js";
import type { LambdaEventKind, LambdaHttpResult } from "./events.js";

const TEXT_TYPE = /^(text\/|application\/(json|[^;]*\+json|javascript|xml|[^;]*\+xml|x-www-form-urlencoded))/i;

/** Whether a body of this content type is text (sent as a string, not base64). */
export function isTextContentType(contentType: string | null): boolean {
  return contentType === null || contentType === "" || TEXT_TYPE.test(contentType.trim());
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: "OK", 202: "Accepted", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
  404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable", 409: "Conflict", 413: "Payload Too Large",
  415: "Unsupported Media Type", 500: "Internal Server Error", 503: "Service Unavailable",
};

/** Reads a body, stopping early (and keeping what arrived) when `signal` aborts. */
export async function collectBody(response: Response, signal?: AbortSignal): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stop = (): void => void reader.cancel().catch(() => undefined);
  signal?.addEventListener("abort", stop, { once: true });
  try {
    for (;;) {
      const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (next.done) break;
      chunks.push(next.value);
      total += next.value.byteLength;
    }
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function singleHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  return out;
}

function multiHeaders(headers: Headers): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = [value];
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}

/** Builds the Lambda result for `response`, in the format of the event it answers. */
export function toLambdaResult(response: Response, bytes: Uint8Array, format: { kind: LambdaEventKind; multiValueHeaders: boolean }): LambdaHttpResult {
  const text = isTextContentType(response.headers.get("content-type"));
  const body = text ? new TextDecoder().decode(bytes) : encodeBase64(bytes);
  const statusCode = response.status;
  if (format.kind === "v2") {
    const result: APIGatewayProxyStructuredResultV2 = { statusCode, headers: singleHeaders(response.headers), body, isBase64Encoded: !text };
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) result.cookies = cookies;
    return result;
  }
  if (format.kind === "alb") {
    const result: ALBResult = { statusCode, statusDescription: `${statusCode} ${STATUS_TEXT[statusCode] ?? (response.statusText || "Status")}`, body, isBase64Encoded: !text };
    if (format.multiValueHeaders) result.multiValueHeaders = multiHeaders(response.headers);
    else {
      const headers = singleHeaders(response.headers);
      const cookie = response.headers.getSetCookie()[0];
      if (cookie !== undefined) headers["set-cookie"] = cookie;
      result.headers = headers;
    }
    return result;
  }
  const result: APIGatewayProxyResult = { statusCode, multiValueHeaders: multiHeaders(response.headers), body, isBase64Encoded: !text };
  return result;
}
