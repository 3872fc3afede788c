import { describe, expect, it } from "vitest";
import { parseCliArguments } from "./cli-arguments.js";

describe("parseCliArguments", () => {
  it("shows help with no arguments, --help, -h or help", () => {
    for (const argv of [[], ["--help"], ["-h"], ["help"], ["run", "x.js", "--help"]]) {
      expect(parseCliArguments(argv)).toEqual({ command: "help" });
    }
  });

  it("prints the version on --version", () => {
    expect(parseCliArguments(["--version"])).toEqual({ command: "version" });
  });

  it("passes the file and the remaining flags of run through", () => {
    expect(parseCliArguments(["run", "dist/server.js", "--http", "--port", "0"])).toEqual({
      command: "run",
      file: "dist/server.js",
      runArguments: ["--http", "--port", "0"],
    });
  });

  it("rejects run without a file and unknown commands with usage errors", () => {
    expect(() => parseCliArguments(["run"])).toThrow(/needs the server module/);
    expect(() => parseCliArguments(["run", "--http"])).toThrow(/needs the server module/);
    expect(() => parseCliArguments(["serve"])).toThrow(/Unknown command 'serve'/);
  });
});
