import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { JsonLines, line } from "../test/json-lines.js";
import { clientConfigText, configKey } from "./dev-config.js";
import { inspectorCommand, isIgnoredChange } from "./dev-loop.js";
import { StdioRelay } from "./stdio-relay.js";

function relayed() {
  const client = { stdin: new PassThrough(), stdout: new PassThrough() };
  const relay = new StdioRelay({ stdout: client.stdout });
  relay.attachClient(client.stdin, () => undefined);
  const toClient = new JsonLines(client.stdout);
  const connect = (replay: boolean) => {
    const server = { stdin: new PassThrough(), stdout: new PassThrough() };
    const received = new JsonLines(server.stdin);
    relay.attachServer(server.stdin, server.stdout, replay);
    return { server, received };
  };
  return { client, relay, toClient, connect };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("the dev loop's stdio relay", () => {
  it("answers requests the old server never finished with an error saying to send them again", async () => {
    const { client, relay, toClient, connect } = relayed();
    const first = connect(false);
    client.stdin.write(line({ id: 7, method: "tools/call", params: { name: "slow" } }));
    await tick();
    expect(first.received.messages).toHaveLength(1);
    relay.serverGone();
    expect(await toClient.reply(7)).toMatchObject({ error: { code: -32603, message: expect.stringContaining("send it again") } });
  });

  it("replays initialize to the new server, swallows its reply and tells the client the lists changed", async () => {
    const { client, relay, toClient, connect } = relayed();
    const first = connect(false);
    client.stdin.write(line({ id: "init", method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" } } }));
    client.stdin.write(line({ method: "notifications/initialized" }));
    await tick();
    first.server.stdout.write(line({ id: "init", result: { protocolVersion: "2025-11-25" } }));
    await tick();
    relay.serverGone();
    const second = connect(true);
    await tick();
    expect(second.received.messages.map((message) => message.method)).toEqual(["initialize", "notifications/initialized"]);
    second.server.stdout.write(line({ id: second.received.messages[0]?.id as string, result: { protocolVersion: "2025-11-25" } }));
    await tick();
    expect(toClient.messages.filter((message) => "result" in message)).toHaveLength(1);
    expect(toClient.messages.filter((message) => typeof message.method === "string").map((message) => message.method)).toEqual([
      "notifications/tools/list_changed",
      "notifications/resources/list_changed",
      "notifications/prompts/list_changed",
    ]);
  });
});

describe("the dev loop's helpers", () => {
  it("prints Claude Desktop / Cursor and VS Code config for stdio (absolute path) and HTTP (URL)", () => {
    const stdio = clientConfigText({ name: "weather", file: "/home/ada/weather/server.ts" });
    expect(stdio).toContain('"mcpServers"');
    expect(stdio).toContain('"args": [\n        "-y",\n        "chuk-mcp",\n        "run",\n        "/home/ada/weather/server.ts"\n      ]');
    expect(stdio).toContain('"type": "stdio"');
    const http = clientConfigText({ name: "weather", file: "/x.ts", url: "http://127.0.0.1:8000/mcp" });
    expect(http).toContain('"url": "http://127.0.0.1:8000/mcp"');
    expect(http).toContain('"mcp-remote",\n        "http://127.0.0.1:8000/mcp"');
    expect(configKey("@acme/Weather Tools", "/x/server.ts")).toBe("weather-tools");
    expect(configKey(undefined, "/x/my_server.ts")).toBe("my_server");
  });

  it("ignores changes in node_modules, dot folders and editor swap files", () => {
    expect(isIgnoredChange("node_modules/x/index.js")).toBe(true);
    expect(isIgnoredChange(".git/index")).toBe(true);
    expect(isIgnoredChange("src/.server.ts.swp")).toBe(true);
    expect(isIgnoredChange("server.ts~")).toBe(true);
    expect(isIgnoredChange("src/tools.ts")).toBe(false);
  });

  it("runs the Inspector through npx (never a dependency), pointed at the dev loop on stdio", () => {
    expect(inspectorCommand({ file: "/p/s.ts", runArguments: [], transport: "http", env: {} })).toEqual(["npx", "-y", "@modelcontextprotocol/inspector"]);
    const stdio = inspectorCommand({ file: "/p/s.ts", runArguments: ["--log-level", "debug"], transport: "stdio", env: {} });
    expect(stdio.slice(0, 4)).toEqual(["npx", "-y", "@modelcontextprotocol/inspector", process.execPath]);
    expect(stdio.slice(5)).toEqual(["dev", "/p/s.ts", "--log-level", "debug"]);
  });
});
