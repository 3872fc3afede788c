#!/usr/bin/env node
/**
 * Instructions per HTTP request on the server side: each server (servers/*.mjs) runs alone under
 * callgrind (`valgrind --tool=callgrind --trace-children=no node --single-threaded`, so V8 compiles
 * and collects on the measured thread), this process is the keep-alive client (not counted). After
 * the warm-up the client signals the server (SIGUSR2; scripts/callgrind-marker.mjs, preloaded, calls
 * the `os.loadavg()` callgrind dumps its counts at), sends N measured tools/call requests, and
 * signals again: the second dump is those N requests alone, without start-up, warm-up or the 2025
 * handshake. Instruction counts do not depend on the machine's load, so this runs where req/s
 * cannot be measured; at saturation, ours/bare instructions ≈ bare/ours req/s.
 *
 *   node scripts/http-callgrind.mjs [--requests N=3000] [--warmup W=5000] [--concurrency C=10]
 *                                   [--before <benchmarks dir of another checkout>] [--only a,b] [--check]
 *                                   [--keep <dir>]
 *
 * --keep writes each target's measured dump to <dir>/<target>.callgrind (for callgrind_annotate).
 *
 * --check runs every target once without valgrind (a quick proof that each server answers).
 *
 * Targets: `bare` (node:http, fixed reply), `hono` (@hono/node-server, fixed reply),
 * `ours-2025` and `ours-2026` (servers/chuk.mjs: `serve()` from @chuk-mcp/http/node, JSON
 * responses); with --before, `before-2025` and `before-2026` run that checkout's servers/chuk.mjs.
 * The fixed-reply servers get the 2025 tools/call request.
 */
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildLoadRequest, ERA_2025, ERA_2026, VERSION_2025 } from "../src/mcp-requests.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const servers = path.join(here, "..", "servers");

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    warmup: { type: "string", default: "5000" },
    concurrency: { type: "string", default: "10" },
    before: { type: "string" },
    only: { type: "string" },
    check: { type: "boolean", default: false },
    keep: { type: "string" },
  },
});
const requests = positive("requests", values.requests);
const warmup = positive("warmup", values.warmup);
const concurrency = positive("concurrency", values.concurrency);

