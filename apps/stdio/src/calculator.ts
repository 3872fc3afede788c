/**
 * A safe arithmetic evaluator: a small recursive-descent parser, no `eval`, no `Function`.
 * Anything that is not a number, an operator or a parenthesis is a syntax error, so input
 * such as `process.exit()` can never run.
 *
 * Grammar (lowest to highest precedence; `^` is right-associative and binds tighter than
 * unary minus, so `-2^2` is `-4` and `2^-1` is `0.5`):
 * ```
 * expression := term (("+" | "-") term)*
 * term       := unary (("*" | "/" | "%") unary)*
 * unary      := ("-" | "+") unary | power
 * power      := primary ("^" unary)?
 * primary    := number | "(" expression ")"
 * number     := digits ["." digits] [("e" | "E") ["+" | "-"] digits]
 * ```
 */

/** Stable codes of {@link CalculatorError}. */
export type CalculatorErrorCode = "syntax_error" | "division_by_zero" | "not_finite" | "too_long" | "too_deep";

/** A bad expression. Its message says what was wrong and where. */
export class CalculatorError extends Error {
  readonly code: CalculatorErrorCode;

  constructor(code: CalculatorErrorCode, message: string) {
    super(message);
    this.name = "CalculatorError";
    this.code = code;
  }
}

/** Longest accepted expression, in characters. */
export const MAX_EXPRESSION_LENGTH = 1_000;
/** Deepest accepted nesting of parentheses and unary signs. */
export const MAX_DEPTH = 100;

const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /\s*/y;

/**
 * Evaluates an arithmetic expression with `+ - * / % ^`, parentheses and unary minus.
 *
 * @throws {CalculatorError} on a syntax error, division or modulo by zero, a non-finite
 *   result, or an expression longer than {@link MAX_EXPRESSION_LENGTH} / deeper than {@link MAX_DEPTH}.
 */
export function evaluate(expression: string): number {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new CalculatorError("too_long", `Expression is ${expression.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}.`);
  }
  const parser = new Parser(expression);
  const value = parser.parseAll();
  if (!Number.isFinite(value)) {
    throw new CalculatorError("not_finite", "The result is too large to represent (overflow); use smaller numbers.");
  }
  // Avoid reporting -0 to users.
  return Object.is(value, -0) ? 0 : value;
}

class Parser {
  readonly #text: string;
  #position = 0;
  #depth = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parseAll(): number {
    this.#skipWhitespace();
    if (this.#position >= this.#text.length) throw new CalculatorError("syntax_error", "The expression is empty; write something like 2 * (3 + 4).");
    const value = this.#expression();
    this.#skipWhitespace();
    if (this.#position < this.#text.length) throw this.#unexpected("an operator");
    return value;
  }

  #expression(): number {
    let value = this.#term();
    for (let operator = this.#peek(); operator === "+" || operator === "-"; operator = this.#peek()) {
      this.#position += 1;
      const right = this.#term();
      value = operator === "+" ? value + right : value - right;
    }
    return value;
  }

  #term(): number {
    let value = this.#unary();
    for (let operator = this.#peek(); operator === "*" || operator === "/" || operator === "%"; operator = this.#peek()) {
      const at = this.#position;
      this.#position += 1;
      const right = this.#unary();
      if (operator === "*") {
        value *= right;
        continue;
      }
      if (right === 0) {
        const what = operator === "/" ? "Division" : "Modulo";
        throw new CalculatorError("division_by_zero", `${what} by zero at position ${at + 1}.`);
      }
      value = operator === "/" ? value / right : value % right;
    }
    return value;
  }

  #unary(): number {
    const sign = this.#peek();
    if (sign === "-" || sign === "+") {
      this.#position += 1;
      const operand = this.#nested(() => this.#unary());
      return sign === "-" ? -operand : operand;
    }
    return this.#power();
  }

  #power(): number {
    const base = this.#primary();
    if (this.#peek() !== "^") return base;
    this.#position += 1;
    const exponent = this.#nested(() => this.#unary());
    return base ** exponent;
  }

  #primary(): number {
    const next = this.#peek();
    if (next === "(") {
      const open = this.#position;
      this.#position += 1;
      const value = this.#nested(() => this.#expression());
      if (this.#peek() !== ")") {
        if (this.#position >= this.#text.length) {
          throw new CalculatorError("syntax_error", `Missing ')' for the '(' at position ${open + 1}.`);
        }
        throw this.#unexpected("')'");
      }
      this.#position += 1;
      return value;
    }
    NUMBER.lastIndex = this.#position;
    const match = NUMBER.exec(this.#text);
    if (match === null) throw this.#unexpected("a number or '('");
    this.#position += match[0].length;
    return Number(match[0]);
  }

  #nested(parse: () => number): number {
    this.#depth += 1;
    if (this.#depth > MAX_DEPTH) throw new CalculatorError("too_deep", `The expression nests deeper than ${MAX_DEPTH} levels; simplify it.`);
    try {
      return parse();
    } finally {
      this.#depth -= 1;
    }
  }

  #peek(): string | undefined {
    this.#skipWhitespace();
    return this.#text[this.#position];
  }

  #skipWhitespace(): void {
    WHITESPACE.lastIndex = this.#position;
    WHITESPACE.exec(this.#text);
    this.#position = WHITESPACE.lastIndex;
  }

  #unexpected(expected: string): CalculatorError {
    if (this.#position >= this.#text.length) {
      return new CalculatorError("syntax_error", `The expression ends too early: expected ${expected} at the end.`);
    }
    const found = this.#text[this.#position] as string;
    return new CalculatorError(
      "syntax_error",
      `Unexpected '${found}' at position ${this.#position + 1}: expected ${expected}. Only numbers, + - * / % ^ and parentheses are allowed.`,
    );
  }
}
