import { describe, expect, it } from "vitest";
import { createLogger, isLogLevel } from "./logger.js";

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (text: string) => lines.push(text) } };
}

const now = () => new Date("2026-01-02T03:04:05.000Z");

describe("createLogger", () => {
  it("defaults to warning: drops debug and info, writes warning and above", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ stream, now });
    logger.debug("d");
    logger.info("i");
    logger.warning("w");
    logger.critical("c");
    expect(lines).toEqual(["2026-01-02T03:04:05.000Z [chuk-mcp] WARNING w\n", "2026-01-02T03:04:05.000Z [chuk-mcp] CRITICAL c\n"]);
  });

  it("writes everything at debug and appends the cause's message", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ stream, now, level: "debug", name: "demo" });
    logger.debug("starting", new Error("port busy"));
    expect(lines).toEqual(["2026-01-02T03:04:05.000Z [demo] DEBUG starting: port busy\n"]);
    expect(logger.isEnabled("debug")).toBe(true);
  });

  it("at error drops warnings", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ stream, now, level: "error" });
    logger.warning("w");
    logger.error("e");
    expect(lines).toHaveLength(1);
    expect(logger.isEnabled("warning")).toBe(false);
  });

  it("recognises exactly the documented level names", () => {
    expect(["debug", "info", "warning", "error", "critical"].every(isLogLevel)).toBe(true);
    expect(isLogLevel("warn")).toBe(false);
    expect(isLogLevel("DEBUG")).toBe(false);
  });
});