/** @param {string} name @param {string | undefined} text */
function positive(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer (got ${text})`);
    process.exit(2);
  }
  return value;
}

/** @typedef {{ name: string, script: string, era: string, mcp: boolean }} Target */
/** @type {Target[]} */
let targets = [
  { name: "bare", script: path.join(servers, "node-http.mjs"), era: ERA_2025, mcp: false },
  { name: "hono", script: path.join(servers, "hono.mjs"), era: ERA_2025, mcp: false },
  { name: "ours-2025", script: path.join(servers, "chuk.mjs"), era: ERA_2025, mcp: true },
  { name: "ours-2026", script: path.join(servers, "chuk.mjs"), era: ERA_2026, mcp: true },
];
if (values.before !== undefined) {
  const script = path.resolve(values.before, "servers", "chuk.mjs");
  targets.push({ name: "before-2025", script, era: ERA_2025, mcp: true }, { name: "before-2026", script, era: ERA_2026, mcp: true });
}
if (values.only !== undefined) {
  const wanted = new Set(values.only.split(","));
  targets = targets.filter((target) => wanted.has(target.name));
  if (targets.length === 0) {
    console.error(`--only matched no target (have bare, hono, ours-2025, ours-2026${values.before ? ", before-2025, before-2026" : ""})`);
    process.exit(2);
  }
}

/**
 * A keep-alive HTTP/1.1 client on one raw socket: one request at a time, the reply read by its
 * Content-Length (or to the end of a chunked body). Raw so that nothing pools, retries or
 * closes connections behind the measurement's back.
 */
class Connection {
  /** @param {import("node:net").Socket} socket @param {number} port */
  constructor(socket, port) {
    this.socket = socket;
    this.port = port;
    this.buffer = "";
    /** @type {((reply: { status: number, headers: Record<string, string>, text: string }) => void) | undefined} */
    this.waiting = undefined;
    /** @type {((error: Error) => void) | undefined} */
    this.failed = undefined;
    this.attach(this);
  }

  /** Routes this socket's events to `owner` (itself, or the connection it reconnects). @param {Connection} owner */
  attach(owner) {
    const socket = this.socket;
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      owner.buffer += chunk;
      owner.drain();
    });
    const fail = (/** @type {Error} */ error) => {
      const failed = owner.failed;
      owner.failed = undefined;
      failed?.(error);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error(`the server closed the connection (unread: ${JSON.stringify(owner.buffer.slice(0, 300))})`)));
  }

  /** @param {number} port @returns {Promise<Connection>} */
  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => resolve(new Connection(socket, port)));
      socket.once("error", reject);
    });
  }

  drain() {
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end === -1 || this.waiting === undefined) return;
    const [statusLine = "", ...lines] = this.buffer.slice(0, end).split("\r\n");
    /** @type {Record<string, string>} */
    const headers = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const rest = this.buffer.slice(end + 4);
    let text;
    let used;
    if (headers["content-length"] !== undefined) {
      const length = Number(headers["content-length"]);
      if (Buffer.byteLength(rest) < length) return;
      text = Buffer.from(rest).subarray(0, length).toString("utf8");
      used = text.length;
    } else if (headers["transfer-encoding"] === "chunked") {
      const chunked = readChunked(rest);
      if (chunked === undefined) return;
      [text, used] = chunked;
    } else {
      text = "";
      used = 0;
    }
    this.buffer = rest.slice(used);
    const waiting = this.waiting;
    this.waiting = undefined;
    this.failed = undefined;
    waiting({ status: Number(statusLine.split(" ")[1]), headers, text });
  }

  /**
   * Sends one request. A server under callgrind on a loaded machine can stall past its
   * keep-alive timeout (5 s by default) and close the connection before reading the request;
   * then this reconnects and sends it again (counted in `reconnects`).
   * @param {Record<string, string>} headers @param {string} body
   * @returns {Promise<{ status: number, headers: Record<string, string>, text: string }>}
   */
  async post(headers, body) {
    let head = `POST /mcp HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    for (let attempt = 0; ; attempt++) {
      if (this.socket.destroyed) await this.reconnect();
      try {
        return await new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failed = reject;
          this.socket.write(`${head}\r\n${body}`);
          this.drain();
        });
      } catch (error) {
        if (attempt >= 3 || this.buffer !== "") throw error;
        this.socket.destroy();
      }
    }
  }

  async reconnect() {
    const fresh = await Connection.open(this.port);
    this.socket = fresh.socket;
    this.buffer = "";
    fresh.attach(this);
    reconnects++;
  }

  close() {
    this.failed = undefined;
    this.socket.destroy();
  }
}

/**
 * A complete chunked body at the start of `rest`: its text and how many characters it used, or
 * undefined while it is incomplete. ASCII bodies only (chunk sizes count bytes).
 * @param {string} rest @returns {[string, number] | undefined}
 */
function readChunked(rest) {
  let text = "";
  let at = 0;
  for (;;) {
    const line = rest.indexOf("\r\n", at);
    if (line === -1) return undefined;
    const size = Number.parseInt(rest.slice(at, line), 16);
    if (rest.length < line + 2 + size + 2) return undefined;
    if (size === 0) return [text, line + 4];
    text += rest.slice(line + 2, line + 2 + size);
    at = line + 2 + size + 2;
  }
}

/** How often a connection had to be reopened (printed with the results). */
let reconnects = 0;

/** The connections of the current measurement. @type {Connection[]} */
let connections = [];

/**
 * One POST on the first connection (the handshake); resolves to the status, headers and body.
 * @param {Record<string, string>} headers @param {string} body
 */
function post(headers, body) {
  return /** @type {Connection} */ (connections[0]).post(headers, body);
}

/** The 2025 handshake (ours only); returns the session to send with every request. */
async function openSession() {
  const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  const init = JSON.stringify({
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: { protocolVersion: VERSION_2025, capabilities: {}, clientInfo: { name: "http-callgrind", version: "1.0.0" } },
  });
  const opened = await post(headers, init);
  const sessionId = opened.headers["mcp-session-id"];
  if (opened.status !== 200 || typeof sessionId !== "string") throw new Error(`initialize failed: ${opened.status} ${opened.text}`);
  const initialized = JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" });
  const acknowledged = await post({ ...headers, "mcp-session-id": sessionId, "mcp-protocol-version": VERSION_2025 }, initialized);
  if (acknowledged.status !== 202) throw new Error(`notifications/initialized answered ${acknowledged.status} ${acknowledged.text}`);
  return { sessionId, protocolVersion: VERSION_2025 };
}

