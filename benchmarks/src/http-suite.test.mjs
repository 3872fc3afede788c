import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HTTP_SERVERS } from "./catalog.mjs";
import { runLoad } from "./http-load.mjs";
import { buildLoadRequest } from "./mcp-requests.mjs";
import { planHttpRuns, runHttpSuite } from "./http-suite.mjs";
import { startServer } from "./server-process.mjs";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../test/fixtures");
const short = { concurrencies: [4], methodConcurrency: 4, durationSeconds: 0.4, warmupSeconds: 0, runs: 1 };
const entry = (/** @type {string} */ id) => {
  const found = HTTP_SERVERS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no server ${id}`);
  return found;
};

describe("planHttpRuns", () => {
  it("gives fixed-reply ceilings only the tools/call throughput cells, in JSON mode", () => {
    const groups = planHttpRuns([entry("node-http")], { concurrencies: [1, 10], methodConcurrency: 10 });
    expect(groups).toHaveLength(1);
    expect(groups[0]?.cells.map((cell) => [cell.section, cell.method, cell.connections])).toEqual([
      ["throughput", "tools/call", 1],
      ["throughput", "tools/call", 10],
    ]);
  });

  it("runs every method in every era a server speaks, plus an SSE group", () => {
    const groups = planHttpRuns([entry("sdk-v2")], { concurrencies: [10], methodConcurrency: 10 });
    expect(groups.map((group) => group.mode)).toEqual(["json", "sse"]);
    const json = groups[0]?.cells ?? [];
    expect(json.filter((cell) => cell.era === "2026").map((cell) => cell.method)).toEqual([
      "tools/call",
      "tools/list",
      "resources/read",
      "ping",
    ]);
    expect(groups[1]?.cells.map((cell) => cell.era)).toEqual(["2025", "2026"]);
  });
});

describe("runLoad", () => {
  it("counts 200 responses that carry a JSON-RPC error as errors, not throughput", async () => {
    const server = await startServer({ file: path.join(fixtures, "error-server.mjs") });
    try {
      const request = buildLoadRequest({ era: "2025", method: "tools/call" });
      const result = await runLoad({ url: server.url, headers: request.headers, body: request.body, connections: 2, durationSeconds: 0.3 });
      expect(result.requests).toBeGreaterThan(0);
      expect(result.mismatches).toBeGreaterThan(0);
      expect(result.errors).toBeGreaterThanOrEqual(result.mismatches);
    } finally {
      await server.stop();
    }
  });
});

describe("runHttpSuite", () => {
  it("measures a real server with no errors and keeps sub-millisecond latency precision", async () => {
    const { cells, failures } = await runHttpSuite({ ...short, servers: [entry("node-http")] });
    expect(failures).toEqual([]);
    expect(cells).toHaveLength(1);
    const [cell] = cells;
    expect(cell?.requests).toBeGreaterThan(10);
    expect(cell?.requestsPerSecond).toBeGreaterThan(0);
    expect(cell?.errors).toBe(0);
    expect(cell?.p50Ms).toBeGreaterThan(0);
    expect(Number.isInteger(cell?.p50Ms)).toBe(false);
    expect(cell?.responseType).toBe("json");
  });

  it("speaks the 2025 handshake and every method to the official SDK v1 in both response modes", async () => {
    const { cells, failures } = await runHttpSuite({ ...short, servers: [entry("sdk-v1")] });
    expect(failures).toEqual([]);
    expect(cells.map((cell) => `${cell.section}:${cell.rpcMethod}:${cell.responseType}`)).toEqual([
      "throughput:tools/call:json",
      "methods:tools/list:json",
      "methods:resources/read:json",
      "methods:ping:json",
      "sse:tools/call:sse",
    ]);
    expect(cells.every((cell) => cell.requests > 0 && cell.errors === 0)).toBe(true);
  });

  it("reports a server that fails to start as a failure instead of skipping it", async () => {
    const crash = { ...entry("node-http"), id: "crash", file: path.join(fixtures, "crash-server.mjs") };
    const { cells, failures } = await runHttpSuite({ ...short, servers: [crash] });
    expect(cells).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^http crash \(json\): failed to start: .*exited \(code 3/s);
  });

  it("reports a server that answers with JSON-RPC errors before any load is put on it", async () => {
    const broken = { ...entry("sdk-v1"), id: "broken", modes: /** @type {("json" | "sse")[]} */ (["json"]), file: path.join(fixtures, "error-server.mjs") };
    const { cells, failures } = await runHttpSuite({ ...short, servers: [broken] });
    expect(cells).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatch(/broken on purpose/);
  });
});
