#!/usr/bin/env node
/**
 * What the engine's per-request method lookup costs by how its table is built (issue 21): a
 * keyed load of a parsed method name from a frozen table built with `Object.create(null)`
 * (dictionary mode, what `lookupTable` made before), from one built as a literal whose prototype
 * is then set to null (fast mode, what it makes now), from a plain object (prototype members
 * leak) and from a `Map`. CPU ns per lookup + call, 3 rounds.
 *
 *   node scripts/method-lookup.mjs
 */
/** @type {Record<string, () => number>} */
const entries = {};
for (const [index, name] of ["tools/list", "tools/call", "resources/list", "resources/templates/list", "resources/read", "prompts/list", "prompts/get", "completion/complete", "initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe"].entries()) {
  entries[name] = () => index;
}
const dictionary = Object.freeze(Object.assign(Object.create(null), entries));
const fastNullPrototype = Object.freeze(Object.setPrototypeOf({ ...entries }, null));
const plain = Object.freeze({ ...entries });
const map = new Map(Object.entries(entries));
/** @type {Record<string, (method: string) => (() => number) | undefined>} */
const variants = {
  "Object.create(null) (dictionary)": (method) => dictionary[method],
  "literal, prototype set to null (fast)": (method) => fastNullPrototype[method],
  "plain object": (method) => plain[method],
  Map: (method) => map.get(method),
};
const texts = Array.from({ length: 1000 }, (_, id) => `{"jsonrpc":"2.0","id":${id},"method":"tools/call"}`);
const repeats = 5000;
for (let round = 1; round <= 3; round++) {
  for (const [name, lookup] of Object.entries(variants)) {
    const methods = texts.map((text) => JSON.parse(text).method);
    let sum = 0;
    const start = process.cpuUsage();
    for (let repeat = 0; repeat < repeats; repeat++) for (const method of methods) sum += lookup(method)?.() ?? 0;
    const used = process.cpuUsage(start);
    if (sum !== repeats * methods.length) throw new Error("wrong handler");
    console.log(`round ${round}  ${name.padEnd(40)} ${(((used.user + used.system) * 1000) / (repeats * methods.length)).toFixed(2)} ns`);
  }
}
