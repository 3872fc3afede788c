import { describe, expect, it } from "vitest";
import { parseCliArguments } from "./cli-arguments.js";

const serve = (file: string, runArguments: string[], mode: "run" | "dev" = "run", inspect = false) => ({ command: "serve", mode, file, runArguments, inspect });

describe("parseCliArguments", () => {
  it("shows help with no arguments, --help, -h or help", () => {
    for (const argv of [[], ["--help"], ["-h"], ["help"], ["run", "x.js", "--help"], ["--http", "x.ts", "--help"]]) {
      expect(parseCliArguments(argv)).toEqual({ command: "help" });
    }
  });

  it("prints the version on --version", () => {
    expect(parseCliArguments(["--version"])).toEqual({ command: "version" });
  });

  it("passes the file and the remaining flags of run through", () => {
    expect(parseCliArguments(["run", "dist/server.js", "--http", "--port", "0"])).toEqual(serve("dist/server.js", ["--http", "--port", "0"]));
  });

  it("accepts the original's shortcut with flags first: chuk-mcp --http --port 8000 server.ts", () => {
    expect(parseCliArguments(["--http", "--port", "8000", "server.ts"])).toEqual(serve("server.ts", ["--http", "--port", "8000"]));
    expect(parseCliArguments(["--port=8000", "server.ts", "--my-flag"])).toEqual(serve("server.ts", ["--port=8000", "--my-flag"]));
    expect(parseCliArguments(["server.ts"])).toEqual(serve("server.ts", []));
  });

  it("accepts chuk-mcp http <file> and chuk-mcp stdio <file>", () => {
    expect(parseCliArguments(["http", "server.ts", "--port", "9000"])).toEqual(serve("server.ts", ["--http", "--port", "9000"]));
    expect(parseCliArguments(["stdio", "server.mjs"])).toEqual(serve("server.mjs", ["--stdio"]));
  });

  it("reads dev <file> and keeps --inspect for itself", () => {
    expect(parseCliArguments(["dev", "server.ts", "--inspect", "--http"])).toEqual(serve("server.ts", ["--http"], "dev", true));
    expect(parseCliArguments(["dev", "server.ts"])).toEqual(serve("server.ts", [], "dev", false));
  });

  it("reads init NAME and forwards create-chuk-mcp's flags, non-interactive unless --interactive", () => {
    expect(parseCliArguments(["init", "my-server"])).toEqual({ command: "init", createArguments: ["my-server", "--yes"] });
    expect(parseCliArguments(["init", "my-server", "--dir", "/tmp/x", "--template", "runtime"])).toEqual({ command: "init", createArguments: ["my-server", "--yes", "--dir", "/tmp/x", "--template", "runtime"] });
    expect(parseCliArguments(["init", "my-server", "--interactive"])).toEqual({ command: "init", createArguments: ["my-server"] });
    expect(parseCliArguments(["init", "--help"])).toEqual({ command: "init", createArguments: ["--help"] });
    expect(() => parseCliArguments(["init"])).toThrow(/init needs the project name first/);
    expect(() => parseCliArguments(["init", "--dir", "x"])).toThrow(/init needs the project name first/);
  });

  it("rejects run without a file and unknown commands with usage errors", () => {
    expect(() => parseCliArguments(["run"])).toThrow(/needs the server module/);
    expect(() => parseCliArguments(["run", "--http"])).toThrow(/needs the server module/);
    expect(() => parseCliArguments(["--http", "--port", "8000"])).toThrow(/needs the server module.*chuk-mcp --http --port 8000 server.ts/);
    expect(() => parseCliArguments(["serve"])).toThrow(/Unknown command 'serve'/);
  });
});
