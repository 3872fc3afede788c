/** The shared example server for the serverless reference apps. */
export { createExampleServer, EXAMPLE_INSTRUCTIONS } from "./example-server.js";
export { EXAMPLE_SERVER_INFO } from "@chuk-mcp/app-stdio";
