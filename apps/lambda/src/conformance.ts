/**
 * The official conformance suite's fixtures (apps/conformance) behind the Lambda adapter, for
 * `pnpm conformance`'s lambda-2026-07-28 run under serverless-offline. Local only, so the Host
 * check is the loopback one `serve()` applies on 127.0.0.1.
 */
import { createConformanceServer } from "@chuk-mcp/app-conformance";
import { lambdaHandler } from "@chuk-mcp/cloud";
import { LOOPBACK_HOSTS } from "@chuk-mcp/http";

export const handler = lambdaHandler(createConformanceServer(), { http: { allowedHosts: [...LOOPBACK_HOSTS] } });
