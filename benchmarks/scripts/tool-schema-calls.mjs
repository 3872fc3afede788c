// A zod 4 tool against the TypeBox tool, for callgrind (instructions do not move with the load on
// the machine). Builds the benchmark fixture server plus an `add_zod` tool with the same input,
// warms both up with 2 000 calls each, then sends <calls> 2026-07-28 tools/call requests to one.
// Instructions per call = (total(kind, N) - total(none, N)) / N. From benchmarks/:
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node scripts/tool-schema-calls.mjs <none|typebox|zod> 20000
import { z } from "zod";
import { buildChukServer } from "../servers/chuk-fixture.mjs";

const kind = process.argv[2] ?? "none";
const calls = Number(process.argv[3] ?? 20_000);
if (!["none", "typebox", "zod"].includes(kind) || !Number.isInteger(calls) || calls < 0) {
  console.error("usage: node scripts/tool-schema-calls.mjs <none|typebox|zod> [calls]");
  process.exit(2);
}
const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
const call = (/** @type {string} */ name) => JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: { a: 1, b: 2 }, _meta: meta } });
const server = buildChukServer();
server.tool({ name: "add_zod", input: z.object({ a: z.number(), b: z.number() }), handler: async ({ a, b }) => String(a + b) });
const texts = { typebox: call("add"), zod: call("add_zod") };
for (const text of Object.values(texts)) {
  const reply = await server.handleText(text);
  if (typeof reply !== "string" || !reply.includes('"text":"3"')) throw new Error(`unexpected reply: ${reply}`);
}
for (let index = 0; index < 2_000; index++) {
  await server.handleText(texts.typebox);
  await server.handleText(texts.zod);
}
if (kind !== "none") for (let index = 0; index < calls; index++) await server.handleText(kind === "zod" ? texts.zod : texts.typebox);
