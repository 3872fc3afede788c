import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createAuthorizationServer } from "../src/index.js";
import { authorize, consent, ISSUER, pkcePair, REDIRECT, RESOURCE, testServer } from "./oauth-helpers.js";

describe("authorization server metadata", () => {
  it("serves RFC 8414 metadata and the OpenID discovery alias with matching issuer", async () => {
    const as = testServer();
    for (const path of ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"]) {
      const response = await as.routes.request(`${ISSUER}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = (await response.json()) as Record<string, unknown>;
      expect(body["issuer"]).toBe(ISSUER);
      expect(body["code_challenge_methods_supported"]).toEqual(["S256"]);
      expect(body["authorization_response_iss_parameter_supported"]).toBe(true);
      expect(body["client_id_metadata_document_supported"]).toBe(true);
    }
  });

  it("puts the issuer path after the well-known prefix", async () => {
    const as = createAuthorizationServer({ issuer: "https://auth.example.com/tenant", authenticateUser: () => undefined });
    const response = await as.routes.request("https://auth.example.com/.well-known/oauth-authorization-server/tenant");
    expect(((await response.json()) as { token_endpoint: string }).token_endpoint).toBe("https://auth.example.com/tenant/oauth/token");
  });

  it("refuses insecure or malformed issuers at construction", () => {
    expect(() => createAuthorizationServer({ issuer: "http://auth.example.com", authenticateUser: () => undefined })).toThrow(/https/);
    expect(() => createAuthorizationServer({ issuer: "https://auth.example.com/", authenticateUser: () => undefined })).toThrow(/trailing slash/);
    expect(() => createAuthorizationServer({ issuer: "https://auth.example.com" })).toThrow(/upstream/);
  });
});

describe("client ID metadata documents", () => {
  const documents = createServer((request, response) => {
    const clientId = `http://127.0.0.1:${(documents.address() as AddressInfo).port}${request.url}`;
    response.setHeader("content-type", "application/json");
    if (request.url === "/good.json") {
      response.end(JSON.stringify({ client_id: clientId, client_name: "Doc client <b>", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }));
    } else if (request.url === "/mismatch.json") {
      response.end(JSON.stringify({ client_id: "https://elsewhere.example/c.json", redirect_uris: [REDIRECT] }));
    } else {
      response.statusCode = 404;
      response.end("{}");
    }
  });
  const ready = new Promise<number>((resolve) => documents.listen(0, "127.0.0.1", () => resolve((documents.address() as AddressInfo).port)));
  afterAll(() => documents.close());

  it("fetches, validates and uses a metadata document as the client, escaping its name", async () => {
    const port = await ready;
    const as = testServer({ allowInsecureMetadataDocuments: true, metadataDocuments: { allowInternalHosts: true, failureDelayMs: 0 } });
    const form = await authorize(as, {
      response_type: "code",
      client_id: `http://127.0.0.1:${port}/good.json`,
      redirect_uri: REDIRECT,
      code_challenge: pkcePair().challenge,
      code_challenge_method: "S256",
      resource: RESOURCE,
    });
    expect(form.status).toBe(200);
    expect(form.html).toContain("Doc client &#60;b&#62;");
    expect(form.html).not.toContain("<b>");
    expect((await consent(as, form)).status).toBe(302);
  });

  it("refuses a document whose client_id does not match its URL, or that does not exist", async () => {
    const port = await ready;
    const as = testServer({ allowInsecureMetadataDocuments: true, metadataDocuments: { allowInternalHosts: true, failureDelayMs: 0 } });
    for (const path of ["/mismatch.json", "/missing.json"]) {
      const form = await authorize(as, { response_type: "code", client_id: `http://127.0.0.1:${port}${path}`, redirect_uri: REDIRECT, code_challenge: pkcePair().challenge, code_challenge_method: "S256" });
      expect(form.status).toBe(400);
      expect(form.location).toBeNull();
    }
  });

  it("never fetches metadata documents from internal hosts in production mode (SSRF)", async () => {
    const port = await ready;
    let fetched = 0;
    const as = testServer({ fetch: async (...args) => (fetched++, fetch(...args)) });
    for (const clientId of [`https://127.0.0.1:${port}/good.json`, "https://169.254.169.254/latest.json", "https://[::1]/c.json", `http://127.0.0.1:${port}/good.json`]) {
      const form = await authorize(as, { response_type: "code", client_id: clientId, redirect_uri: REDIRECT, code_challenge: pkcePair().challenge, code_challenge_method: "S256" });
      expect(form.status).toBe(400);
    }
    expect(fetched).toBe(0);
  });
});
