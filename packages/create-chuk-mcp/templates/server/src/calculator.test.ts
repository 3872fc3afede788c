import { describe, expect, it } from "vitest";
import { CalculationError, calculate } from "./calculator.js";

describe("calculate", () => {
  it("follows operator precedence and parentheses", () => {
    expect(calculate("2 + 3 * 4")).toBe(14);
    expect(calculate("(2 + 3) * 4")).toBe(20);
    expect(calculate("10 - 4 - 3")).toBe(3);
    expect(calculate("7 % 4 + 8 / 2")).toBe(7);
  });

  it("treats ^ and ** as right-associative powers that bind tighter than unary minus", () => {
    expect(calculate("2^3^2")).toBe(512);
    expect(calculate("2 ** 10")).toBe(1024);
    expect(calculate("-2^2")).toBe(-4);
    expect(calculate("2^-1")).toBe(0.5);
  });

  it("knows pi, e and the listed functions", () => {
    expect(calculate("sqrt(16) + abs(-2)")).toBe(6);
    expect(calculate("max(1, 5, 3) - min(4, 2)")).toBe(3);
    expect(calculate("round(pi * 100)")).toBe(314);
    expect(calculate("1.5e2 + .5")).toBe(150.5);
  });

  it("rejects code instead of running it", () => {
    expect(() => calculate("process.exit(1)")).toThrow(CalculationError);
    expect(() => calculate("constructor")).toThrow("Unknown name 'constructor'");
    expect(() => calculate("1; 2")).toThrow("Unexpected character ';' at position 2.");
  });

  it("explains malformed input", () => {
    expect(() => calculate("")).toThrow("The expression is empty");
    expect(() => calculate("2 +")).toThrow("ends too early");
    expect(() => calculate("(1 + 2")).toThrow("')' is missing");
    expect(() => calculate("1 2")).toThrow("Unexpected '2' at position 3.");
    expect(() => calculate("sqrt(1, 2)")).toThrow("sqrt() takes 1 argument, got 2.");
  });

  it("refuses division by zero, overflow, and input too long or too deep", () => {
    expect(() => calculate("1 / 0")).toThrow("Division by zero.");
    expect(() => calculate("10 ^ 400")).toThrow("not a finite number");
    expect(() => calculate("1+".repeat(600) + "1")).toThrow("longer than 1000 characters");
    expect(() => calculate("(".repeat(100) + "1" + ")".repeat(100))).toThrow("nests deeper than 64 levels");
    expect(() => calculate("-".repeat(200) + "1")).toThrow("nests deeper than 64 levels");
  });
});
