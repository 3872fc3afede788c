// The same fixture with the official SDK v2's createMcpHandler behind the same lambdaHandler
// (SDK v2 ships no Lambda adapter).
import { lambdaHandler } from "@chuk-mcp/cloud";
import { McpServer, createMcpHandler } from "@modelcontextprotocol/server";
import { z } from "zod";
import { SERVER_NAME, SERVER_VERSION, registerSdkFixtures } from "../servers/shared.mjs";

const mcp = createMcpHandler(() => registerSdkFixtures(new McpServer({ name: SERVER_NAME, version: SERVER_VERSION }), z.object({ a: z.number(), b: z.number() })));
export const handler = lambdaHandler({ fetch: typeof mcp === "function" ? mcp : mcp.fetch.bind(mcp) }, { basePath: "/sdk" });
