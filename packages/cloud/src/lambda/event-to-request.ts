/**
 * Lambda HTTP event → web `Request`. Translation only: headers (single and multi-value),
 * cookies, query strings, base64 bodies, the client's address; nothing MCP-specific.
 */
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";
import { CloudAdapterError } from "../errors.js";
import { decodeBase64, decodedLength } from "./base64.js";
import { eventKind, type LambdaEventKind } from "./events.js";

/** A request built from an event, and the format to answer in. */
export interface TranslatedEvent {
  readonly request: Request;
  readonly kind: LambdaEventKind;
  /** ALB and REST events that carried `multiValueHeaders` want them back. */
  readonly multiValueHeaders: boolean;
}

type Single = Record<string, string | undefined> | null | undefined;
type Multi = Record<string, string[] | undefined> | null | undefined;

function appendHeaders(headers: Headers, single: Single, multi: Multi): void {
  if (multi) {
    for (const name of Object.keys(multi)) {
      const values = multi[name];
      if (!Array.isArray(values)) continue;
      const strings = values.filter((value): value is string => typeof value === "string");
      // Several Cookie headers are one cookie list (RFC 6265 §5.4), not a comma list.
      if (name.toLowerCase() === "cookie") headers.set(name, strings.join("; "));
      else for (const value of strings) headers.append(name, value);
    }
    return;
  }
  if (single) {
    for (const name of Object.keys(single)) {
      const value = single[name];
      if (typeof value === "string") headers.set(name, value);
    }
  }
}

function queryFromParameters(single: Single, multi: Multi, encode: boolean): string {
  const pairs: string[] = [];
  const add = (name: string, value: string): void => {
    pairs.push(encode ? `${encodeURIComponent(name)}=${encodeURIComponent(value)}` : `${name}=${value}`);
  };
  if (multi) {
    for (const name of Object.keys(multi)) for (const value of multi[name] ?? []) add(name, value);
  } else if (single) {
    for (const name of Object.keys(single)) {
      const value = single[name];
      if (typeof value === "string") add(name, value);
    }
  }
  return pairs.join("&");
}

function bodyOf(body: unknown, isBase64Encoded: unknown, maxBodyBytes: number): Uint8Array | string | undefined {
  if (body === null || body === undefined || body === "") return undefined;
  if (typeof body !== "string") throw new CloudAdapterError("invalid_event", "the event's body is not a string; Lambda HTTP events carry the body as text (base64 when isBase64Encoded)");
  if (isBase64Encoded === true) {
    if (decodedLength(body) > maxBodyBytes) throw new CloudAdapterError("body_too_large", `the request body is over ${maxBodyBytes} bytes`);
    const bytes = decodeBase64(body);
    if (bytes === undefined) throw new CloudAdapterError("invalid_base64_body", "the event says isBase64Encoded but its body is not valid base64");
    return bytes;
  }
  // Every UTF-16 unit is at least one UTF-8 byte, so this never rejects a body within the limit.
  if (body.length > maxBodyBytes) throw new CloudAdapterError("body_too_large", `the request body is over ${maxBodyBytes} bytes`);
  return body;
}

function urlOf(headers: Headers, fallbackHost: string | undefined, path: string, query: string): string {
  const host = headers.get("host") ?? fallbackHost ?? "lambda.invalid";
  const forwarded = headers.get("x-forwarded-proto");
  const protocol = forwarded === "http" || forwarded === "https" ? forwarded : "https";
  const safePath = path.startsWith("/") ? path : `/${path}`;
  let url: URL;
  try {
    url = new URL(`${protocol}://${host}`);
  } catch {
    throw new CloudAdapterError("invalid_event", `the event's Host header (${JSON.stringify(host)}) is not a valid host name`);
  }
  return `${url.origin}${safePath}${query === "" ? "" : `?${query}`}`;
}

function build(method: string, url: string, headers: Headers, body: Uint8Array | string | undefined, signal: AbortSignal | undefined): Request {
  const init: RequestInit = { method, headers };
  if (body !== undefined && method !== "GET" && method !== "HEAD") init.body = body as BodyInit;
  if (signal !== undefined) init.signal = signal;
  try {
    return new Request(url, init);
  } catch (error) {
    throw new CloudAdapterError("invalid_event", `the event cannot be turned into a request (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

function fromV2(event: APIGatewayProxyEventV2, maxBodyBytes: number, signal: AbortSignal | undefined): Request {
  const headers = new Headers();
  appendHeaders(headers, event.headers, undefined);
  if (Array.isArray(event.cookies) && event.cookies.length > 0) headers.set("cookie", event.cookies.join("; "));
  const url = urlOf(headers, event.requestContext.domainName, event.rawPath, typeof event.rawQueryString === "string" ? event.rawQueryString : "");
  return build(event.requestContext.http.method.toUpperCase(), url, headers, bodyOf(event.body, event.isBase64Encoded, maxBodyBytes), signal);
}

function fromV1(event: APIGatewayProxyEvent | ALBEvent, kind: "v1" | "alb", maxBodyBytes: number, signal: AbortSignal | undefined): Request {
  const headers = new Headers();
  appendHeaders(headers, event.headers, event.multiValueHeaders);
  // API Gateway decodes query values; the load balancer passes them as the client sent them.
  const query = queryFromParameters(event.queryStringParameters, event.multiValueQueryStringParameters, kind === "v1");
  const domain = kind === "v1" ? (event as APIGatewayProxyEvent).requestContext?.domainName : undefined;
  const url = urlOf(headers, domain, event.path, query);
  return build(event.httpMethod.toUpperCase(), url, headers, bodyOf(event.body, event.isBase64Encoded, maxBodyBytes), signal);
}

/**
 * Turns a Lambda HTTP event into a `Request`. Throws {@link CloudAdapterError} (`invalid_event`,
 * `invalid_base64_body`, `body_too_large`) for input it cannot translate.
 */
export function eventToRequest(event: unknown, options: { maxBodyBytes: number; signal?: AbortSignal }): TranslatedEvent {
  const kind = eventKind(event);
  if (kind === undefined) {
    throw new CloudAdapterError(
      "invalid_event",
      "the Lambda event is not an HTTP event (expected API Gateway REST/HTTP API, a Function URL or an ALB target event); route only HTTP events to this handler",
    );
  }
  if (kind === "v2") return { request: fromV2(event as APIGatewayProxyEventV2, options.maxBodyBytes, options.signal), kind, multiValueHeaders: false };
  const v1 = event as APIGatewayProxyEvent | ALBEvent;
  const multiValueHeaders = v1.multiValueHeaders !== undefined && v1.multiValueHeaders !== null;
  return { request: fromV1(v1, kind, options.maxBodyBytes, options.signal), kind, multiValueHeaders };
}
