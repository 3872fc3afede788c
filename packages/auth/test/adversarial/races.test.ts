/**
 * Defect 4: single use must hold under races on every store. Parallel exchanges of one code
 * and parallel refreshes of one refresh token, on memory and on a real Redis shared by two
 * authorization-server instances (the way two replicas would share it).
 */
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createAuthStore, createResourceServer, type AuthorizationServer, type AuthStore } from "../../src/index.js";
import { randomToken } from "../../src/crypto.js";
import { authorize, consent, obtainCode, obtainTokens, pkcePair, register, REDIRECT, RESOURCE, testServer, tokenRequest } from "../oauth-helpers.js";

const REDIS_URL = "redis://127.0.0.1:6379/0";
const PREFIX = `test-sec-auth-races-${randomToken(6)}`;
const SIGNING_SECRET = randomToken(32);
const TTLS = { refreshToken: 300, clientRegistration: 300, externalToken: 300 };

interface Setup {
  name: string;
  /** Two instances over the same state (for memory: one instance twice). */
  servers(): Promise<[AuthorizationServer, AuthorizationServer]>;
}

let sharedSigningKey: Promise<import("jose").JWK> | undefined;
async function signingKey(): Promise<import("jose").JWK> {
  sharedSigningKey ??= (async () => {
    const { generateKeyPair, exportJWK } = await import("jose");
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    return { ...(await exportJWK(privateKey)), alg: "ES256", kid: "race-key" };
  })();
  return sharedSigningKey;
}

const stores: AuthStore[] = [];
const setups: Setup[] = [
  {
    name: "memory",
    async servers() {
      const as = testServer({ ttls: TTLS });
      return [as, as];
    },
  },
  {
    name: "redis (two instances)",
    async servers() {
      const key = await signingKey();
      const make = () => {
        const store = createAuthStore({ provider: "redis", redisUrl: REDIS_URL, prefix: PREFIX });
        stores.push(store);
        return testServer({ store, secret: SIGNING_SECRET, signingKey: key, ttls: TTLS });
      };
      return [make(), make()];
    },
  },
];

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function accessTokenWorks(as: AuthorizationServer, token: string): Promise<boolean> {
  const rs = createResourceServer(as.resourceServerOptions(RESOURCE));
  return (await rs.authenticate({ headers: { authorization: `Bearer ${token}` }, url: RESOURCE, method: "POST" })).ok;
}

for (const setup of setups) {
  describe(`defect 4 on the ${setup.name} store`, () => {
    it("defect 4: twenty parallel exchanges of one authorization code give exactly one token pair", async () => {
      const [first, second] = await setup.servers();
      const client = await register(first);
      const clientId = client["client_id"] as string;
      const { code, verifier } = await obtainCode(first, clientId);
      const body = { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: clientId, resource: RESOURCE };
      const results = await Promise.all(Array.from({ length: 20 }, (_, index) => tokenRequest(index % 2 === 0 ? first : second, body)));
      const winners = results.filter((result) => result.status === 200);
      expect(winners).toHaveLength(1);
      for (const loser of results.filter((result) => result.status !== 200)) {
        expect(loser.status).toBe(400);
        expect(loser.body["error"]).toBe("invalid_grant");
      }
      // The replays revoke what the one exchange produced (OAuth 2.1 §4.1.3).
      const winner = winners[0]!.body;
      expect(await accessTokenWorks(first, winner["access_token"] as string)).toBe(false);
      const refreshed = await tokenRequest(second, { grant_type: "refresh_token", refresh_token: winner["refresh_token"] as string, client_id: clientId });
      expect(refreshed.status).toBe(400);
    });

    it("defect 4: twenty parallel refreshes of one refresh token succeed once and revoke the chain", async () => {
      const [first, second] = await setup.servers();
      const client = await register(first);
      const clientId = client["client_id"] as string;
      const tokens = await obtainTokens(first, clientId);
      const refreshToken = tokens["refresh_token"] as string;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          tokenRequest(index % 2 === 0 ? first : second, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId }),
        ),
      );
      const winners = results.filter((result) => result.status === 200);
      expect(winners).toHaveLength(1);
      expect(results.filter((result) => result.status === 400 && result.body["error"] === "invalid_grant")).toHaveLength(19);
      // The concurrent reuse is reuse: the rotated chain does not continue.
      const next = winners[0]!.body;
      const onward = await tokenRequest(first, { grant_type: "refresh_token", refresh_token: next["refresh_token"] as string, client_id: clientId });
      expect(onward.status).toBe(400);
      expect(await accessTokenWorks(second, next["access_token"] as string)).toBe(false);
      expect(await accessTokenWorks(second, tokens["access_token"] as string)).toBe(false);
    });

    it("defect 4: a rotated refresh token used again later revokes the whole family", async () => {
      const [first, second] = await setup.servers();
      const client = await register(first);
      const clientId = client["client_id"] as string;
      const tokens = await obtainTokens(first, clientId);
      const rotated = await tokenRequest(first, { grant_type: "refresh_token", refresh_token: tokens["refresh_token"] as string, client_id: clientId });
      expect(rotated.status).toBe(200);
      expect(await accessTokenWorks(second, rotated.body["access_token"] as string)).toBe(true);
      const replay = await tokenRequest(second, { grant_type: "refresh_token", refresh_token: tokens["refresh_token"] as string, client_id: clientId });
      expect(replay.status).toBe(400);
      expect(String(replay.body["error_description"])).toMatch(/already used/);
      expect(await accessTokenWorks(first, rotated.body["access_token"] as string)).toBe(false);
      const continued = await tokenRequest(first, { grant_type: "refresh_token", refresh_token: rotated.body["refresh_token"] as string, client_id: clientId });
      expect(continued.status).toBe(400);
    });

    it("defect 4: ten parallel posts of one consent form issue exactly one code", async () => {
      const [first, second] = await setup.servers();
      const clientId = (await register(first))["client_id"] as string;
      const form = await authorize(first, { response_type: "code", client_id: clientId, redirect_uri: REDIRECT, code_challenge: pkcePair().challenge, code_challenge_method: "S256", resource: RESOURCE });
      expect(form.status).toBe(200);
      const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => consent(index % 2 === 0 ? first : second, form)));
      const withCode = answers.filter((answer) => answer.status === 302 && new URL(answer.headers.get("location")!).searchParams.has("code"));
      expect(withCode).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 400)).toHaveLength(9);
    });

    it("a single sequential refresh chain keeps working (rotation is not reuse)", async () => {
      const [first, second] = await setup.servers();
      const clientId = (await register(first))["client_id"] as string;
      let refreshToken = (await obtainTokens(first, clientId))["refresh_token"] as string;
      for (let step = 0; step < 4; step++) {
        const result = await tokenRequest(step % 2 === 0 ? second : first, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId });
        expect(result.status).toBe(200);
        refreshToken = result.body["refresh_token"] as string;
      }
    });
  });
}
