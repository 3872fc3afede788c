import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startServer } from "./server-process.mjs";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../test/fixtures");

describe("startServer", () => {
  it("waits for the READY line, reports the port and the server's memory, and stops it", async () => {
    const server = await startServer({ file: "node-http.mjs" });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/mcp`);
      expect(server.memory().rssMb).toBeGreaterThan(5);
      const response = await fetch(server.url, { method: "POST", body: '{"jsonrpc":"2.0","id":9,"method":"ping"}' });
      expect(await response.json()).toMatchObject({ id: 9, result: {} });
    } finally {
      await server.stop();
    }
    expect(server.alive()).toBe(false);
  });

  it("rejects with the exit code and the server's own output when it dies before it is ready", async () => {
    await expect(startServer({ file: path.join(fixtures, "crash-server.mjs") })).rejects.toThrow(
      /exited \(code 3.*failing on purpose/s,
    );
  });

  it("rejects a server that never prints READY within the start timeout", async () => {
    await expect(
      startServer({ file: path.join(fixtures, "stdio-error.mjs"), startTimeoutMs: 500 }),
    ).rejects.toThrow(/did not print "READY <port>" within 500 ms/);
  });
});
