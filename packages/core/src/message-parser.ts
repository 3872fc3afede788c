/**
 * `JSON.parse` for incoming messages, faster for the shapes a client keeps sending.
 *
 * A client sends the same few message shapes over and over: the same keys in the same order,
 * compact, with only ids and argument values changing. For such a shape this parser compiles
 * (once) a function that checks the fixed text in place, scans only the values, and
 * builds the result with an object literal. That skips what makes `JSON.parse` costly for a
 * small message: looking every key and short string up in V8's string table and finding each
 * object's hidden class one key at a time. A pipelined stdio tools/call, as the stdio transport
 * cuts it from its input, parses in about 190 ns instead of about 570 (benchmarks/README.md,
 * eighth pass).
 *
 * The result is always exactly what `JSON.parse(text)` returns. A compiled shape accepts a
 * text only when it is the shape's fixed text with a valid JSON value of the expected kind in
 * each slot: strings without escapes or control characters (their text is their value),
 * numbers checked against JSON's grammar, `true`/`false`, and for arrays and empty objects any
 * JSON value, which `JSON.parse` reads. Anything else (whitespace, escapes, another key order,
 * invalid JSON) goes to `JSON.parse`, so errors are `JSON.parse`'s own.
 *
 * Shapes are learned from texts that are canonical (`JSON.stringify(JSON.parse(text)) === text`)
 * at most once per `LEARN_INTERVAL` messages that no shape accepted, at most `MAX_SHAPES` at a
 * time (the least used one makes room) and `MAX_COMPILES` over the parser's life, so a client
 * that keeps changing shape costs a bounded amount of compiling. The generated code holds only
 * literals written by `JSON.stringify`, never text from a message as code. Where the runtime
 * forbids compiling code (Cloudflare Workers), every text goes to `JSON.parse`.
 */

/** How a value of the learned shape is read. */
type Slot =
  | { kind: "string"; hint: string | undefined }
  | { kind: "number" }
  | { kind: "boolean" }
  /** Arrays and empty objects: the value's extent is scanned and `JSON.parse` reads it. */
  | { kind: "any" };

/** A compiled shape: the value of `text`, or `undefined` when `text` does not have this shape. */
type ShapeParse = (text: string) => unknown;

interface Shape {
  readonly parse: ShapeParse;
  hits: number;
}

/** Messages that no shape accepted between two learning attempts. */
const LEARN_INTERVAL = 64;
/** The first attempt comes sooner, so a short session benefits too. */
const FIRST_LEARN_AFTER = 4;
const MAX_SHAPES = 8;
const MAX_COMPILES = 64;
/** Shapes beyond these limits are not learned. */
const MAX_SLOTS = 64;
const MAX_DEPTH = 8;
const MAX_TEXT = 4096;
/**
 * Longer texts go to `JSON.parse` at once. A fixed-text check that fails searches the rest of
 * the text (see `literalCheck`), so this bounds what trying the shapes can cost.
 */
const MAX_MATCH = 64 * 1024;
/** Strings up to this length are tried as the literal seen when the shape was learned (e.g. the method). */
const MAX_HINT = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const FIRST_PRINTABLE = 0x20;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** Integers with at most this many digits are exact when accumulated digit by digit. */
const EXACT_DIGITS = 15;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Index of the closing quote of the string starting at `start` (a quote), or -1 if it has an escape or a control character. */
function plainStringEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== QUOTE) return -1;
  const length = text.length;
  for (let index = start + 1; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) return index;
    if (code === BACKSLASH || code < FIRST_PRINTABLE) return -1;
  }
  return -1;
}

/** End of the JSON number starting at `start`, or -1 when the text there is not one (JSON's grammar, not `Number()`'s). */
function numberEnd(text: string, start: number): number {
  let index = start;
  let code = text.charCodeAt(index);
  if (code === MINUS) code = text.charCodeAt((index += 1));
  if (code === ZERO) {
    code = text.charCodeAt((index += 1));
  } else if (code > ZERO && code <= NINE) {
    do code = text.charCodeAt((index += 1));
    while (isDigit(code));
  } else {
    return -1;
  }
  if (code === DOT) {
    code = text.charCodeAt((index += 1));
    if (!isDigit(code)) return -1;
    do code = text.charCodeAt((index += 1));
    while (isDigit(code));
  }
  if (code === LOWER_E || code === UPPER_E) {
    code = text.charCodeAt((index += 1));
    if (code === PLUS || code === MINUS) code = text.charCodeAt((index += 1));
    if (!isDigit(code)) return -1;
    do code = text.charCodeAt((index += 1));
    while (isDigit(code));
  }
  return index;
}

