/**
 * Hardening: unauthenticated dynamic client registration must not let one caller fill the
 * store: body size, per-address rate, a bound on never-used clients, a short unused lifetime.
 */
import { describe, expect, it } from "vitest";
import type { AuthorizationServer } from "../../src/index.js";
import { ISSUER, obtainTokens, REDIRECT, testServer } from "../oauth-helpers.js";

async function registerFrom(as: AuthorizationServer, address: string, metadata: Record<string, unknown> = {}): Promise<Response> {
  return await as.routes.request(
    `${ISSUER}/oauth/register`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_name: "Client", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none", ...metadata }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
}

describe("dynamic client registration limits", () => {
  it("refuses a registration body over 16 KiB with 413", async () => {
    const as = testServer();
    const response = await registerFrom(as, "203.0.113.1", { software_statement: "x".repeat(17 * 1024) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("rate-limits registrations per socket address with 429 and Retry-After, other addresses unaffected", async () => {
    const as = testServer({ registrationLimits: { perAddressLimit: 3 } });
    for (let index = 0; index < 3; index++) expect((await registerFrom(as, "198.51.100.7")).status).toBe(201);
    const limited = await registerFrom(as, "198.51.100.7");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: string }).error).toBe("temporarily_unavailable");
    expect((await registerFrom(as, "198.51.100.8")).status).toBe(201);
  });

  it("uses a configured clientAddress function (e.g. behind a trusted proxy)", async () => {
    const as = testServer({ registrationLimits: { perAddressLimit: 1 }, clientAddress: (request) => request.headers.get("x-test-client") ?? undefined });
    const send = (client: string) =>
      as.routes.request(`${ISSUER}/oauth/register`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-test-client": client },
        body: JSON.stringify({ redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }),
      });
    expect((await send("a")).status).toBe(201);
    expect((await send("a")).status).toBe(429);
    expect((await send("b")).status).toBe(201);
  });

  it("keeps at most maxUnusedClients never-used clients, evicting the oldest never-used first", async () => {
    const as = testServer({ registrationLimits: { maxUnusedClients: 3, perAddressLimit: 100 } });
    const first = (await (await registerFrom(as, "192.0.2.1")).json()) as { client_id: string };
    // A used client is not counted and never evicted by the flood.
    const usedId = ((await (await registerFrom(as, "192.0.2.1")).json()) as { client_id: string }).client_id;
    await obtainTokens(as, usedId);
    const later: string[] = [];
    for (let index = 0; index < 4; index++) later.push(((await (await registerFrom(as, "192.0.2.1")).json()) as { client_id: string }).client_id);
    expect(await as.store.get(`client:${first.client_id}`)).toBeUndefined();
    expect(await as.store.get(`client:${later[0]}`)).toBeUndefined();
    expect(await as.store.get(`client:${later[3]}`)).toBeDefined();
    expect(await as.store.get(`client:${usedId}`)).toMatchObject({ used: true });
  });

  it("expires never-used clients after unusedClientTtlSeconds, while a used client lives on", async () => {
    const as = testServer({ registrationLimits: { unusedClientTtlSeconds: 1 } });
    const idle = ((await (await registerFrom(as, "192.0.2.2")).json()) as { client_id: string }).client_id;
    const active = ((await (await registerFrom(as, "192.0.2.2")).json()) as { client_id: string }).client_id;
    await obtainTokens(as, active);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await as.store.get(`client:${idle}`)).toBeUndefined();
    expect(await as.store.get(`client:${active}`)).toBeDefined();
  });

  it("does not echo internal bookkeeping (used, secret hash) in the registration response", async () => {
    const as = testServer();
    const body = (await (await registerFrom(as, "192.0.2.3", { token_endpoint_auth_method: "client_secret_basic" })).json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("used");
    expect(body).not.toHaveProperty("client_secret_hash");
    expect(typeof body["client_secret"]).toBe("string");
  });
});
