/**
 * The example MCP server as an AWS Lambda function behind API Gateway (REST or HTTP API), an
 * ALB, or a buffered Function URL. Stateless unless SESSION_PROVIDER=redis / REDIS_URL is set
 * (then 2025 sessions live in Redis). The handler is built once per execution environment, at
 * cold start.
 */
import { createExampleServer } from "@chuk-mcp/app-serverless-examples";
import { lambdaHandler } from "@chuk-mcp/cloud";
import { createServerlessHandler } from "@chuk-mcp/cloud/node";

export const handler = lambdaHandler(createServerlessHandler(createExampleServer()));
