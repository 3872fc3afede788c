/**
 * The same server for a Function URL with InvokeMode RESPONSE_STREAM: answers are streamed
 * through `awslambda.streamifyResponse`, so progress and SSE events reach the client as they
 * happen (template.yaml's McpStreamFunction).
 */
import { createExampleServer } from "@chuk-mcp/app-serverless-examples";
import { lambdaHandler } from "@chuk-mcp/cloud";
import { createServerlessHandler } from "@chuk-mcp/cloud/node";

export const handler = lambdaHandler(createServerlessHandler(createExampleServer()), { streaming: true });
