/**
 * The HTTP event shapes Lambda delivers and how to tell them apart.
 * - API Gateway REST API (payload 1.0): `httpMethod`, `path`, `requestContext.stage`; always both
 *   `headers` and `multiValueHeaders`; query values decoded.
 * - API Gateway HTTP API (payload 2.0) and Lambda Function URLs: `version: "2.0"`,
 *   `requestContext.http`, `rawPath`, `rawQueryString`, `cookies[]`, comma-joined headers.
 * - Application Load Balancer: `requestContext.elb`; `headers` or `multiValueHeaders`
 *   depending on the target group setting; query values passed as the client sent them.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 */
import type { ALBEvent, ALBResult, APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent } from "aws-lambda";

/** Every HTTP event the adapter accepts. */
export type LambdaHttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | LambdaFunctionURLEvent | ALBEvent;

/** What the adapter returns, in the shape the event's source expects. */
export type LambdaHttpResult = APIGatewayProxyResult | APIGatewayProxyStructuredResultV2 | ALBResult;

/** Which payload format an event uses. */
export type LambdaEventKind = "v1" | "v2" | "alb";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The event's payload format, or `undefined` when it is not an HTTP event the adapter knows. */
export function eventKind(event: unknown): LambdaEventKind | undefined {
  if (!isObject(event)) return undefined;
  const context = event.requestContext;
  if (event.version === "2.0" && isObject(context) && isObject(context.http) && typeof context.http.method === "string" && typeof event.rawPath === "string") return "v2";
  if (typeof event.httpMethod !== "string" || typeof event.path !== "string") return undefined;
  if (isObject(context) && isObject(context.elb)) return "alb";
  return "v1";
}
