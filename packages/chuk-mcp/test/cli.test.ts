import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { killStartedProcesses, runProcess, startProcess, type StartedProcess } from "../../../scripts/test-support/child-processes.mjs";
import { INITIALIZE, INITIALIZED, JsonLines, line } from "./json-lines.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

afterEach(() => {
  killStartedProcesses();
});

/** The CLI with stdin open for the test and only PATH (plus `env`) in its environment. */
function start(args: string[], env: Record<string, string> = {}) {
  return startProcess(process.execPath, [cli, ...args], { stdin: "pipe", env: { PATH: process.env.PATH ?? "", ...env } });
}

function finish(args: string[], env: Record<string, string> = {}) {
  return runProcess(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
}

async function printedUrl(server: StartedProcess): Promise<string> {
  return (await server.waitForOutput(/listening on (\S+)/, { what: "the URL" }))[1] as string;
}

describe("chuk-mcp CLI", () => {
  it("--version prints the package version", async () => {
    expect(await finish(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("--help prints usage with the run options", async () => {
    const result = await finish(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("chuk-mcp run <file>");
    expect(result.stdout).toContain("chuk-mcp dev <file>");
    expect(result.stdout).toContain("--host 0.0.0.0");
    expect(result.stdout).toContain("--port <n>");
  });

  it.each([
    [["run", "x.js", "--port", "abc"], "Invalid --port 'abc'"],
    [["run", "x.js", "--prot", "1"], "Unknown option '--prot'; did you mean --port?"],
    [["run"], "needs the server module"],
    [["launch"], "Unknown command 'launch'"],
    [["run", "does-not-exist.js"], "Cannot find 'does-not-exist.js'"],
  ])("%j exits with code 2 and a one-line reason, no stack trace", async (args, message) => {
    const result = await finish(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("run <file.ts> serves a TypeScript module on Node 20 through jiti, top-level await included", async () => {
    const server = start(["run", fixture("typescript-server.ts")]);
    const output = new JsonLines(server.child.stdout);
    server.child.stdin.write(INITIALIZE + INITIALIZED);
    server.child.stdin.write(line({ id: 1, method: "tools/call", params: { name: "greet", arguments: { name: "Ada" } } }));
    // jiti's first transpile is slower than a plain import; 20 s covers a loaded CI machine.
    expect(await output.reply(1, 20_000)).toMatchObject({ result: { content: [{ type: "text", text: "Hello, Ada!" }] } });
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
  }, 30_000);

  it("chuk-mcp --http --port 0 <file.ts> (the original's shortcut) and chuk-mcp http <file.ts> serve HTTP", async () => {
    for (const args of [["--http", "--port", "0", fixture("typescript-server.ts")], ["http", fixture("typescript-server.ts"), "--port=0"]]) {
      const server = start(args);
      const url = await printedUrl(server);
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: INITIALIZE });
      expect(response.status).toBe(200);
      server.child.kill("SIGTERM");
      expect((await server.exited).code).toBe(0);
    }
  });

  it("rejects a bad PORT variable with exit code 2", async () => {
    const result = await finish(["run", fixture("greeter.mjs")], { PORT: "eighty" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Invalid PORT environment variable 'eighty'");
  });

  it("exits with code 1 and the error when the user module throws", async () => {
    const result = await finish(["run", fixture("throws.mjs")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("user module failed to load");
  });

  it("run <file> serves the module's tools on stdio with a clean stdout", async () => {
    const server = start(["run", fixture("greeter.mjs")]);
    const output = new JsonLines(server.child.stdout);
    server.child.stdin.write(INITIALIZE + INITIALIZED);
    expect(await output.reply("init")).toMatchObject({ result: { protocolVersion: "2025-11-25" } });
    server.child.stdin.write(line({ id: 1, method: "tools/call", params: { name: "greet", arguments: { name: "Ada" } } }));
    expect(await output.reply(1)).toMatchObject({ result: { content: [{ type: "text", text: "Hello, Ada!" }] } });
    server.child.stdin.end();
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(server.stderr()).toContain("this must go to stderr");
    expect(output.messages.every((message) => message.jsonrpc === "2.0")).toBe(true);
  });

  it("run <file> starts a module that calls run() itself exactly once", async () => {
    const server = start(["run", fixture("self-running.mjs")]);
    const output = new JsonLines(server.child.stdout);
    server.child.stdin.write(INITIALIZE);
    server.child.stdin.write(line({ id: 1, method: "tools/call", params: { name: "ping", arguments: {} } }));
    expect(await output.reply(1)).toMatchObject({ result: { content: [{ type: "text", text: "pong" }] } });
    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
    expect(output.messages.filter((message) => message.id === "init")).toHaveLength(1);
  });

  it("run <file> --http --port 0 serves Streamable HTTP and prints the URL to stderr", async () => {
    const server = start(["run", fixture("greeter.mjs"), "--http", "--port", "0"]);
    const started = Date.now();
    while (!/listening on (\S+)/.test(server.stderr())) {
      if (Date.now() - started > 10_000) throw new Error(`no URL printed; stderr: ${server.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /listening on (\S+)/.exec(server.stderr())?.[1] as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: INITIALIZE,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("2025-11-25");
    server.child.kill("SIGTERM");
    const { code } = await server.exited;
    expect(code).toBe(0);
  });
});
