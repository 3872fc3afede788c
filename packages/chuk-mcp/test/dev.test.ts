import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, killStartedProcesses, startProcess, waitFor } from "../../../scripts/test-support/child-processes.mjs";
import { INITIALIZE, INITIALIZED, JsonLines, line } from "./json-lines.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const entry = pathToFileURL(fileURLToPath(new URL("../dist/index.js", import.meta.url))).href;
const folders: string[] = [];

afterEach(() => {
  killStartedProcesses();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A project folder with a server whose `version` tool answers `label`. */
function project(label: string): { file: string; write: (next: string) => void } {
  const folder = mkdtempSync(join(tmpdir(), "chuk-mcp-dev-"));
  folders.push(folder);
  const file = join(folder, "server.mjs");
  const write = (next: string) =>
    writeFileSync(file, `import { tool } from ${JSON.stringify(entry)};\ntool({ name: "version", handler: () => ${JSON.stringify(next)} });\n`);
  write(label);
  return { file, write };
}

function dev(args: string[], env: Record<string, string> = {}) {
  return startProcess(process.execPath, [cli, "dev", ...args], { stdin: "pipe", env: { PATH: process.env.PATH ?? "", ...env } });
}

function until(check: () => boolean, what: string, read: () => string, timeoutMs = 15_000): Promise<unknown> {
  return waitFor(check, { what, timeoutMs, intervalMs: 20 }).catch((error: Error) => {
    throw new Error(`${error.message}; stderr: ${read()}`, { cause: error });
  });
}

// Each test starts real processes (and restarts them); generous limits cover a loaded CI machine.
describe("chuk-mcp dev", { timeout: 60_000 }, () => {
  it("restarts a stdio server on change without the client re-initializing, and prints the client config", async () => {
    const { file, write } = project("v1");
    const server = dev([file]);
    const output = new JsonLines(server.child.stdout);
    server.child.stdin.write(INITIALIZE + INITIALIZED);
    server.child.stdin.write(line({ id: 1, method: "tools/call", params: { name: "version", arguments: {} } }));
    expect(await output.reply(1, 15_000)).toMatchObject({ result: { content: [{ text: "v1" }] } });
    expect(server.stderr()).toContain('"mcpServers"');
    expect(server.stderr()).toContain(JSON.stringify(file));
    expect(server.stderr()).toMatch(/on stdio: 1 tool, 0 resources, 0 prompts/);

    write("v2");
    await until(() => server.stderr().includes("changed; restarted"), "the restart", server.stderr);
    await until(() => output.messages.some((message) => message.method === "notifications/tools/list_changed"), "list_changed", server.stderr);
    server.child.stdin.write(line({ id: 2, method: "tools/call", params: { name: "version", arguments: {} } }));
    expect(await output.reply(2, 15_000)).toMatchObject({ result: { content: [{ text: "v2" }] } });
    // The replayed initialize is answered to the relay, never to the client.
    expect(output.messages.filter((message) => "result" in message && (message.result as { serverInfo?: unknown }).serverInfo !== undefined)).toHaveLength(1);

    server.child.stdin.end();
    expect((await server.exited).code).toBe(0);
  });

  it("restarts an HTTP server on change on the same port", async () => {
    const { file, write } = project("v1");
    const port = await freePort();
    const server = dev([file, "--port", String(port)]);
    const url = `http://127.0.0.1:${port}/mcp`;
    const listening = () => server.stderr().split(`listening on ${url}`).length - 1;
    await until(() => listening() === 1, "the first start", server.stderr);
    expect(server.stderr()).toContain(`"url": "${url}"`);
    const call = async () => {
      const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "version" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "version", arguments: {}, _meta: meta } }),
      });
      return ((await response.json()) as { result: { content: Array<{ text: string }> } }).result.content[0]?.text;
    };
    expect(await call()).toBe("v1");
    write("v2");
    await until(() => listening() === 2, "the restart", server.stderr);
    expect(await call()).toBe("v2");
    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);
  });

  it("keeps watching after the server fails to load, and starts it once the file is fixed", async () => {
    const { file, write } = project("v1");
    writeFileSync(file, "this is not javascript(\n");
    const server = dev([file]);
    await until(() => server.stderr().includes("fix the error and save to restart"), "the failure notice", server.stderr);
    const output = new JsonLines(server.child.stdout);
    write("fixed");
    await until(() => server.stderr().includes("changed; restarted"), "the restart", server.stderr);
    server.child.stdin.write(INITIALIZE + line({ id: 3, method: "tools/call", params: { name: "version", arguments: {} } }));
    expect(await output.reply(3, 15_000)).toMatchObject({ result: { content: [{ text: "fixed" }] } });
  });

  it("--inspect on stdio starts the Inspector with the dev loop as its server command", async () => {
    const { file } = project("v1");
    const folder = mkdtempSync(join(tmpdir(), "chuk-mcp-inspector-"));
    folders.push(folder);
    const recorder = join(folder, "inspector.mjs");
    const record = join(folder, "argv.json");
    writeFileSync(recorder, `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\n`);
    const server = dev([file, "--inspect"], { CHUK_MCP_INSPECTOR: `${process.execPath} ${recorder}` });
    expect((await server.exited).code).toBe(0);
    expect(JSON.parse(readFileSync(record, "utf8"))).toEqual([process.execPath, cli, "dev", file]);
  });
});
