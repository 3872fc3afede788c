// Ceiling for stdio: a hand-rolled newline-delimited JSON-RPC responder. It parses
// each line and answers requests with a fixed result (id echoed); no MCP logic.
import { exitOnSignals } from "./shared.mjs";

const INITIALIZE_RESULT =
  ',"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"bench","version":"1.0.0"}}}\n';
const CALL_RESULT = ',"result":{"content":[{"type":"text","text":"3"}]}}\n';

exitOnSignals();
let pending = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  const lines = (pending + chunk).split("\n");
  pending = lines.pop() ?? "";
  let out = "";
  for (const line of lines) {
    if (line.trim() === "") continue;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      out += '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}\n';
      continue;
    }
    if (message.id === undefined || message.method === undefined) continue;
    const head = `{"jsonrpc":"2.0","id":${JSON.stringify(message.id)}`;
    out += head + (message.method === "initialize" ? INITIALIZE_RESULT : CALL_RESULT);
  }
  if (out !== "" && !process.stdout.write(out)) {
    process.stdin.pause();
    process.stdout.once("drain", () => process.stdin.resume());
  }
});
process.stdin.on("end", () => process.exit(0));
