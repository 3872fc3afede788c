/**
 * A small arithmetic evaluator for the `calculate` tool: numbers, + - * / % ^ (or **),
 * parentheses, unary minus, the constants pi and e, and a few functions. A hand-written
 * recursive-descent parser: no eval, no Function, nothing but arithmetic can run.
 */

/** Raised for input that is not a valid expression; the message says what and where. */
export class CalculationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalculationError";
  }
}

const MAX_LENGTH = 1_000;
const MAX_DEPTH = 64;

const CONSTANTS = new Map<string, number>([
  ["pi", Math.PI],
  ["e", Math.E],
]);

const FUNCTIONS = new Map<string, { arity: number | "any"; apply: (...args: number[]) => number }>([
  ["sqrt", { arity: 1, apply: Math.sqrt }],
  ["abs", { arity: 1, apply: Math.abs }],
  ["round", { arity: 1, apply: Math.round }],
  ["floor", { arity: 1, apply: Math.floor }],
  ["ceil", { arity: 1, apply: Math.ceil }],
  ["min", { arity: "any", apply: Math.min }],
  ["max", { arity: "any", apply: Math.max }],
]);

type Token = { kind: "number"; value: number; at: number } | { kind: "name" | "symbol"; text: string; at: number };

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const char = source[at] as string;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number !== null) {
      tokens.push({ kind: "number", value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name !== null) {
      tokens.push({ kind: "name", text: name[0].toLowerCase(), at });
      at += name[0].length;
      continue;
    }
    const symbol = rest.startsWith("**") ? "^" : char;
    if (!"+-*/%^(),".includes(symbol)) throw new CalculationError(`Unexpected character '${char}' at position ${at + 1}.`);
    tokens.push({ kind: "symbol", text: symbol, at });
    at += rest.startsWith("**") ? 2 : 1;
  }
  return tokens;
}

class Parser {
  #index = 0;
  #depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): number {
    if (this.tokens.length === 0) throw new CalculationError("The expression is empty; try e.g. 2 * (3 + 4).");
    const value = this.#sum();
    const extra = this.tokens[this.#index];
    if (extra !== undefined) throw this.#unexpected(extra);
    return value;
  }

  // sum := product (("+" | "-") product)*
  #sum(): number {
    let value = this.#product();
    for (let symbol = this.#peekSymbol(); symbol === "+" || symbol === "-"; symbol = this.#peekSymbol()) {
      this.#index += 1;
      const right = this.#product();
      value = symbol === "+" ? value + right : value - right;
    }
    return value;
  }

  // product := unary (("*" | "/" | "%") unary)*
  #product(): number {
    let value = this.#unary();
    for (let symbol = this.#peekSymbol(); symbol === "*" || symbol === "/" || symbol === "%"; symbol = this.#peekSymbol()) {
      this.#index += 1;
      const right = this.#unary();
      if ((symbol === "/" || symbol === "%") && right === 0) throw new CalculationError("Division by zero.");
      value = symbol === "*" ? value * right : symbol === "/" ? value / right : value % right;
    }
    return value;
  }

  // unary := ("+" | "-") unary | power    (so -2^2 is -(2^2), as in mathematics)
  #unary(): number {
    const symbol = this.#peekSymbol();
    if (symbol === "+" || symbol === "-") {
      this.#index += 1;
      const value = this.#nested(() => this.#unary());
      return symbol === "-" ? -value : value;
    }
    return this.#power();
  }

  // power := primary ("^" unary)?    (right-associative: 2^3^2 is 2^9)
  #power(): number {
    const base = this.#primary();
    if (this.#peekSymbol() !== "^") return base;
    this.#index += 1;
    return base ** this.#nested(() => this.#unary());
  }

  // primary := number | constant | function "(" sum ("," sum)* ")" | "(" sum ")"
  #primary(): number {
    const token = this.tokens[this.#index];
    if (token === undefined) throw new CalculationError("The expression ends too early; a number or '(' is missing.");
    this.#index += 1;
    if (token.kind === "number") return token.value;
    if (token.kind === "symbol") {
      if (token.text !== "(") throw this.#unexpected(token);
      const value = this.#nested(() => this.#sum());
      this.#expect(")");
      return value;
    }
    const constant = CONSTANTS.get(token.text);
    if (constant !== undefined) return constant;
    const fn = FUNCTIONS.get(token.text);
    if (fn === undefined) {
      throw new CalculationError(`Unknown name '${token.text}'; known: ${[...CONSTANTS.keys(), ...FUNCTIONS.keys()].join(", ")}.`);
    }
    this.#expect("(");
    const args = [this.#nested(() => this.#sum())];
    while (this.#peekSymbol() === ",") {
      this.#index += 1;
      args.push(this.#nested(() => this.#sum()));
    }
    this.#expect(")");
    if (fn.arity !== "any" && args.length !== fn.arity) {
      throw new CalculationError(`${token.text}() takes ${fn.arity} argument${fn.arity === 1 ? "" : "s"}, got ${args.length}.`);
    }
    return fn.apply(...args);
  }

  #nested(parse: () => number): number {
    this.#depth += 1;
    if (this.#depth > MAX_DEPTH) throw new CalculationError(`The expression nests deeper than ${MAX_DEPTH} levels.`);
    try {
      return parse();
    } finally {
      this.#depth -= 1;
    }
  }

  #peekSymbol(): string | undefined {
    const token = this.tokens[this.#index];
    return token?.kind === "symbol" ? token.text : undefined;
  }

  #expect(symbol: string): void {
    const token = this.tokens[this.#index];
    if (token === undefined) throw new CalculationError(`'${symbol}' is missing at the end of the expression.`);
    if (token.kind !== "symbol" || token.text !== symbol) throw this.#unexpected(token);
    this.#index += 1;
  }

  #unexpected(token: Token): CalculationError {
    const text = token.kind === "number" ? this.source.slice(token.at).match(NUMBER)?.[0] : token.text;
    return new CalculationError(`Unexpected '${text}' at position ${token.at + 1}.`);
  }
}

/**
 * Evaluates an arithmetic expression, e.g. `2 * (3 + 4)` or `sqrt(16) + 2^3`.
 * @throws {CalculationError} for anything that is not valid arithmetic, division by zero,
 *   or a result that is not a finite number.
 */
export function calculate(expression: string): number {
  if (expression.length > MAX_LENGTH) throw new CalculationError(`The expression is longer than ${MAX_LENGTH} characters.`);
  const value = new Parser(tokenize(expression), expression).parse();
  if (!Number.isFinite(value)) throw new CalculationError("The result is not a finite number.");
  return value;
}
