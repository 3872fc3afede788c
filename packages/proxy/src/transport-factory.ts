/**
 * Builds official-SDK client transports for each kind of upstream endpoint, and makes sure
 * no child process outlives the proxy.
 */
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import type { HttpEndpoint, StdioEndpoint, UpstreamConfig } from "./config.js";
import { tracedFetch } from "./upstream-middleware.js";

const livePids = new Set<number>();
let exitHookInstalled = false;

/** Last line of defence: whatever children are still tracked die with the proxy process. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const pid of livePids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
}

/** Pids of upstream children this process started and has not yet seen exit. */
export function trackedChildPids(): number[] {
  return [...livePids];
}

/** True while `pid` is a running process. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A transport plus what the connection needs to know about it. */
export interface UpstreamTransport {
  transport: Transport;
  /** Called once the transport started; returns the child pid for stdio. */
  pid(): number | undefined;
  /** Makes sure the child (if any) is dead; safe to call twice. */
  kill(): Promise<void>;
  /** A short description for logs and stats, without secrets. */
  describe: string;
}

function httpHeaders(config: UpstreamConfig, endpoint: HttpEndpoint): Record<string, string> {
  const headers: Record<string, string> = { ...(config.type === "stdio" ? {} : config.headers), ...endpoint.headers };
  if (config.type === "http" && config.bearerToken !== undefined) headers.authorization = `Bearer ${config.bearerToken}`;
  if (config.type === "sse" && config.apiKey !== undefined) {
    headers.authorization = `Bearer ${config.apiKey}`;
    headers["x-api-key"] = config.apiKey;
  }
  return headers;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !isProcessAlive(pid);
}

/**
 * Creates the SDK transport for one endpoint. `onStderr` receives the child's stderr lines
 * (stdio only); piping it keeps a chatty child from blocking on a full pipe.
 */
export function createUpstreamTransport(
  config: UpstreamConfig,
  endpoint: StdioEndpoint | HttpEndpoint,
  onStderr: (line: string) => void,
): UpstreamTransport {
  if (config.type === "stdio") {
    const stdio = endpoint as StdioEndpoint;
    const transport = new StdioClientTransport({
      command: stdio.command,
      args: stdio.args ?? [],
      env: { ...getDefaultEnvironment(), ...stdio.env },
      ...(stdio.cwd === undefined ? {} : { cwd: stdio.cwd }),
      stderr: "pipe",
    });
    let buffered = "";
    transport.stderr?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trimEnd();
        buffered = buffered.slice(newline + 1);
        if (line !== "") onStderr(line);
        newline = buffered.indexOf("\n");
      }
      if (buffered.length > 64 * 1024) buffered = buffered.slice(-1024);
    });
    let knownPid: number | undefined;
    const originalStart = transport.start.bind(transport);
    transport.start = async () => {
      await originalStart();
      knownPid = transport.pid ?? undefined;
      if (knownPid !== undefined) {
        installExitHook();
        livePids.add(knownPid);
      }
    };
    return {
      transport,
      pid: () => knownPid,
      describe: `stdio: ${stdio.command} ${(stdio.args ?? []).join(" ")}`.trim(),
      kill: async () => {
        const pid = knownPid;
        await transport.close().catch(() => undefined);
        if (pid === undefined) return;
        if (!(await waitForExit(pid, 2_500))) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // exited meanwhile
          }
          await waitForExit(pid, 1_000);
        }
        livePids.delete(pid);
      },
    };
  }
  const http = endpoint as HttpEndpoint;
  const headers = httpHeaders(config, http);
  const url = new URL(http.url);
  const transport =
    config.type === "http"
      ? new StreamableHTTPClientTransport(url, {
          requestInit: { headers },
          // Adds the caller's trace context (traceparent) to the POST that carries a routed call.
          fetch: tracedFetch,
          // The proxy reconnects on its own schedule; the SDK's own retries would hide a dead upstream.
          reconnectionOptions: { maxReconnectionDelay: 1_000, initialReconnectionDelay: 100, reconnectionDelayGrowFactor: 2, maxRetries: 0 },
        })
      : new SSEClientTransport(url, {
          requestInit: { headers },
          fetch: tracedFetch,
          eventSourceInit: {
            fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
          },
        });
  return {
    transport,
    pid: () => undefined,
    describe: `${config.type}: ${url.origin}${url.pathname}`,
    kill: async () => {
      if (transport instanceof StreamableHTTPClientTransport) await transport.terminateSession().catch(() => undefined);
      await transport.close().catch(() => undefined);
    },
  };
}