/**
 * Sends `count` tools/call requests over `concurrency` keep-alive connections and checks every reply.
 * @param {Target} target @param {{ sessionId: string, protocolVersion: string } | undefined} session @param {number} count
 */
async function load(target, session, count) {
  let next = 0;
  const worker = async (/** @type {Connection} */ connection) => {
    while (next < count) {
      const id = next++;
      const { headers, body } = buildLoadRequest({ era: target.era, method: "tools/call", session, id });
      const reply = await connection.post(headers, body);
      if (reply.status !== 200 || !reply.text.includes('"result"') || (target.mcp && !reply.text.includes('"text":"3"'))) {
        throw new Error(`${target.name}: request ${id} answered ${reply.status} ${reply.text.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(connections.map(worker));
}

/**
 * Starts the server under callgrind, warms it up, marks, sends `count` measured requests, marks
 * again and stops it; returns the instructions of the measured requests (the second dump).
 * @param {Target} target @param {number} count @returns {Promise<number>}
 */
async function measure(target, count) {
  const directory = await mkdtemp(path.join(tmpdir(), "http-callgrind-"));
  const output = path.join(directory, "callgrind.out");
  const node = ["node", "--single-threaded", "--import", path.join(here, "callgrind-marker.mjs"), target.script];
  const valgrind = ["valgrind", "--tool=callgrind", "--trace-children=no", "--dump-before=*GetLoadAvg*", `--callgrind-out-file=${output}`];
  // A kept dump names its functions in full: compressed names refer back to the first dump.
  if (values.keep !== undefined) valgrind.push("--compress-strings=no", "--compress-pos=no");
  const [command = "node", ...args] = values.check ? node : [...valgrind, ...node];
  const child = spawn(command, args, {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", BENCH_RESPONSE_MODE: "json" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  let stdout = "";
  /** @type {(() => void) | undefined} */
  let onOutput;
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    onOutput?.();
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  /** Resolves once stdout matches `pattern` for the `nth` time. @param {RegExp} pattern @param {number} nth */
  const waitFor = (pattern, nth) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const matches = [...stdout.matchAll(pattern)];
        if (matches.length >= nth) resolve(matches[nth - 1]);
      };
      onOutput = check;
      child.once("exit", (code) => reject(new Error(`${target.name} exited (${code}):\n${stderr.slice(-2000)}`)));
      check();
    });
  try {
    const ready = /** @type {RegExpMatchArray} */ (await waitFor(/READY (\d+)/g, 1));
    const port = Number(ready[1]);
    connections = await Promise.all(Array.from({ length: concurrency }, () => Connection.open(port)));
    const session = target.mcp && target.era === ERA_2025 ? await openSession() : undefined;
    await load(target, session, warmup);
    child.kill("SIGUSR2");
    await waitFor(/MARK/g, 1);
    await load(target, session, count);
    child.kill("SIGUSR2");
    await waitFor(/MARK/g, 2);
  } finally {
    for (const connection of connections) connection.close();
    child.kill("SIGTERM");
    await exited;
  }
  try {
    if (values.check) return 0;
    const measured = await readFile(`${output}.2`, "utf8");
    const totals = /^totals: (\d+)/m.exec(measured);
    if (!totals) throw new Error(`${target.name}: the measured dump has no totals:\n${stderr.slice(-2000)}`);
    if (values.keep !== undefined) await copyFile(`${output}.2`, path.join(values.keep, `${target.name}.callgrind`));
    return Number(totals[1]);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

console.log(`instructions per tools/call request (server process only), N=${requests}, warm-up ${warmup}, concurrency ${concurrency}`);
/** @type {Map<string, number>} */
const perRequest = new Map();
for (const target of targets) {
  const measured = await measure(target, requests);
  if (values.check) {
    console.log(`${target.name}: answered ${warmup + requests} requests`);
    continue;
  }
  const cost = Math.round(measured / requests);
  perRequest.set(target.name, cost);
  console.log(`${target.name}: ${cost}${reconnects > 0 ? ` (${reconnects} reconnects)` : ""}`);
  reconnects = 0;
}
const bare = perRequest.get("bare");
if (bare !== undefined) {
  console.log("\n| server | instructions/request | ÷ bare | predicted req/s vs bare |\n| --- | ---: | ---: | ---: |");
  for (const [name, cost] of perRequest) console.log(`| ${name} | ${cost} | ${(cost / bare).toFixed(2)} | ${(bare / cost).toFixed(2)}× |`);
}