/** The value of the JSON number `text.slice(start, end)` (already checked by `numberEnd`). */
function numberValue(text: string, start: number, end: number): number {
  if (end - start > EXACT_DIGITS) return Number(text.slice(start, end));
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) return Number(text.slice(start, end));
    value = value * 10 + (code - ZERO);
  }
  return value;
}

/**
 * End of the array or object starting at `start`, found by counting brackets outside strings,
 * or -1. Only finds the extent: `JSON.parse` of it decides whether it is valid.
 */
function nestedEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return -1;
  const length = text.length;
  let depth = 0;
  for (let index = start; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      // Skip the string, escapes included.
      for (index += 1; index < length; index += 1) {
        const inner = text.charCodeAt(index);
        if (inner === BACKSLASH) index += 1;
        else if (inner === QUOTE) break;
      }
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/** Marks a nested value `JSON.parse` refused. */
const INVALID: unique symbol = Symbol("invalid");

function parseNested(text: string, start: number, end: number): unknown {
  try {
    return JSON.parse(text.slice(start, end));
  } catch {
    return INVALID;
  }
}

/** What the compiled code calls. */
const HELPERS = { plainStringEnd, numberEnd, numberValue, nestedEnd, parseNested, INVALID };

/** The fixed text and the slots of a shape, in text order, plus the JS expression that builds its value. */
interface Plan {
  /** `literals[n]` comes before `slots[n]`; the last one ends the text. */
  readonly literals: string[];
  readonly slots: Slot[];
  readonly build: string;
}

class NotLearnable extends Error {}

/** The plan of a canonical message's shape, or undefined when it is not worth (or not safe) compiling. */
function planOf(value: unknown): Plan | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const literals = [""];
  const slots: Slot[] = [];
  const append = (text: string): void => {
    literals[literals.length - 1] += text;
  };
  const slot = (read: Slot): string => {
    if (slots.length === MAX_SLOTS) throw new NotLearnable();
    slots.push(read);
    literals.push("");
    return `v${slots.length - 1}`;
  };
  const walk = (node: unknown, depth: number): string => {
    if (node === null) {
      append("null");
      return "null";
    }
    switch (typeof node) {
      case "string": {
        const quoted = JSON.stringify(node);
        const plain = quoted.length === node.length + 2;
        return slot({ kind: "string", hint: plain && node.length <= MAX_HINT ? node : undefined });
      }
      case "number":
        return slot({ kind: "number" });
      case "boolean":
        return slot({ kind: "boolean" });
      case "object": {
        const keys = Array.isArray(node) ? [] : Object.keys(node);
        if (keys.length === 0) return slot({ kind: "any" });
        if (depth === MAX_DEPTH) throw new NotLearnable();
        const fields: string[] = [];
        keys.forEach((key, index) => {
          // In an object literal a "__proto__" key sets the prototype rather than a property.
          if (key === "__proto__") throw new NotLearnable();
          const quotedKey = JSON.stringify(key);
          append(`${index === 0 ? "{" : ","}${quotedKey}:`);
          fields.push(`${quotedKey}: ${walk((node as Record<string, unknown>)[key], depth + 1)}`);
        });
        append("}");
        return `{ ${fields.join(", ")} }`;
      }
      default:
        throw new NotLearnable();
    }
  };
  try {
    const build = walk(value, 0);
    return { literals, slots, build };
  } catch (error) {
    if (error instanceof NotLearnable) return undefined;
    throw error;
  }
}

/** The statements that read slot `index` at `i` into `v<index>`, or return undefined. */
function readSlot(read: Slot, index: number): string {
  const name = `v${index}`;
  switch (read.kind) {
    case "string": {
      const scan = `j = plainStringEnd(s, i); if (j < 0) return undefined; ${name} = s.slice(i + 1, j); i = j + 1;`;
      if (read.hint === undefined) return `let ${name}; ${scan}`;
      const quoted = JSON.stringify(read.hint);
      return `let ${name}; if (s.indexOf(${JSON.stringify(quoted)}, i) === i) { ${name} = ${quoted}; i += ${quoted.length}; } else { ${scan} }`;
    }
    case "number":
      return `j = numberEnd(s, i); if (j < 0) return undefined; const ${name} = numberValue(s, i, j); i = j;`;
    case "boolean":
      return `let ${name}; if (s.indexOf("true", i) === i) { ${name} = true; i += 4; } else if (s.indexOf("false", i) === i) { ${name} = false; i += 5; } else return undefined;`;
    case "any":
      return `j = nestedEnd(s, i); if (j < 0) return undefined; const ${name} = parseNested(s, i, j); if (${name} === INVALID) return undefined; i = j;`;
  }
}

