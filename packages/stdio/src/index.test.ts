import { describe, expect, it } from "vitest";
import * as stdio from "./index.js";

describe("@chuk-mcp/stdio public surface", () => {
  it("exports exactly these runtime names (change on purpose, with a changeset)", () => {
    expect(Object.keys(stdio).sort()).toEqual([
      "DEFAULT_YOUNG_GENERATION_CAP_MB",
      "LineDecoder",
      "capYoungGeneration",
      "redirectConsoleToStderr",
      "serveStdio",
      "youngGenerationBytes",
    ]);
  });
});
