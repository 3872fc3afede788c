/**
 * Micro benchmarks (tinybench, in-process): JSON-RPC dispatch through
 * `server.handleText`, schema validation, result serialization and request
 * context creation. Each group carries a floor or a peer to read ours against.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { Bench } from "tinybench";
import { Type } from "typebox";
import { Compile } from "typebox/compile";
import { z } from "zod";

/**
 * @typedef {object} MicroRow
 * @property {string} group
 * @property {string} name
 * @property {number} opsPerSecond
 * @property {number} p50Micros
 * @property {number} p99Micros
 * @property {number} rmePercent
 */

const META_2026 = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "chuk-mcp-bench", version: "1.0.0" },
};
const CALL_2026 = JSON.stringify({
  jsonrpc: "2.0", id: 1, method: "tools/call",
  params: { name: "add", arguments: { a: 1, b: 2 }, _meta: META_2026 },
});
const LIST_2026 = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: META_2026 } });
const CALL_2025 = JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } } });
const PING_2025 = JSON.stringify({ jsonrpc: "2.0", id: 4, method: "ping" });
// The same call to a tool whose input is a zod 4 schema (Standard Schema), on the same server.
const CALL_ZOD_2026 = JSON.stringify({
  jsonrpc: "2.0", id: 5, method: "tools/call",
  params: { name: "add_zod", arguments: { a: 1, b: 2 }, _meta: META_2026 },
});
const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0", id: 0, method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "chuk-mcp-bench", version: "1.0.0" } },
});

/**
 * The cheapest possible dispatch: parse, switch on method, stringify a result.
 * @param {string} text
 */
async function floorDispatch(text) {
  const message = JSON.parse(text);
  switch (message.method) {
    case "tools/call": {
      const { a, b } = message.params.arguments;
      return JSON.stringify({ jsonrpc: "2.0", id: message.id, result: { content: [{ type: "text", text: String(a + b) }] } });
    }
    default:
      return JSON.stringify({ jsonrpc: "2.0", id: message.id, result: {} });
  }
}

function toolsListResult() {
  const tools = Array.from({ length: 20 }, (_, index) => ({
    name: `tool_${index}`,
    description: `Tool number ${index} for the serialization benchmark`,
    inputSchema: { type: "object", properties: { a: { type: "number" }, b: { type: "string" } }, required: ["a"] },
  }));
  return { jsonrpc: "2.0", id: 1, result: { tools } };
}

/**
 * Loads ours lazily so the peers' rows still run when it is not built.
 * @returns {Promise<{ core: any, chuk: any }>}
 */
async function loadOurs() {
  const core = await import("@chuk-mcp/core");
  const chuk = await import("chuk-mcp");
  return { core, chuk };
}

/**
 * @param {{ timeMs: number, includeOurs: boolean }} options
 * @returns {Promise<{ rows: MicroRow[], failures: string[] }>}
 */
