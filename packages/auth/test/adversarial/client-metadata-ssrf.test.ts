/**
 * Defects 2 and 3: client ID metadata documents are fetched on a client's behalf, so the
 * fetch is an SSRF vector. Real servers on 127.0.0.1, reached through names that resolve
 * to loopback (the system's `localhost` and an injected resolver), hostile bodies and hangs.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { createSecureContext } from "node:tls";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthorizationServerOptions, HostResolver } from "../../src/index.js";
import { authorize, consent, pkcePair, REDIRECT, RESOURCE, testServer } from "../oauth-helpers.js";

type Route = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let port = 0;
const requests = new Map<string, number>();
const hosts: string[] = [];
let bytesWrittenByHuge = 0;
const routes = new Map<string, Route>();

function documentFor(request: IncomingMessage): string {
  return JSON.stringify({
    client_id: `http://${request.headers.host}${request.url}`,
    client_name: "Pinned client",
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: "none",
  });
}

routes.set("/good.json", (request, response) => {
  response.setHeader("content-type", "application/json");
  response.end(documentFor(request));
});
routes.set("/missing.json", (_request, response) => {
  response.statusCode = 404;
  response.end("{}");
});
routes.set("/garbage.json", (_request, response) => response.end("{not json"));
routes.set("/huge.json", (_request, response) => {
  // 100 MB in 64 KiB chunks, written as fast as the socket takes them.
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  response.setHeader("content-type", "application/json");
  const write = (): void => {
    while (bytesWrittenByHuge < 100 * 1024 * 1024) {
      if (response.destroyed) return;
      bytesWrittenByHuge += chunk.byteLength;
      if (!response.write(chunk)) return void response.once("drain", write);
    }
    response.end();
  };
  response.on("error", () => undefined);
  write();
});
routes.set("/declared-huge.json", (_request, response) => {
  response.setHeader("content-length", String(100 * 1024 * 1024));
  response.write("{");
});
routes.set("/never-ends.json", (_request, response) => {
  response.write('{"client_id":');
  const timer = setInterval(() => (response.destroyed ? clearInterval(timer) : response.write(" ")), 20);
  response.on("close", () => clearInterval(timer));
});
routes.set("/hangs.json", () => undefined);
routes.set("/redirect.json", (_request, response) => {
  response.statusCode = 302;
  response.setHeader("location", "http://169.254.169.254/latest/meta-data");
  response.end();
});

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    requests.set(path, (requests.get(path) ?? 0) + 1);
    hosts.push(String(request.headers.host));
    (routes.get(path) ?? routes.get("/missing.json")!)(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A resolver that maps public-looking names to loopback, the way a hostile DNS zone would. */
const hostileResolver = (answers: Record<string, string[]>): HostResolver & { calls: number } => {
  const resolver = {
    calls: 0,
    async resolve(hostname: string) {
      resolver.calls++;
      const table = new Map(Object.entries(answers));
      const found = table.get(hostname);
      if (!found) throw new Error(`ENOTFOUND ${hostname}`);
      return found;
    },
  };
  return resolver;
};

function server_(metadataDocuments: NonNullable<AuthorizationServerOptions["metadataDocuments"]>) {
  return testServer({ allowInsecureMetadataDocuments: true, metadataDocuments: { failureDelayMs: 0, ...metadataDocuments } });
}

async function tryClient(as: ReturnType<typeof testServer>, clientId: string) {
  return authorize(as, {
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: pkcePair().challenge,
    code_challenge_method: "S256",
    resource: RESOURCE,
  });
}

