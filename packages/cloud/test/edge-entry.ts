/** Bundled by runtime-neutral.test.ts and run in @edge-runtime/vm: a Worker-style adapter answering one request. */
import { cloudflareHandler } from "../src/index.js";
import { createTestServer, statelessCall } from "./server.js";

const worker = cloudflareHandler(() => createTestServer());

export async function answer(): Promise<string> {
  const call = statelessCall(1, "tools/call", { name: "hello", arguments: { name: "Edge" } }, "hello");
  const response = await worker.fetch(new Request("https://w.example/mcp", { method: "POST", headers: call.headers, body: call.body }), {});
  return response.text();
}
