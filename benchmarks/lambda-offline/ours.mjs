// The benchmark fixture built with chuk-mcp behind @chuk-mcp/cloud's lambdaHandler.
import { lambdaHandler } from "@chuk-mcp/cloud";
import { LOOPBACK_HOSTS } from "@chuk-mcp/http";
import { buildChukServer } from "../servers/chuk-fixture.mjs";

export const handler = lambdaHandler(buildChukServer(), { basePath: "/ours", http: { allowedHosts: [...LOOPBACK_HOSTS] } });
