import { describe, expect, expectTypeOf, it } from "vitest";
import * as chuk from "./index.js";

describe("chuk-mcp public surface", () => {
  it("exports exactly these runtime names (change on purpose, with a changeset)", () => {
    expect(Object.keys(chuk).sort()).toEqual([
      "ChukMCPServer",
      "DEFAULT_HOST",
      "DEFAULT_PATH",
      "DEFAULT_PORT",
      "ErrorCode",
      "LATEST_PROTOCOL_VERSION",
      "LOG_LEVELS",
      "McpError",
      "McpServer",
      "PermissionError",
      "ProtocolError",
      "SESSION_PROVIDERS",
      "STATELESS_PROTOCOL_VERSION",
      "SUPPORTED_PROTOCOL_VERSIONS",
      "Type",
      "UsageError",
      "createLogger",
      "getContext",
      "getDefaultServer",
      "getSessionId",
      "getUpstreamToken",
      "getUserId",
      "isLogLevel",
      "prompt",
      "requireUpstreamToken",
      "requireUserId",
      "requiresAuth",
      "resetDefaultServer",
      "resolveRunOptions",
      "resource",
      "resourceTemplate",
      "run",
      "runWithContext",
      "tool",
    ]);
  });

  it("types a top-level tool handler's arguments from its TypeBox input schema", async () => {
    const handle = chuk.tool({
      name: "typed_add",
      input: chuk.Type.Object({ a: chuk.Type.Number(), label: chuk.Type.String() }),
      handler: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ a: number; label: string }>();
        return `${args.label}: ${args.a}`;
      },
    });
    expect(handle.name).toBe("typed_add");
    await chuk.resetDefaultServer();
  });

  it("ChukMCPServer is a core McpServer", () => {
    expect(new chuk.ChukMCPServer()).toBeInstanceOf(chuk.McpServer);
  });
});
