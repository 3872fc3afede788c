#!/usr/bin/env node
/**
 * The body that scripts/tricks-callgrind.sh runs under callgrind: a tools/call workload on one
 * build of @chuk-mcp/core + @chuk-mcp/stdio, cut into phases by calls to `os.loadavg()`
 * (callgrind's `--dump-before=*GetLoadAvg*` writes the instructions of each phase to a file of
 * its own), so start-up is cancelled out without running the process twice.
 *
 *   node scripts/tricks-calls.mjs <stdio|engine> <build> <sequential> <messages> [young-cap-mb|off]
 *
 * `build` is `after` (the workspace packages) or the name of a copy of both dist directories
 * in packages/core/.ab/<build> and packages/stdio/.ab/<build> (see tricks-callgrind.sh).
 *
 * - `stdio`: serveStdio in process, on PassThrough streams (no pipe, no child): `sequential`
 *   one-at-a-time requests, | a first pipelined flood of `messages` lines, written in 64 KiB
 *   chunks as a pipe delivers them, | a second such flood, | (end). The young-generation cap is
 *   off unless given.
 * - `engine`: `sequential` warm-up calls, | `messages` calls, | (end); calls alternate
 *   `server.handleText` and `server.dispatchAnswer` (the HTTP transport's entry), each awaited.
 *
 * At the end it prints the young generation's size and the RSS to stderr.
 */
import { execFile } from "node:child_process";
import { loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";

const [path = "stdio", build = "after", sequentialText = "2000", messagesText = "20000", capText = "off"] = process.argv.slice(2);
const sequential = Number(sequentialText);
const messages = Number(messagesText);
const packages = resolve(dirname(fileURLToPath(import.meta.url)), "../../packages");
/** @param {string} name */
const load = (name) =>
  build === "after" ? import(`@chuk-mcp/${name}`) : import(pathToFileURL(resolve(packages, name, ".ab", build, "index.js")).href);
const core = await load("core");

const server = new core.McpServer({ name: "bench", version: "1.0.0" });
server.tool({
  name: "add",
  input: core.Type.Object({ a: core.Type.Number(), b: core.Type.Number() }),
  handler: async (/** @type {{ a: number, b: number }} */ { a, b }) => String(a + b),
});
/** @param {number} id */
const callLine = (id) => `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}}`;
/** Ends a phase (see the module comment). */
const mark = () => loadavg();
/**
 * With CALLGRIND_INSTR_ON=1 (callgrind started with --instr-atstart=no) turns instrumentation on
 * before the first measured phase: start-up then runs several times faster under valgrind.
 */
const instrumentOn = () =>
  process.env.CALLGRIND_INSTR_ON === "1"
    ? new Promise((done, fail) => execFile("callgrind_control", ["-i", "on", String(process.pid)], (error) => (error ? fail(error) : done(undefined))))
    : undefined;

if (path === "engine") {
  const texts = Array.from({ length: sequential + messages }, (_, index) => callLine(index));
  for (let index = 0; index < sequential + messages; index += 1) {
    if (index === sequential) {
      await instrumentOn();
      mark();
    }
    const text = /** @type {string} */ (texts[index]);
    const reply = index % 2 === 0 ? await server.handleText(text) : (await server.dispatchAnswer(text))?.text;
    if (!reply?.includes('"text":"3"')) throw new Error(`unexpected reply ${reply}`);
  }
  mark();
} else if (path === "stdio") {
  const { serveStdio } = await load("stdio");
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stderr.resume();
  const stdio = serveStdio(server, {
    stdin,
    stdout,
    stderr,
    handleSignals: false,
    redirectConsole: false,
    youngGenerationCapMb: capText === "off" ? false : Number(capText),
  });
  let replies = 0;
  /** @type {(() => void) | undefined} */
  let onReply;
  stdout.setEncoding("utf8");
  stdout.on("data", (/** @type {string} */ chunk) => {
    for (let at = chunk.indexOf("\n"); at !== -1; at = chunk.indexOf("\n", at + 1)) replies += 1;
    onReply?.();
  });
  /** @param {number} target */
  const until = (target) =>
    new Promise((done) => {
      onReply = () => {
        if (replies < target) return;
        onReply = undefined;
        done(undefined);
      };
      onReply();
    });
  stdin.write(
    '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"ab","version":"1"}}}\n',
  );
  await until(1);
  stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
  for (let index = 1; index <= sequential; index += 1) {
    stdin.write(`${callLine(-index)}\n`);
    await until(1 + index);
  }
  const CHUNK = 64 * 1024;
  /** @param {number} first */
  const floodChunks = (first) => {
    let text = "";
    for (let id = first; id < first + messages; id += 1) text += `${callLine(id)}\n`;
    /** @type {string[]} */
    const chunks = [];
    for (let at = 0; at < text.length; at += CHUNK) chunks.push(text.slice(at, at + CHUNK));
    return chunks;
  };
  const floods = [floodChunks(1), floodChunks(1 + messages)];
  let expected = 1 + sequential;
  await instrumentOn();
  for (const chunks of floods) {
    mark();
    for (const chunk of chunks) {
      if (!stdin.write(chunk)) await new Promise((drained) => stdin.once("drain", drained));
    }
    expected += messages;
    await until(expected);
  }
  mark();
  process.stderr.write(`young_cap=${stdio.youngGeneration} `);
  stdin.end();
  await stdio.closed;
} else {
  throw new Error(`path must be stdio or engine, not "${path}"`);
}
const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0;
process.stderr.write(`new_space=${(newSpace / 2 ** 20).toFixed(1)}MB rss=${(process.memoryUsage().rss / 2 ** 20).toFixed(1)}MB\n`);
