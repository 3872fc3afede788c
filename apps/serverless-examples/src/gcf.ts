/**
 * The example server as a Google Cloud Function (gen 2, HTTP): the Functions Framework loads
 * the export named by `--target`. Deploy: `gcloud functions deploy mcp --gen2 --runtime=nodejs22
 * --trigger-http --entry-point=mcp --source=.`; locally: `npx @google-cloud/functions-framework
 * --target=mcp --source=dist/gcf.js`.
 */
import { gcfHandler } from "@chuk-mcp/cloud";
import { createExampleServer } from "./example-server.js";

export const mcp = gcfHandler(createExampleServer());
