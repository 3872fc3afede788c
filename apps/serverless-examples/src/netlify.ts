/**
 * The example server as a Netlify Function (v2). Copy to `netlify/functions/mcp.ts`; the
 * `config.path` routes `/mcp` to it. Works unchanged as an Edge Function.
 * @see https://docs.netlify.com/build/functions/get-started/
 */
import { netlifyHandler } from "@chuk-mcp/cloud";
import { createExampleServer } from "./example-server.js";

export default netlifyHandler(createExampleServer());

export const config = { path: "/mcp" };
