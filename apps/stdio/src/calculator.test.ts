import { describe, expect, it } from "vitest";
import { CalculatorError, evaluate, MAX_DEPTH } from "./calculator.js";

function failure(expression: string): CalculatorError {
  try {
    evaluate(expression);
  } catch (error) {
    if (error instanceof CalculatorError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(expression)} to fail`);
}

describe("evaluate", () => {
  it.each([
    ["1 + 2", 3],
    ["2 + 3 * 4", 14],
    ["(2 + 3) * 4", 20],
    ["10 - 4 - 3", 3],
    ["100 / 10 / 5", 2],
    ["7 % 4", 3],
    ["2 ^ 10", 1024],
    ["2 ^ 3 ^ 2", 512],
    ["-2 ^ 2", -4],
    ["(-2) ^ 2", 4],
    ["2 ^ -1", 0.5],
    ["-(3 + 4) * 2", -14],
    ["--5", 5],
    ["+5 - -5", 10],
    ["1.5e3 + .5", 1500.5],
    ["  ((((42))))  ", 42],
    ["0 * -1", 0],
    ["1 / 3 * 3", 1],
  ])("computes %s = %d", (expression, expected) => {
    expect(evaluate(expression)).toBeCloseTo(expected, 10);
  });

  it("reports -0 as 0", () => {
    expect(Object.is(evaluate("0 * -1"), 0)).toBe(true);
  });

  it.each([
    ["1 / 0", "Division by zero at position 3"],
    ["5 % (2 - 2)", "Modulo by zero at position 3"],
  ])("rejects %s with division_by_zero", (expression, message) => {
    const error = failure(expression);
    expect(error.code).toBe("division_by_zero");
    expect(error.message).toBe(`${message}.`);
  });

  it.each([
    ["", "The expression is empty"],
    ["   ", "The expression is empty"],
    ["1 +", "ends too early: expected a number or '('"],
    ["(1 + 2", "Missing ')' for the '(' at position 1"],
    ["1 + 2)", "Unexpected ')' at position 6: expected an operator"],
    ["2 3", "Unexpected '3' at position 3"],
    ["1 ** 2", "Unexpected '*' at position 4"],
    ["1..2", "Unexpected '.' at position 2"],
    ["abc", "Unexpected 'a' at position 1: expected a number or '('"],
  ])("rejects %j with a syntax error that says where", (expression, message) => {
    const error = failure(expression);
    expect(error.code).toBe("syntax_error");
    expect(error.message).toContain(message);
  });

  it.each([
    "process.exit()",
    "require('child_process').execSync('id')",
    "constructor.constructor('return process')()",
    "1; process.exit(1)",
    "globalThis",
    "1 + `${process.pid}`",
    "0x10",
    "Infinity",
    "NaN",
  ])("never executes injection attempt %j: it is a syntax error", (expression) => {
    expect(failure(expression).code).toBe("syntax_error");
  });

  it("rejects overflow to infinity", () => {
    expect(failure("10 ^ 400").code).toBe("not_finite");
  });

  it("rejects over-long and over-deep expressions before they exhaust the stack", () => {
    expect(failure("1+".repeat(600) + "1").code).toBe("too_long");
    expect(failure("(".repeat(MAX_DEPTH + 1) + "1" + ")".repeat(MAX_DEPTH + 1)).code).toBe("too_deep");
    expect(failure("-".repeat(MAX_DEPTH + 1) + "1").code).toBe("too_deep");
    expect(evaluate("(".repeat(50) + "1" + ")".repeat(50))).toBe(1);
  });
});
