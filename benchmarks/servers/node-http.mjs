// Ceiling: bare node:http answering every POST with a fixed tools/call result
// (the request id is echoed so the reply is valid JSON-RPC). No MCP logic.
import { createServer } from "node:http";
import { announceReady, exitOnSignals, hostFromEnvironment, portFromEnvironment, readBody } from "./shared.mjs";

const RESULT_TAIL = ',"result":{"content":[{"type":"text","text":"3"}]}}';

const server = createServer(async (request, response) => {
  if (request.method !== "POST") {
    response.writeHead(405, { allow: "POST" }).end();
    return;
  }
  const text = await readBody(request);
  let id = null;
  try {
    id = JSON.parse(text).id ?? null;
  } catch {
    response.writeHead(400, { "content-type": "application/json" });
    response.end('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}');
    return;
  }
  const body = `{"jsonrpc":"2.0","id":${JSON.stringify(id)}${RESULT_TAIL}`;
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
});

exitOnSignals();
server.keepAliveTimeout = 30_000;
server.listen(portFromEnvironment(), hostFromEnvironment(), () => {
  const address = server.address();
  announceReady(typeof address === "object" && address ? address.port : 0);
});
