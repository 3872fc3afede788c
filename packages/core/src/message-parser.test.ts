import { describe, expect, it } from "vitest";
import { MessageParser } from "./message-parser.js";

/** Equal as JSON.parse results: same prototypes, same own keys in the same order, primitives by Object.is (-0 too). */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== "object" || expected === null) return Object.is(actual, expected);
  if (typeof actual !== "object" || actual === null) return false;
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return false;
  const keys = Reflect.ownKeys(expected);
  const actualKeys = Reflect.ownKeys(actual);
  if (keys.length !== actualKeys.length || keys.some((key, index) => key !== actualKeys[index])) return false;
  return keys.every((key) =>
    sameValue((actual as Record<string | symbol, unknown>)[key], (expected as Record<string | symbol, unknown>)[key]),
  );
}

/** What parsing `text` gives: the value, or the SyntaxError's message. */
function outcome(parse: (text: string) => unknown, text: string): { value: unknown } | { error: string } {
  try {
    return { value: parse(text) };
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError);
    return { error: (error as Error).message };
  }
}

function expectSameAsJsonParse(parser: MessageParser, text: string): void {
  const ours = outcome((t) => parser.parse(t), text);
  const reference = outcome((t) => JSON.parse(t) as unknown, text);
  if ("error" in reference) {
    expect(ours, text).toEqual(reference);
    return;
  }
  expect("value" in ours && sameValue(ours.value, reference.value), text).toBe(true);
}

/** A small deterministic PRNG, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Raw value texts put in the slots of a learned shape: valid and invalid JSON alike. */
const TOKENS = [
  // numbers, and things that are not JSON numbers
  "0", "-0", "7", "-12", "123456789012345", "1234567890123456789", "9007199254740993", "1.5", "-0.25", "1e5", "1E+5",
  "2e-3", "0.0", "01", "00", "-01", "1.", ".5", "-", "1e", "1e+", "+1", "0x10", "Infinity", "NaN", "1.5e", "--1",
  // strings
  '""', '"abc"', '"tools/call"', '"2.0"', '"a\\"b"', '"\\u0041"', '"a\\nb"', '"tab\there"', '"line\nbreak"', '"é ü 😀"',
  '"\ud800"', '"unterminated', '"a"b"', '"]"', '"}"',
  // literals
  "true", "false", "null", "tru", "nul", "True",
  // arrays and objects
  "[]", "{}", "[1,2]", '{"x":[1,{"y":"]"}]}', '[1,]', '{"a":1}', "[", '{"a":"}"}', '[{"b":[]}]', '{"a":1,"a":2}', '{"__proto__":1}',
  " 1", "1 ",
];

const KEYS = ["jsonrpc", "id", "method", "params", "name", "arguments", "a", "b", "_meta", "1", "constructor", "a b", "ключ", "", "__proto__"];

