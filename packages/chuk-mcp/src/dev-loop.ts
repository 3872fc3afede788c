import { spawn, type ChildProcess } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { clientConfigText, configKey } from "./dev-config.js";
import { findPackageIdentity } from "./package-identity.js";
import type { ResolvedRunOptions } from "./run-options.js";
import { StdioRelay } from "./stdio-relay.js";

/** What `chuk-mcp dev <file>` was given. */
export interface DevLoopOptions {
  /** Absolute path of the server module. */
  readonly file: string;
  readonly runArguments: readonly string[];
  readonly inspect: boolean;
  readonly options: ResolvedRunOptions;
  /** Folder to watch. Default: the module's folder (recursively, without node_modules and dot folders). */
  readonly watchDirectory?: string;
}

const CLI = fileURLToPath(new URL("./cli.js", import.meta.url));
const DEBOUNCE_MS = 150;
const STOP_GRACE_MS = 5_000;

/** True for a change the server cannot depend on (dependencies, VCS, editor swap files). */
export function isIgnoredChange(filename: string): boolean {
  const parts = filename.replaceAll("\\", "/").split("/");
  return parts.some((part) => part === "node_modules" || part.startsWith(".")) || /~$|\.sw[px]$/.test(filename);
}

/**
 * The MCP Inspector's command line: `npx -y @modelcontextprotocol/inspector`, fetched by npx
 * when used (never a dependency of chuk-mcp). For stdio the Inspector launches the dev loop
 * itself; for HTTP it starts empty and is pointed at the URL. `CHUK_MCP_INSPECTOR` replaces
 * `npx -y @modelcontextprotocol/inspector` (a local install, or tests).
 */
export function inspectorCommand(input: { file: string; runArguments: readonly string[]; transport: "stdio" | "http"; env: NodeJS.ProcessEnv }): string[] {
  const base = input.env.CHUK_MCP_INSPECTOR?.trim() ? input.env.CHUK_MCP_INSPECTOR.trim().split(/\s+/) : ["npx", "-y", "@modelcontextprotocol/inspector"];
  if (input.transport === "http") return base;
  return [...base, process.execPath, CLI, "dev", input.file, ...input.runArguments];
}

/** Runs the server, restarts it on every change under its folder; resolves with the exit code. */
export function runDevLoop(input: DevLoopOptions): Promise<number> {
  const { file, options } = input;
  const identity = findPackageIdentity(dirname(file));
  const key = configKey(identity.name, file);
  const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  const url = options.transport === "http" ? `http://${shownHost}:${options.port}${options.path}` : undefined;
  const say = (text: string): boolean => process.stderr.write(`chuk-mcp dev: ${text}\n`);
  if (input.inspect && options.transport === "stdio") return runInspector(inspectorCommand({ ...input, transport: "stdio", env: process.env }), say);
  const directory = input.watchDirectory ?? dirname(file);
  say(`serving ${relative(process.cwd(), file) || file} on ${options.transport}${url === undefined ? "" : ` at ${url}`}; restarting on changes under ${directory} (Ctrl+C stops).`);
  process.stderr.write(clientConfigText({ name: key, file, ...(url === undefined ? {} : { url }) }));

  return new Promise<number>((resolve) => {
    const relay = new StdioRelay({ stdout: process.stdout });
    let child: ChildProcess | undefined;
    let clientEnded = false;
    let stopping = false;
    let restarting: Promise<void> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let watcher: FSWatcher | undefined;
    let inspector: ChildProcess | undefined;

    const finish = (code: number): void => {
      stopping = true;
      watcher?.close();
      if (timer !== undefined) clearTimeout(timer);
      inspector?.kill("SIGTERM");
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(code);
    };

    const start = (replay: boolean): void => {
      const started = spawn(process.execPath, [CLI, "run", file, ...input.runArguments], {
        stdio: ["pipe", "pipe", "inherit"],
        env: { ...process.env, CHUK_MCP_DEV: "1" },
      });
      child = started;
      relay.attachServer(started.stdin, started.stdout, replay);
      if (clientEnded) started.stdin.end();
      started.on("exit", (code, signal) => {
        if (child === started) child = undefined;
        relay.serverGone();
        if (stopping || restarting !== undefined) return;
        if (clientEnded) return finish(code ?? 0);
        say(`the server exited (${signal ?? `code ${code}`}); fix the error and save to restart.`);
      });
    };

    const stopChild = (): Promise<void> => {
      const running = child;
      if (running === undefined || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
      return new Promise<void>((done) => {
        const force = setTimeout(() => running.kill("SIGKILL"), STOP_GRACE_MS);
        running.once("exit", () => {
          clearTimeout(force);
          done();
        });
        running.kill("SIGTERM");
      });
    };

    const restart = (changed: string): void => {
      if (stopping) return;
      if (restarting !== undefined) return;
      restarting = stopChild().then(() => {
        restarting = undefined;
        if (stopping) return;
        say(`${changed} changed; restarted.`);
        start(true);
      });
    };

    const onSignal = (): void => {
      stopping = true;
      void stopChild().then(() => finish(0));
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);

    relay.attachClient(process.stdin, () => {
      clientEnded = true;
      relay.endServer();
      if (child === undefined && restarting === undefined) finish(0);
    });

    watcher = watch(directory, { recursive: true }, (_event, filename) => {
      const name = filename?.toString() ?? "";
      if (name === "" || isIgnoredChange(name)) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => restart(name), DEBOUNCE_MS);
    });
    watcher.on("error", (error) => say(`cannot watch ${directory}: ${error.message}`));

    start(false);
    if (input.inspect) {
      const [command, ...args] = inspectorCommand({ ...input, transport: "http", env: process.env }) as [string, ...string[]];
      say(`starting the MCP Inspector (${[command, ...args].join(" ")}); in it choose "Streamable HTTP" and ${url}.`);
      inspector = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
      inspector.on("error", (error) => say(`could not start the Inspector: ${error.message}`));
    }
  });
}

/** `dev --inspect` on stdio: the Inspector launches `chuk-mcp dev <file>` as its server. */
function runInspector(command: string[], say: (text: string) => void): Promise<number> {
  const [program, ...args] = command as [string, ...string[]];
  say(`starting the MCP Inspector: ${command.join(" ")}`);
  return new Promise((resolve) => {
    const inspector = spawn(program, args, { stdio: "inherit" });
    inspector.on("error", (error) => {
      say(`could not start the Inspector: ${error.message}`);
      resolve(1);
    });
    inspector.on("exit", (code) => resolve(code ?? 0));
  });
}
