import { afterEach, describe, expect, it } from "vitest";
import { ChukMCPServer } from "./chuk-mcp-server.js";
import { resetDefaultServer } from "./default-server.js";
import { createTestClient } from "./testing.js";

afterEach(async () => {
  await resetDefaultServer();
});

describe("chuk-mcp/testing", () => {
  it("importing the README's module (which calls run()) from a test neither serves nor hangs, and the test client reaches it", async () => {
    await import("../test/fixtures/readme-module/tools.js");
    const client = await createTestClient();
    expect((await client.callTool("add_numbers", { a: 5, b: 3 })).content).toEqual([{ type: "text", text: "8" }]);
    expect((await client.readResource("config://app")).contents[0]).toMatchObject({ mimeType: "application/json" });
  });

  it("takes a ChukMCPServer instance and an era", async () => {
    const mcp = new ChukMCPServer({ name: "weather", version: "1.0.0" });
    mcp.tool({ name: "forecast", handler: () => "sunny" });
    const client = await createTestClient(mcp, { era: "2026-07-28" });
    expect(client.serverInfo).toMatchObject({ name: "weather" });
    expect(await client.callTool("forecast")).toMatchObject({ resultType: "complete", content: [{ type: "text", text: "sunny" }] });
    expect(mcp.getTools()).toEqual([{ name: "forecast", inputSchema: { type: "object", properties: {} } }]);
  });
});
