/**
 * Regression: "any unauthenticated client can evict other clients' idle sessions by opening
 * maxSessions new ones". Each client (subject when authenticated, else address; IPv6 by /64)
 * has its own quota; a full process evicts from the largest holder; memory stays bounded.
 */
import { describe, expect, it } from "vitest";
import { createMcpHandler } from "../../src/index.js";
import { TRANSPORT } from "../../src/handler.js";
import { bearer, callTool, initialize, post, probeServer, type Caller } from "./helpers.js";
import { INIT_BODY } from "../fixtures.js";

const victim: Caller = { address: "198.51.100.7" };
const attacker: Caller = { address: "203.0.113.9" };

async function status(handler: ReturnType<typeof createMcpHandler>, caller: Caller, sessionId: string): Promise<number> {
  const response = await callTool(handler, caller, sessionId, "whoami");
  await response.text();
  return response.status;
}

describe("per-client session quotas (regression: one client can evict everyone's idle sessions)", () => {
  it("makes a client over its quota give up only its own oldest idle session", async () => {
    const handler = createMcpHandler(probeServer().server, { maxSessionsPerClient: 3 });
    const kept = await initialize(handler, victim);
    const flood: string[] = [];
    for (let index = 0; index < 20; index++) flood.push(await initialize(handler, attacker));
    expect(handler[TRANSPORT].registry?.sessionsOf("address:ip4:203.0.113.9")).toBe(3);
    expect(await status(handler, victim, kept)).toBe(200);
    expect(await status(handler, attacker, flood[0] as string)).toBe(404);
    expect(await status(handler, attacker, flood[19] as string)).toBe(200);
    await handler.close();
  });

  it("answers 429 with a JSON-RPC error once all of a client's sessions are busy", async () => {
    const probe = probeServer();
    const handler = createMcpHandler(probe.server, { maxSessionsPerClient: 2 });
    const busy = [await initialize(handler, attacker), await initialize(handler, attacker)];
    const held = busy.map((id, index) => callTool(handler, attacker, id, "hold", 10 + index));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await post(handler, attacker, INIT_BODY);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toMatchObject({ jsonrpc: "2.0", id: 0, error: { code: -32000, message: expect.stringContaining("busy sessions") } });
    // Another client is not affected.
    expect((await post(handler, victim, INIT_BODY)).status).toBe(200);
    probe.release();
    for (const response of await Promise.all(held)) expect(response.status).toBe(200);
    await handler.close();
  });

  it("evicts from the client holding the most sessions when the process is full, not the victim's single session", async () => {
    const handler = createMcpHandler(probeServer().server, { maxSessions: 6, maxSessionsPerClient: 100 });
    const kept = await initialize(handler, victim);
    for (let index = 0; index < 30; index++) {
      await initialize(handler, { address: `203.0.113.${index % 3}` });
    }
    expect(handler[TRANSPORT].registry?.size).toBe(6);
    expect(await status(handler, victim, kept)).toBe(200);
    await handler.close();
  });

  it("counts an IPv6 client by its /64, so rotating addresses inside it does not escape the quota", async () => {
    const handler = createMcpHandler(probeServer().server, { maxSessionsPerClient: 2 });
    for (let index = 1; index <= 10; index++) await initialize(handler, { address: `2001:db8:1:2::${index.toString(16)}` });
    expect(handler[TRANSPORT].registry?.sessionsOf("address:ip6:20010db800010002/64")).toBe(2);
    await handler.close();
  });

  it("counts authenticated clients by subject, whatever address they come from", async () => {
    const handler = createMcpHandler(probeServer().server, { authenticate: bearer, maxSessionsPerClient: 2 });
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push(await initialize(handler, { token: "mallory", address: `192.0.2.${index}` }));
    const alice = await initialize(handler, { token: "alice", address: "192.0.2.1" });
    expect(await status(handler, { token: "alice" }, alice)).toBe(200);
    expect(await status(handler, { token: "mallory" }, ids[4] as string)).toBe(200);
    expect(await status(handler, { token: "mallory" }, ids[0] as string)).toBe(404);
    await handler.close();
  });

  it("does not let an untrusted peer pick its quota bucket with X-Forwarded-For", async () => {
    const handler = createMcpHandler(probeServer().server, { maxSessionsPerClient: 2 });
    for (let index = 0; index < 6; index++) {
      await initialize(handler, { address: "203.0.113.50", headers: { "x-forwarded-for": `10.9.9.${index}` } });
    }
    expect(handler[TRANSPORT].registry?.sessionsOf("address:ip4:203.0.113.50")).toBe(2);
    await handler.close();

    const proxied = createMcpHandler(probeServer().server, { maxSessionsPerClient: 2, trustProxy: ["10.0.0.0/8"] });
    for (let index = 0; index < 3; index++) {
      await initialize(proxied, { address: "10.0.0.2", headers: { "x-forwarded-for": `198.51.100.${index}, 10.0.0.3` } });
    }
    for (let index = 0; index < 3; index++) expect(proxied[TRANSPORT].registry?.sessionsOf(`address:ip4:198.51.100.${index}`)).toBe(1);
    await proxied.close();
  });

  it("stays bounded in memory under a flood of sessions from many clients", async () => {
    const handler = createMcpHandler(probeServer().server, { maxSessions: 50, maxSessionsPerClient: 5 });
    for (let index = 0; index < 400; index++) {
      const response = await post(handler, { address: `192.0.2.${index % 97}` }, INIT_BODY);
      await response.text();
      expect(response.status).toBe(200);
    }
    const transport = handler[TRANSPORT];
    expect(transport.registry?.size).toBeLessThanOrEqual(50);
    expect((transport.options.sessionStore as { size?: number }).size).toBeLessThanOrEqual(50);
    await handler.close();
  });

  it("refuses a maxSessionsPerClient below 1 at construction with a message naming the option", () => {
    expect(() => createMcpHandler(probeServer().server, { maxSessionsPerClient: 0 })).toThrow(/maxSessionsPerClient must be at least 1/);
  });
});
