// Runs ours through the same harness path as the peers: every method, both eras,
// both response modes, over HTTP and stdio. Skipped only while chuk-mcp is not built.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_SERVERS } from "../src/catalog.mjs";
import { runHttpSuite } from "../src/http-suite.mjs";
import { BENCHMARKS_DIR } from "../src/machine.mjs";
import { measureStdioServer } from "../src/stdio-suite.mjs";

const built = ["chuk-mcp", "@chuk-mcp/http", "@chuk-mcp/stdio"].every((name) =>
  existsSync(path.join(BENCHMARKS_DIR, "node_modules", ...name.split("/"), "dist", "index.js")),
);

describe.skipIf(!built)("ours under the harness", () => {
  it("answers tools/call, tools/list, resources/read and ping/server/discover correctly in both eras and modes", async () => {
    const ours = HTTP_SERVERS.filter((entry) => entry.ours);
    const { cells, failures } = await runHttpSuite({
      servers: ours, concurrencies: [4], methodConcurrency: 4, durationSeconds: 0.3, warmupSeconds: 0, runs: 1,
    });
    expect(failures).toEqual([]);
    expect(cells.map((cell) => `${cell.era}:${cell.rpcMethod}:${cell.responseType}`)).toEqual([
      "2025:tools/call:json",
      "2025:tools/list:json",
      "2025:resources/read:json",
      "2025:ping:json",
      "2026:tools/call:json",
      "2026:tools/list:json",
      "2026:resources/read:json",
      "2026:server/discover:json",
      "2025:tools/call:sse",
      "2026:tools/call:sse",
    ]);
  });

  it("serves a pipelined stdio flood without error replies", async () => {
    const result = await measureStdioServer({ file: "stdio-chuk.mjs", requests: 2000, sequential: 20, timeoutMs: 30_000 });
    expect(result.errors).toBe(0);
  });
});