/**
 * `s.indexOf(literal, i) === i` rather than `s.startsWith(literal, i)`: TurboFan turns a
 * `startsWith` with a constant into a loop over the characters, which on the sliced strings a
 * transport cuts lines into (a view into the chunk read) is slow; `indexOf` calls V8's string
 * search. On stdio that took a pipelined tools/call from 1.4 to 1.2 µs of CPU.
 */
function literalCheck(literal: string): string {
  if (literal === "") return "";
  return `if (s.indexOf(${JSON.stringify(literal)}, i) !== i) return undefined; i += ${literal.length};`;
}

function compile(plan: Plan): ShapeParse {
  const names = Object.keys(HELPERS);
  const lines = ['"use strict";', `const { ${names.join(", ")} } = helpers;`, "return function parseShape(s) {", "let i = 0; let j = 0;"];
  plan.slots.forEach((read, index) => {
    lines.push(literalCheck(plan.literals[index] ?? ""), readSlot(read, index));
  });
  lines.push(literalCheck(plan.literals[plan.slots.length] ?? ""), "if (i !== s.length) return undefined;", `return ${plan.build};`, "};");
  const factory = new Function("helpers", lines.join("\n")) as (helpers: typeof HELPERS) => ShapeParse;
  return factory(HELPERS);
}

let compiling: boolean | undefined;

/** Whether this runtime lets code be compiled at run time (Workers and strict CSPs do not). */
function canCompile(): boolean {
  if (compiling === undefined) {
    try {
      compiling = (new Function("return true") as () => boolean)();
    } catch {
      compiling = false;
    }
  }
  return compiling;
}

/** Tuning of {@link MessageParser} (tests use it to learn at once). */
export interface MessageParserOptions {
  /** Messages no shape accepted before the first learning attempt; default 4. */
  firstLearnAfter?: number;
  /** Such messages between later attempts; default 64. */
  learnInterval?: number;
}

/** Parses incoming message texts; see the module comment. One per server. */
export class MessageParser {
  readonly #shapes: Shape[] = [];
  readonly #learnInterval: number;
  #untilLearning: number;
  #compiles = 0;
  /** False once a compile failed (not expected: the code is generated from a plan). */
  #learning = true;

  constructor(options: MessageParserOptions = {}) {
    this.#untilLearning = options.firstLearnAfter ?? FIRST_LEARN_AFTER;
    this.#learnInterval = options.learnInterval ?? LEARN_INTERVAL;
  }

  /** Exactly `JSON.parse(text)`: the same value, and the same `SyntaxError` for invalid JSON. */
  parse(text: string): unknown {
    const shapes = this.#shapes;
    const count = text.length <= MAX_MATCH ? shapes.length : 0;
    for (let index = 0; index < count; index += 1) {
      const shape = shapes[index] as Shape;
      const value = shape.parse(text);
      if (value !== undefined) {
        shape.hits += 1;
        return value;
      }
    }
    const value: unknown = JSON.parse(text);
    this.#untilLearning -= 1;
    if (this.#untilLearning <= 0) {
      this.#untilLearning = this.#learnInterval;
      this.#learn(text, value);
    }
    return value;
  }

  /** Number of shapes compiled so far (for tests and diagnostics). */
  get compiledShapes(): number {
    return this.#compiles;
  }

  /** Number of shapes kept now (at most 8). */
  get shapes(): number {
    return this.#shapes.length;
  }

  #learn(text: string, value: unknown): void {
    if (!this.#learning || this.#compiles >= MAX_COMPILES || text.length > MAX_TEXT || !canCompile()) return;
    // planOf refuses non-objects and unsafe shapes; only a canonical text's shape is compiled.
    const plan = planOf(value);
    if (plan === undefined || JSON.stringify(value) !== text) return;
    let parse: ShapeParse;
    try {
      parse = compile(plan);
    } catch {
      // Stop learning and go on with JSON.parse.
      this.#learning = false;
      return;
    }
    this.#compiles += 1;
    const shapes = this.#shapes;
    if (shapes.length === MAX_SHAPES) {
      // The least used shape makes room; the others start counting again.
      let least = 0;
      shapes.forEach((shape, index) => {
        if (shape.hits < (shapes[least] as Shape).hits) least = index;
      });
      shapes.splice(least, 1);
      for (const shape of shapes) shape.hits = 0;
    }
    shapes.push({ parse, hits: 0 });
  }
}