export async function runMicroSuite(options) {
  /** @type {string[]} */
  const failures = [];
  const bench = new Bench({ time: options.timeMs, warmupTime: Math.min(200, options.timeMs), throws: true });
  /** @type {Map<string, string>} task name → group */
  const groups = new Map();
  /**
   * @param {string} group
   * @param {string} name
   * @param {() => unknown} fn
   */
  const add = (group, name, fn) => {
    groups.set(name, group);
    bench.add(name, fn);
  };

  // Dispatch.
  add("dispatch", "floor: JSON.parse + switch + JSON.stringify (tools/call)", () => floorDispatch(CALL_2026));

  // Validation.
  const typeboxSchema = Type.Object({ a: Type.Number(), b: Type.Number() });
  const compiled = Compile(typeboxSchema);
  const zodSchema = z.object({ a: z.number(), b: z.number() });
  const valid = { a: 1, b: 2 };
  const invalid = { a: "1" };
  add("validation", "typebox Compile().Check (valid)", () => compiled.Check(valid));
  add("validation", "zod v4 safeParse (valid; what the SDKs use)", () => zodSchema.safeParse(valid));
  add("validation", "zod v4 safeParse (invalid)", () => zodSchema.safeParse(invalid));

  // Serialization.
  const callResponse = { jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "3" }] } };
  const listResponse = toolsListResult();
  add("serialization", "JSON.stringify tools/call response", () => JSON.stringify(callResponse));
  add("serialization", "JSON.stringify tools/list response (20 tools)", () => JSON.stringify(listResponse));

  // Context.
  const storage = new AsyncLocalStorage();
  add("context", "floor: AsyncLocalStorage.run", () => storage.run({ requestId: 1, method: "tools/call" }, () => storage.getStore()));

  if (options.includeOurs) {
    try {
      const { core, chuk } = await loadOurs();
      const { buildChukServer } = await import("../servers/chuk-fixture.mjs");
      const server = buildChukServer();
      // A zod tool next to the TypeBox one: the Standard Schema path against the compiled TypeBox default.
      server.tool({ name: "add_zod", input: z.object({ a: z.number(), b: z.number() }), handler: async ({ a, b }) => String(a + b) });
      // Sanity-check every dispatch input once so a broken engine fails loudly instead of timing errors.
      const session = server.createSession({ send: () => {} });
      const initialized = await server.handleText(INITIALIZE, { session });
      await server.handleText('{"jsonrpc":"2.0","method":"notifications/initialized"}', { session });
      for (const [label, text, handleOptions] of /** @type {const} */ ([
        ["2026 tools/call", CALL_2026, {}],
        ["2026 tools/call (zod tool)", CALL_ZOD_2026, {}],
        ["2026 tools/list", LIST_2026, {}],
        ["2025 tools/call", CALL_2025, { session }],
        ["2025 ping", PING_2025, { session }],
      ])) {
        const reply = await server.handleText(text, handleOptions);
        if (typeof reply !== "string" || !reply.includes('"result"')) {
          throw new Error(`handleText(${label}) did not return a result: ${String(reply).slice(0, 300)} (initialize gave ${String(initialized).slice(0, 200)})`);
        }
      }
      add("dispatch", "ours: handleText 2026 tools/call", () => server.handleText(CALL_2026));
      add("dispatch", "ours: handleText 2026 tools/call, zod 4 input (Standard Schema)", () => server.handleText(CALL_ZOD_2026));
      add("dispatch", "ours: handleText 2026 tools/list", () => server.handleText(LIST_2026));
      add("dispatch", "ours: handleText 2025 tools/call (session)", () => server.handleText(CALL_2025, { session }));
      add("dispatch", "ours: handleText 2025 ping (session)", () => server.handleText(PING_2025, { session }));

      const ourSchema = core.compileSchema(typeboxSchema, "bench");
      await ourSchema.prepare();
      add("validation", "ours: compileSchema().check (valid)", () => ourSchema.check(valid));
      add("validation", "ours: compileSchema().explain (invalid)", () => ourSchema.explain(invalid));

      add("context", "ours: runWithContext + getContext", () =>
        core.runWithContext({ requestId: 1, method: "tools/call" }, () => core.getContext()),
      );
      void chuk;
    } catch (error) {
      failures.push(
        `micro: ours could not be loaded or answered wrongly: ${error instanceof Error ? error.message : String(error)} ` +
          "(build it with `pnpm turbo run build --filter chuk-mcp...`, or pass --skip ours)",
      );
    }
  }

  await bench.run();
  /** @type {MicroRow[]} */
  const rows = [];
  for (const task of bench.tasks) {
    const result = /** @type {any} */ (task.result);
    if (!result || (result.state !== "completed" && result.state !== "aborted-with-statistics")) {
      failures.push(`micro: task "${task.name}" did not complete (${result?.state}: ${result?.error?.message ?? ""})`);
      continue;
    }
    rows.push({
      group: groups.get(task.name) ?? "",
      name: task.name,
      opsPerSecond: result.throughput.mean,
      p50Micros: result.latency.p50 * 1000,
      p99Micros: result.latency.p99 * 1000,
      rmePercent: result.latency.rme,
    });
  }
  const order = ["dispatch", "validation", "serialization", "context"];
  rows.sort((left, right) => order.indexOf(left.group) - order.indexOf(right.group));
  return { rows, failures };
}
