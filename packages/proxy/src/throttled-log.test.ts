import { describe, expect, it } from "vitest";
import { throttledWarning } from "./throttled-log.js";

describe("throttledWarning", () => {
  it("writes at most the limit per window and counts what it held back in the next line", () => {
    const lines: string[] = [];
    let time = 0;
    const warn = throttledWarning((_level, message) => lines.push(message), 3, 1_000, () => time);
    for (let index = 0; index < 100; index++) warn(`line ${index}`);
    expect(lines).toEqual(["line 0", "line 1", "line 2"]);
    time = 1_000;
    warn("later");
    expect(lines[3]).toBe("later (97 similar messages suppressed)");
  });
});
