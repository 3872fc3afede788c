import { describe, expect, it } from "vitest";
import { call, demoServer, ERAS } from "../../test/helpers.js";
import { rateLimit } from "../rate-limit/rate-limit.js";
import { audit, type AuditRecord } from "./audit.js";

const ann = { auth: { subject: "ann", clientId: "cli-1", scopes: [] } };

describe.each(ERAS)("audit() in the %s era", (era) => {
  it("records who called what, when and how it ended, with arguments redacted", async () => {
    const records: AuditRecord[] = [];
    let clock = Date.UTC(2026, 0, 2, 3, 4, 5);
    const server = demoServer().use(audit({ sink: (record) => void records.push(record), now: () => (clock += 7) }));
    await call(server, era, "tools/call", { name: "echo", arguments: { text: "my password is hunter2" } }, ann);
    await call(server, era, "tools/call", { name: "broken" }, ann);
    await call(server, era, "resources/read", { uri: "test://nope" }, ann);
    await call(server, era, "tools/list", {}, ann);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      method: "tools/call",
      target: "echo",
      userId: "ann",
      clientId: "cli-1",
      outcome: "ok",
      durationMs: 7,
      arguments: { text: "[redacted]" },
      era: era === "2026" ? "2026-07-28" : "2025-11-25-family",
    });
    expect(records[0]?.time).toBe("2026-01-02T03:04:05.007Z");
    expect(JSON.stringify(records)).not.toContain("hunter2");
    expect(records[1]).toMatchObject({ target: "broken", outcome: "tool_error" });
    expect(records[2]).toMatchObject({ method: "resources/read", target: "test://nope", outcome: "error", errorCode: era === "2026" ? -32602 : -32002 });
  });

  it("records refused access attempts when installed outside the limiter", async () => {
    const records: AuditRecord[] = [];
    const server = demoServer().use(audit({ sink: (record) => void records.push(record) })).use(rateLimit({ tools: { write: { requests: 1, window_seconds: 60 } } }));
    await call(server, era, "tools/call", { name: "write" }, ann);
    await call(server, era, "tools/call", { name: "write" }, ann);
    expect(records.map((record) => [record.outcome, record.errorCode])).toEqual([["ok", undefined], ["error", -32005]]);
  });
});

describe("audit()", () => {
  it("writes JSON lines to the log function by default", async () => {
    const lines: string[] = [];
    const server = demoServer().use(audit({ log: (line) => lines.push(line), methods: ["*"] }));
    await call(server, "2025", "tools/list");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ audit: { method: "tools/list", outcome: "ok" } });
  });

  it("keeps or transforms arguments when asked", async () => {
    const records: AuditRecord[] = [];
    const keep = demoServer().use(audit({ sink: (record) => void records.push(record), redact: false }));
    await call(keep, "2025", "tools/call", { name: "echo", arguments: { text: "visible" } });
    const own = demoServer().use(audit({ sink: (record) => void records.push(record), redact: (args) => ({ length: JSON.stringify(args).length }) }));
    await call(own, "2025", "tools/call", { name: "echo", arguments: { text: "x" } });
    expect(records.map((record) => record.arguments)).toEqual([{ text: "visible" }, { length: 12 }]);
  });

  it("never fails the request when the sink throws or rejects", async () => {
    const throwing = demoServer().use(audit({ sink: () => { throw new Error("disk full"); } }));
    expect((await call(throwing, "2025", "tools/call", { name: "write" })).result).toBeDefined();
    const rejecting = demoServer().use(audit({ sink: () => Promise.reject(new Error("network")) }));
    expect((await call(rejecting, "2026", "tools/call", { name: "write" })).result).toBeDefined();
  });
});
