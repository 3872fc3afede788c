import { describe, expect, it } from "vitest";
import { parseArguments, UsageError } from "./args.js";

describe("parseArguments", () => {
  it("accepts the original's command lines: --config FILE, -c FILE, a positional file, CHUK_MCP_CONFIG_PATH", () => {
    expect(parseArguments(["--config", "a.yaml"], {}).configFile).toBe("a.yaml");
    expect(parseArguments(["-c", "b.yaml"], {}).configFile).toBe("b.yaml");
    expect(parseArguments(["c.yaml"], {}).configFile).toBe("c.yaml");
    expect(parseArguments(["--config=d.yaml"], {}).configFile).toBe("d.yaml");
    expect(parseArguments([], { CHUK_MCP_CONFIG_PATH: "/etc/mcp/config.yaml" }).configFile).toBe("/etc/mcp/config.yaml");
    expect(parseArguments(["-c", "x.yaml"], { CHUK_MCP_CONFIG_PATH: "/etc/mcp/config.yaml" }).configFile).toBe("x.yaml");
  });

  it("reads subcommands and overrides", () => {
    expect(parseArguments(["openai-tools", "--config", "f.yaml"], {})).toEqual({ command: "openai-tools", configFile: "f.yaml", overrides: {}, watch: false });
    expect(parseArguments(["--watch", "-c", "f.yaml"], {})).toMatchObject({ command: "serve", configFile: "f.yaml", watch: true });
    expect(parseArguments(["--type", "sse", "--port", "0", "--host", "::1", "--log-level", "DEBUG", "f.yaml"], {})).toEqual({
      command: "serve",
      configFile: "f.yaml",
      overrides: { type: "sse", port: 0, host: "::1", logLevel: "debug" },
      watch: false,
    });
    expect(parseArguments(["check", "f.yaml"], {}).command).toBe("check");
    expect(parseArguments(["--help"], {}).command).toBe("help");
  });

  it("refuses unknown flags, missing values and bad values with a message naming the flag", () => {
    expect(() => parseArguments(["--confgi", "x"], {})).toThrow(new UsageError("unknown option --confgi; see --help"));
    expect(() => parseArguments(["--config"], {})).toThrow("--config needs a value");
    expect(() => parseArguments(["--port", "http"], {})).toThrow('--port must be a whole number from 0 to 65535, got "http"');
    expect(() => parseArguments(["--type", "websocket"], {})).toThrow("--type must be one of stdio, sse, streamable-http");
    expect(() => parseArguments(["a.yaml", "b.yaml"], {})).toThrow("expected at most one config file");
    expect(() => parseArguments(["-c", "a.yaml", "b.yaml"], {})).toThrow("config file given twice");
  });
});