/** A random valid value for learning a shape. */
function randomValue(next: () => number, depth: number): unknown {
  const pick = next();
  if (depth < 3 && pick < 0.3) {
    const object: Record<string, unknown> = {};
    const count = Math.floor(next() * 4);
    for (let index = 0; index < count; index += 1) {
      const key = KEYS[Math.floor(next() * KEYS.length)] as string;
      Object.defineProperty(object, key, { value: randomValue(next, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  if (pick < 0.4) return [1, "x"];
  if (pick < 0.6) return Math.floor(next() * 1000) - 500;
  if (pick < 0.7) return next() < 0.5;
  if (pick < 0.75) return null;
  return ["add", "tools/call", "", "é", "x y"][Math.floor(next() * 5)];
}

/** The learned text with some leaf tokens replaced by others from TOKENS. */
function variant(text: string, next: () => number): string {
  // Replace values after ':' (up to the next ',' or '}' at the same level, roughly): good enough to hit every slot kind.
  return text.replace(/:("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|\[[^\]]*\])/g, (whole, value: string) =>
    next() < 0.5 ? `:${value}` : `:${TOKENS[Math.floor(next() * TOKENS.length)] as string}`,
  );
}

describe("MessageParser", () => {
  const call = (id: number | string, a: unknown = 1) =>
    `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"method":"tools/call","params":{"name":"add","arguments":{"a":${JSON.stringify(a)},"b":2}}}`;

  it("learns a repeated shape and then parses it itself, with the same values as JSON.parse", () => {
    const parser = new MessageParser({ firstLearnAfter: 2 });
    expect(parser.compiledShapes).toBe(0);
    for (let id = 1; id <= 3; id += 1) expectSameAsJsonParse(parser, call(id));
    expect(parser.compiledShapes).toBe(1);
    for (const text of [call(99), call("abc"), call(5, "x"), call(6, -0.5), call(7, [1, { a: "]" }]), call(8, { deep: [true] })]) {
      expectSameAsJsonParse(parser, text);
    }
    // The values differ between texts; the objects are fresh each time.
    const first = parser.parse(call(10)) as { params: object };
    const second = parser.parse(call(10)) as { params: object };
    expect(first).not.toBe(second);
    expect(first.params).not.toBe(second.params);
  });

  it("gives JSON.parse's SyntaxError for invalid texts of a learned shape", () => {
    const parser = new MessageParser({ firstLearnAfter: 1 });
    parser.parse(call(1));
    expect(parser.compiledShapes).toBe(1);
    for (const bad of ["01", "1.", "-", "1e", "+1", '"a\tb"', "[1,", "tru", "{"]) {
      const text = call(2).replace('"a":1', `"a":${bad}`);
      expect(() => parser.parse(text), text).toThrow(SyntaxError);
    }
    expect(() => parser.parse(`${call(3)}x`)).toThrow(SyntaxError);
    expect(() => parser.parse(call(3).slice(0, -1))).toThrow(SyntaxError);
  });

  it("parses texts longer than 64 KiB with JSON.parse, whatever their shape", () => {
    const parser = new MessageParser({ firstLearnAfter: 1 });
    parser.parse(call(1, "short"));
    expect(parser.compiledShapes).toBe(1);
    expectSameAsJsonParse(parser, call(2, "x".repeat(70_000)));
    expectSameAsJsonParse(parser, call(3, "y".repeat(60_000)));
  });

  it("leaves texts with whitespace, escapes or another key order to JSON.parse, with the same result", () => {
    const parser = new MessageParser({ firstLearnAfter: 1 });
    parser.parse(call(1));
    for (const text of [
      ` ${call(2)}`,
      `${call(2)} `,
      call(2).replace('"name":"add"', '"name":"a\\u0064d"'),
      call(2).replace('"a":1', '"a": 1'),
      '{"id":2,"jsonrpc":"2.0","method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}}',
    ]) {
      expectSameAsJsonParse(parser, text);
    }
  });

  it("does not learn shapes with a __proto__ key, and parses them as JSON.parse does (an own property)", () => {
    const parser = new MessageParser({ firstLearnAfter: 1, learnInterval: 1 });
    const text = '{"jsonrpc":"2.0","id":1,"method":"m","params":{"__proto__":{"polluted":true}}}';
    for (let round = 0; round < 3; round += 1) expectSameAsJsonParse(parser, text);
    expect(parser.compiledShapes).toBe(0);
    const params = (parser.parse(text) as { params: Record<string, unknown> }).params;
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.hasOwn(params, "__proto__")).toBe(true);
  });

  it("learns only canonical texts, and keeps at most 8 shapes", () => {
    const parser = new MessageParser({ firstLearnAfter: 1, learnInterval: 1 });
    parser.parse('{ "jsonrpc": "2.0", "id": 1, "method": "ping" }');
    parser.parse('{"jsonrpc":"2.0","id":1.0,"method":"ping"}');
    expect(parser.compiledShapes).toBe(0);
    for (let index = 0; index < 20; index += 1) parser.parse(`{"jsonrpc":"2.0","id":1,"method":"m","params":{"k${index}":1}}`);
    expect(parser.compiledShapes).toBe(20);
    expect(parser.shapes).toBe(8);
  });

  it("stops compiling after 64 shapes, and still parses", () => {
    const parser = new MessageParser({ firstLearnAfter: 1, learnInterval: 1 });
    for (let index = 0; index < 100; index += 1) {
      expectSameAsJsonParse(parser, `{"jsonrpc":"2.0","id":1,"method":"m","params":{"k${index}":${index}}}`);
    }
    expect(parser.compiledShapes).toBe(64);
  });

  it("keeps the shape in use when new ones come and go", () => {
    const parser = new MessageParser({ firstLearnAfter: 1, learnInterval: 1 });
    parser.parse(call(1));
    for (let index = 0; index < 30; index += 1) {
      for (let id = 0; id < 5; id += 1) parser.parse(call(id));
      parser.parse(`{"jsonrpc":"2.0","id":1,"method":"m","params":{"k${index}":1}}`);
    }
    const before = parser.compiledShapes;
    parser.parse(call(77));
    expect(parser.compiledShapes).toBe(before);
  });

  it("returns what JSON.parse returns for random shapes and random slot values (differential)", () => {
    const next = random(20261122);
    let learned = 0;
    for (let round = 0; round < 300; round += 1) {
      const value = randomValue(next, 0);
      const message = typeof value === "object" && value !== null && !Array.isArray(value) ? value : { value };
      const text = JSON.stringify(message);
      const parser = new MessageParser({ firstLearnAfter: 1 });
      expectSameAsJsonParse(parser, text);
      learned += parser.compiledShapes;
      for (let index = 0; index < 20; index += 1) expectSameAsJsonParse(parser, variant(text, next));
    }
    // Most random shapes are learnable (not all: __proto__ keys, non-canonical key order).
    expect(learned).toBeGreaterThan(150);
  });
});
