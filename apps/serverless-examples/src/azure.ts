/**
 * The example server as an Azure Functions v4 HTTP trigger at `/api/mcp`. In a Functions app
 * (`func init --worker-runtime node --model V4`), register it from `src/functions/mcp.js`:
 *
 *   import { app } from "@azure/functions";
 *   import { mcp } from "./azure.js";   // this file, built
 *   app.setup({ enableHttpStream: true });
 *   app.http("mcp", { route: "mcp", methods: ["GET", "POST", "DELETE"], authLevel: "anonymous", handler: mcp });
 */
import { azureHandler } from "@chuk-mcp/cloud";
import { createExampleServer } from "./example-server.js";

export const mcp = azureHandler(createExampleServer());
