import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HTTP_SERVERS } from "./catalog.mjs";
import { runHttpSuite } from "./http-suite.mjs";
import { buildLoadRequest } from "./mcp-requests.mjs";
import { startServer } from "./server-process.mjs";
import { findWrk, parseWrkOutput, runWrkLoad, wrkScript } from "./wrk-load.mjs";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../test/fixtures");
const wrk = findWrk();

describe("wrkScript", () => {
  it("swaps the id placeholder for a per-thread counter and escapes quotes in headers and body", () => {
    const request = buildLoadRequest({ era: "2026", method: "tools/call" });
    const script = wrkScript({ headers: request.headers, body: request.body, verify: true });
    expect(script).toContain('wrk.headers["mcp-method"] = "tools/call"');
    expect(script).toContain('local prefix = "{\\"jsonrpc\\":\\"2.0\\",\\"id\\":\\"');
    expect(script).not.toContain("[<id>]");
    expect(script).toContain("local dynamic = true");
  });

  it("sends the body as it is when it has no placeholder", () => {
    const script = wrkScript({ headers: {}, body: '{"id":1}', verify: false });
    expect(script).toContain("local dynamic = false");
    expect(script).toContain('wrk.body = "{\\"id\\":1}"');
  });
});

describe("parseWrkOutput", () => {
  it("says what wrk printed when the summary line is missing", () => {
    expect(() => parseWrkOutput("Running 1s test\nunable to connect")).toThrow(/no summary line.*unable to connect/s);
  });
});

describe.skipIf(wrk === undefined)("runWrkLoad (real wrk)", () => {
  it("sends unique ids, counts good bodies and reports its own CPU", async () => {
    /** @type {Set<string>} */
    const ids = new Set();
    let seen = 0;
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const message = JSON.parse(body);
        seen += 1;
        ids.add(String(message.id));
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ jsonrpc: "2.0", id: message.id, result: {} }));
      });
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
    try {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      const request = buildLoadRequest({ era: "2025", method: "ping" });
      const result = await runWrkLoad({
        wrk: /** @type {string} */ (wrk),
        url: `http://127.0.0.1:${port}/mcp`,
        headers: request.headers,
        body: request.body,
        connections: 4,
        durationSeconds: 1,
      });
      expect(result.requests).toBeGreaterThan(10);
      expect(result.errors).toBe(0);
      expect(ids.size).toBe(seen);
      expect(result.p50Ms).toBeGreaterThan(0);
      expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
      expect(result.generatorCpuPercent).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it("counts 200 responses that carry a JSON-RPC error as errors", async () => {
    const server = await startServer({ file: path.join(fixtures, "error-server.mjs") });
    try {
      const request = buildLoadRequest({ era: "2025", method: "tools/call" });
      const result = await runWrkLoad({ wrk: /** @type {string} */ (wrk), url: server.url, headers: request.headers, body: request.body, connections: 2, durationSeconds: 1 });
      expect(result.requests).toBeGreaterThan(0);
      expect(result.mismatches).toBeGreaterThan(0);
      expect(result.errors).toBeGreaterThanOrEqual(result.mismatches);
    } finally {
      await server.stop();
    }
  });

  it("drives the HTTP suite and reports server and generator CPU per cell", async () => {
    const nodeHttp = HTTP_SERVERS.find((candidate) => candidate.id === "node-http");
    if (!nodeHttp) throw new Error("no node-http server in the catalog");
    const { cells, failures } = await runHttpSuite({
      servers: [nodeHttp],
      concurrencies: [4],
      methodConcurrency: 4,
      durationSeconds: 1,
      warmupSeconds: 0,
      runs: 1,
      generator: { kind: "wrk", wrk: /** @type {string} */ (wrk) },
    });
    expect(failures).toEqual([]);
    expect(cells[0]?.generator).toBe("wrk");
    expect(cells[0]?.errors).toBe(0);
    expect(cells[0]?.serverCpuPercent).toBeGreaterThan(0);
    expect(cells[0]?.generatorCpuPercent).toBeGreaterThan(0);
  });
});
