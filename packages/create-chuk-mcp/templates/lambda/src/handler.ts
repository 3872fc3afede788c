import { lambdaHandler } from "@chuk-mcp/cloud";
import { createServer } from "./server.js";

/**
 * The AWS Lambda function: API Gateway HTTP API (payload 2.0) and REST API (1.0) events, ALB
 * and buffered Function URLs, at `/mcp`. Built once per execution environment, at cold start.
 * Stateless: every request is answered on its own, so any instance can serve it.
 */
export const handler = lambdaHandler(createServer());
