#!/usr/bin/env node
// Runs the official MCP conformance suite's `authorization` command (0.2.0-alpha.12) against
// our authorization server: start the AS on a free loopback port, register a public client
// whose redirect URI is the suite's callback, run the suite, and act as the user: open the
// printed authorization URL, approve the consent form (cookie + CSRF token), deliver the
// redirect to the suite's callback server. Exit code = the suite's exit code.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createAuthorizationServer } from "../dist/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const pick = (...candidates) => candidates.find((candidate) => existsSync(candidate));
const suite = pick(
  process.env.CONFORMANCE_NEXT_BIN ?? "",
  resolve(repo, "apps/conformance/node_modules/conformance-next/dist/index.js"),
  "/tmp/scratch/c2a/node_modules/@modelcontextprotocol/conformance/dist/index.js",
);
const node22 = pick(
  process.env.NODE22_BIN ?? "",
  resolve(repo, "apps/conformance/node_modules/node/bin/node"),
  "/tmp/scratch/c16/node_modules/node/bin/node",
);
if (!suite || !node22) {
  console.error("conformance suite 0.2.0-alpha.12 or Node 22 not found; run pnpm install (apps/conformance) first");
  process.exit(2);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const asPort = await freePort();
const callbackPort = await freePort();
const issuer = `http://127.0.0.1:${asPort}`;
const resource = `http://127.0.0.1:${asPort}/mcp`;
const authorizationServer = createAuthorizationServer({
  issuer,
  resources: [resource],
  scopesSupported: ["mcp"],
  serverName: "chuk-mcp conformance",
  authenticateUser: () => ({ subject: "conformance-user" }),
});
const httpServer = serve({ fetch: authorizationServer.routes.fetch, port: asPort, hostname: "127.0.0.1" });
await new Promise((ready) => httpServer.once("listening", ready));

const registration = await fetch(`${issuer}/oauth/register`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    client_name: "MCP conformance suite",
    redirect_uris: [`http://127.0.0.1:${callbackPort}/callback`],
    token_endpoint_auth_method: "none",
    application_type: "native",
  }),
});
if (registration.status !== 201) {
  console.error("client registration failed:", registration.status, await registration.text());
  process.exit(1);
}
const { client_id: clientId } = await registration.json();

/** Plays the user: authorize -> consent page -> approve -> follow the redirect to the suite's callback. */
async function actAsUser(authorizationUrl) {
  const page = await fetch(authorizationUrl, { redirect: "manual" });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${html.slice(0, 300)}`);
  const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0];
  const field = (name) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const approve = await fetch(new URL(action, issuer), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ request_id: field("request_id"), csrf_token: field("csrf_token"), decision: "approve" }),
  });
  const location = approve.headers.get("location");
  if (approve.status !== 302 || !location) throw new Error(`consent answered ${approve.status}`);
  const delivered = await fetch(location);
  await delivered.text();
}

const child = spawn(
  node22,
  [suite, "authorization", "--url", issuer, "--client-id", clientId, "--resource", resource, "--port", String(callbackPort)],
  { stdio: ["ignore", "pipe", "inherit"] },
);
let buffered = "";
let driven = false;
child.stdout.on("data", (chunk) => {
  const text = chunk.toString();
  process.stdout.write(text);
  buffered += text;
  const match = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)/.exec(buffered);
  if (match && !driven && buffered.includes("Waiting up to")) {
    driven = true;
    actAsUser(match[1]).catch((error) => {
      console.error("driving the consent page failed:", error);
    });
  }
});
const timer = setTimeout(() => {
  console.error("conformance run timed out after 120 s");
  child.kill("SIGKILL");
}, 120_000);
const code = await new Promise((done) => child.on("close", (exitCode) => done(exitCode ?? 1)));
clearTimeout(timer);
httpServer.close();
await authorizationServer.store.close();
process.exit(code);
