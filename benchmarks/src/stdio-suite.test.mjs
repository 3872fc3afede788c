import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { measureStdioServer } from "./stdio-suite.mjs";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../test/fixtures");

describe("measureStdioServer", () => {
  it("floods the hand-rolled responder and gets every reply back", async () => {
    const result = await measureStdioServer({ file: "stdio-line.mjs", requests: 3000, sequential: 50, timeoutMs: 20_000 });
    expect(result.errors).toBe(0);
    expect(result.pipelinedPerSecond).toBeGreaterThan(0);
    expect(result.sequentialPerSecond).toBeGreaterThan(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(result.rssAfterFloodMb).toBeGreaterThan(5);
    expect(result.answeredAfterFlood).toBe(true);
  });

  it("drives the official SDK v1 stdio server through the handshake and the flood", async () => {
    const result = await measureStdioServer({ file: "stdio-sdk-v1.mjs", requests: 1000, sequential: 20, timeoutMs: 20_000 });
    expect(result.errors).toBe(0);
  });

  it("counts error replies as errors", async () => {
    const result = await measureStdioServer({ file: path.join(fixtures, "stdio-error.mjs"), requests: 200, sequential: 5, timeoutMs: 10_000 });
    // 1 unrecorded warm-up request + 5 measured one-at-a-time requests + 200 flood
    expect(result.errors).toBe(200 + 1 + 5);
  });

  it("notices a server that stops answering after the flood without failing the measurement", async () => {
    const result = await measureStdioServer({
      file: path.join(fixtures, "stdio-deaf-to-ping.mjs"), requests: 300, sequential: 5, timeoutMs: 10_000, afterFloodTimeoutMs: 300,
    });
    expect(result.errors).toBe(0);
    expect(result.pipelinedPerSecond).toBeGreaterThan(0);
    expect(result.answeredAfterFlood).toBe(false);
  });

  it("fails with the server's output when it exits during the run", async () => {
    await expect(
      measureStdioServer({ file: path.join(fixtures, "crash-server.mjs"), requests: 10, sequential: 1, timeoutMs: 5_000 }),
    ).rejects.toThrow(/exited early \(code 3.*failing on purpose/s);
  });
});