describe("defect 2: metadata documents behind names that resolve to internal addresses", () => {
  it("defect 2: refuses a public-looking name that resolves to 127.0.0.1, and never connects", async () => {
    const resolver = hostileResolver({ "cimd.attacker.test": ["127.0.0.1"] });
    const before = requests.get("/good.json") ?? 0;
    const form = await tryClient(server_({ resolver }), `http://cimd.attacker.test:${port}/good.json`);
    expect(form.status).toBe(400);
    expect(form.location).toBeNull();
    expect(resolver.calls).toBe(1);
    expect(requests.get("/good.json") ?? 0).toBe(before);
  });

  it("defect 2: refuses when any one of several resolved addresses is internal", async () => {
    const resolver = hostileResolver({ "mixed.attacker.test": ["93.184.216.34", "::ffff:127.0.0.1"] });
    const form = await tryClient(server_({ resolver }), `http://mixed.attacker.test:${port}/good.json`);
    expect(form.status).toBe(400);
  });

  it.each(["localhost", "localhost.", "app.localhost", "127.1", "0x7f.0.0.1", "2130706433", "[::ffff:7f00:1]", "[::1]"])(
    "defect 2: refuses the loopback spelling %s before any lookup",
    async (host) => {
      const resolver = hostileResolver({});
      const form = await tryClient(server_({ resolver }), `http://${host}:${port}/good.json`);
      expect(form.status).toBe(400);
      expect(resolver.calls).toBe(0);
    },
  );

  it("defect 2: reaches the real server through `localhost` (system resolver) only with allowInternalHosts", async () => {
    const refused = await tryClient(server_({}), `http://localhost:${port}/good.json`);
    expect(refused.status).toBe(400);
    const allowed = await tryClient(server_({ allowInternalHosts: true }), `http://localhost:${port}/good.json`);
    expect(allowed.status).toBe(200);
    expect(allowed.html).toContain("Pinned client");
  });

  it("defect 2: pins the connection to the checked address and keeps the name in Host", async () => {
    // The name exists only in the injected resolver: a success proves the connection used its answer.
    const resolver = hostileResolver({ "pinned.example.test": ["127.0.0.1"] });
    const as = server_({ resolver, allowInternalHosts: true });
    const clientId = `http://pinned.example.test:${port}/good.json`;
    const form = await tryClient(as, clientId);
    expect(form.status).toBe(200);
    expect(hosts).toContain(`pinned.example.test:${port}`);
    expect((await consent(as, form)).status).toBe(302);
  });

  it("defect 2: a pinned https connection sends the name as SNI and still verifies the certificate", async () => {
    // Self-signed certificate for pinned.example.test (fixture): the handshake must carry the
    // name (SNI) although the socket goes to the checked address, and must fail verification.
    const names: string[] = [];
    const fixture = (name: string) => readFileSync(new URL(`../fixtures/pinned-example-test.${name}.pem`, import.meta.url));
    const context = createSecureContext({ cert: fixture("cert"), key: fixture("key") });
    const tls = createTlsServer(
      {
        cert: fixture("cert"),
        key: fixture("key"),
        SNICallback: (name, callback) => {
          names.push(name);
          callback(null, context);
        },
      },
      (_request, response) => response.end("{}"),
    );
    tls.on("tlsClientError", () => undefined);
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    const tlsPort = (tls.address() as AddressInfo).port;
    try {
      const resolver = hostileResolver({ "pinned.example.test": ["127.0.0.1"] });
      const as = testServer({ metadataDocuments: { resolver, allowInternalHosts: true, failureDelayMs: 0 } });
      const form = await tryClient(as, `https://pinned.example.test:${tlsPort}/client.json`);
      expect(form.status).toBe(400);
      expect(names).toEqual(["pinned.example.test"]);
    } finally {
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  it("defect 2: does not follow a redirect to an internal address", async () => {
    const form = await tryClient(server_({ allowInternalHosts: true }), `http://localhost:${port}/redirect.json`);
    expect(form.status).toBe(400);
  });

  it("defect 2: answers every failure with the same page after the same minimum delay", async () => {
    const resolver = hostileResolver({ "internal.attacker.test": ["10.0.0.5"] });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const strict = testServer({ allowInsecureMetadataDocuments: true, metadataDocuments: { failureDelayMs: 300, resolver } });
    const open = testServer({ allowInsecureMetadataDocuments: true, metadataDocuments: { failureDelayMs: 300, allowInternalHosts: true } });
    const cases: Array<[ReturnType<typeof testServer>, string]> = [
      [strict, `http://internal.attacker.test:${port}/good.json`],
      [strict, `http://127.0.0.1:${port}/good.json`],
      [open, `http://127.0.0.1:${closedPort}/good.json`],
      [open, `http://127.0.0.1:${port}/missing.json`],
      [open, `http://127.0.0.1:${port}/garbage.json`],
    ];
    const pages = new Set<string>();
    for (const [as, clientId] of cases) {
      const started = performance.now();
      const form = await tryClient(as, clientId);
      const elapsed = performance.now() - started;
      expect(form.status).toBe(400);
      expect(elapsed).toBeGreaterThanOrEqual(295);
      pages.add(form.html);
    }
    expect(pages.size).toBe(1);
  });
});

describe("defect 3: hostile metadata document servers", () => {
  it("defect 3: stops reading a 100 MB document after the 5 KiB cap, and memory stays bounded", async () => {
    bytesWrittenByHuge = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    const form = await tryClient(server_({ allowInternalHosts: true }), `http://127.0.0.1:${port}/huge.json`);
    expect(form.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The server could push only what the socket buffers took before the fetch hung up.
    expect(bytesWrittenByHuge).toBeLessThan(16 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });

  it("defect 3: refuses a document that declares a huge Content-Length without reading it", async () => {
    const form = await tryClient(server_({ allowInternalHosts: true }), `http://127.0.0.1:${port}/declared-huge.json`);
    expect(form.status).toBe(400);
  });

  it.each(["/never-ends.json", "/hangs.json"])("defect 3: gives up on %s at the timeout", async (path) => {
    const started = performance.now();
    const form = await tryClient(server_({ allowInternalHosts: true, timeoutMs: 300 }), `http://127.0.0.1:${port}${path}`);
    expect(form.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("defect 3: a second /authorize within the failure TTL does not fetch again", async () => {
    const as = server_({ allowInternalHosts: true, timeoutMs: 300 });
    for (const path of ["/hangs.json", "/missing.json", "/huge.json"]) {
      const before = requests.get(path) ?? 0;
      expect((await tryClient(as, `http://127.0.0.1:${port}${path}`)).status).toBe(400);
      expect((await tryClient(as, `http://127.0.0.1:${port}${path}`)).status).toBe(400);
      expect(requests.get(path)).toBe(before + 1);
    }
  });

  it("defect 3: concurrent /authorize requests for one document share one fetch", async () => {
    const as = server_({ allowInternalHosts: true });
    const path = "/good.json";
    const before = requests.get(path) ?? 0;
    const forms = await Promise.all(Array.from({ length: 10 }, () => tryClient(as, `http://127.0.0.1:${port}${path}`)));
    expect(forms.every((form) => form.status === 200)).toBe(true);
    expect(requests.get(path)).toBe(before + 1);
  });

  it("honours a configured smaller byte cap", async () => {
    const form = await tryClient(server_({ allowInternalHosts: true, maxBytes: 64 }), `http://127.0.0.1:${port}/good.json`);
    expect(form.status).toBe(400);
  });
});
