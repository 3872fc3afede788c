import { serve } from "@chuk-mcp/http/node";
import { createInteropServer } from "../src/interop-server.js";

/** Starts the interop server over Streamable HTTP on a free loopback port. */
export async function startHttpServer(): Promise<{ url: URL; close(): Promise<void> }> {
  const server = createInteropServer();
  const running = await serve(server, { port: 0, host: "127.0.0.1" });
  return {
    url: new URL(running.url),
    close: async () => {
      await running.close();
      await server.close();
    },
  };
}
