/**
 * Starts one benchmark server (servers/*.mjs) in its own child process, pinned to
 * the server core when taskset exists, and waits for its `READY <port>` line.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { SERVERS_DIR, processMemory } from "./machine.mjs";

const READY_LINE = /^READY (\d+)\s*$/m;
/** What the chuk-mcp example apps print to stderr once listening. */
export const LISTENING_LINE = /listening on http:\/\/127\.0\.0\.1:(\d+)\//;
const TAIL_BYTES = 4096;

/** @returns {Promise<number>} a port that was free a moment ago */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * @typedef {object} ServerHandle
 * @property {number} pid
 * @property {number} port
 * @property {string} url            the MCP endpoint (http://127.0.0.1:<port>/mcp), or "" for stdio
 * @property {import("node:child_process").ChildProcess} child
 * @property {number} readyMs        spawn → READY line
 * @property {() => { rssMb: number | undefined, peakRssMb: number | undefined }} memory
 * @property {() => string} output   last bytes of stderr + stdout, for error messages
 * @property {() => boolean} alive
 * @property {() => Promise<void>} stop
 */

/**
 * @param {{
 *   file: string,                      // file name in servers/, or an absolute path
 *   env?: Record<string, string>,
 *   pin?: { taskset?: string, serverCore?: number },
 *   nodeArgs?: string[],
 *   stdio?: boolean,                   // stdio server: no READY line, stdin/stdout are the transport
 *   needsPort?: boolean,               // pass an explicit free PORT
 *   readyOnStderr?: RegExp,            // also accept this line on stderr as "ready" (group 1 = port)
 *   startTimeoutMs?: number,
 *   onOutput?: (text: string) => void, // every chunk of the server's stdout and stderr (e.g. --trace-gc-nvp lines)
 * }} options
 * @returns {Promise<ServerHandle>}
 */
export async function startServer(options) {
  const script = path.isAbsolute(options.file) ? options.file : path.join(SERVERS_DIR, options.file);
  const port = options.needsPort ? await findFreePort() : 0;
  const nodeArgs = [...(options.nodeArgs ?? []), script];
  const pinned = options.pin?.taskset !== undefined && options.pin.serverCore !== undefined;
  const command = pinned ? /** @type {string} */ (options.pin?.taskset) : process.execPath;
  const args = pinned ? ["-c", String(options.pin?.serverCore), process.execPath, ...nodeArgs] : nodeArgs;
  const startedAt = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let tail = "";
  const remember = (/** @type {Buffer} */ chunk) => {
    const text = chunk.toString("utf8");
    tail = (tail + text).slice(-TAIL_BYTES);
    options.onOutput?.(text);
  };
  child.stderr?.on("data", remember);
  let exited = false;
  /** @type {Promise<void>} */
  const exit = new Promise((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
  });

  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exit;
    clearTimeout(timer);
  };

  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not spawn ${options.file}: ${tail}`);

  /** @type {ServerHandle} */
  const handle = {
    pid,
    port,
    url: "",
    child,
    readyMs: 0,
    memory: () => processMemory(pid),
    output: () => tail,
    alive: () => !exited,
    stop,
  };

  if (options.stdio) {
    handle.readyMs = performance.now() - startedAt;
    return handle;
  }

  child.stdout?.on("data", remember);
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  const announcedPort = await new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${options.file} did not print "READY <port>" within ${timeoutMs} ms. Output:\n${tail}`));
    }, timeoutMs);
    let errBuffer = "";
    const readyOnStderr = options.readyOnStderr;
    if (readyOnStderr) {
      child.stderr?.on("data", (/** @type {Buffer} */ chunk) => {
        errBuffer = (errBuffer + chunk.toString("utf8")).slice(-TAIL_BYTES);
        const match = readyOnStderr.exec(errBuffer);
        if (match) {
          clearTimeout(timer);
          errBuffer = "";
          resolve(Number(match[1]));
        }
      });
    }
    child.stdout?.on("data", (/** @type {Buffer} */ chunk) => {
      buffer += chunk.toString("utf8");
      const match = READY_LINE.exec(buffer);
      if (match) {
        clearTimeout(timer);
        buffer = "";
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.file} exited (code ${code}, signal ${signal}) before it was ready. Output:\n${tail}`));
    });
  });
  handle.readyMs = performance.now() - startedAt;
  handle.port = announcedPort;
  handle.url = `http://127.0.0.1:${announcedPort}/mcp`;
  // Keep draining stdout so a chatty server never blocks on a full pipe.
  child.stdout?.resume();
  return handle;
}
