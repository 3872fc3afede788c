/**
 * Lookups keyed by client-chosen strings. A plain object answers `constructor`, `toString`,
 * `__proto__`… from `Object.prototype`, so a method, argument or completion name chosen by a
 * client would reach a function that was never registered (defect 6 of issue 16). Tables built
 * here have no prototype, and `ownValue` reads only own properties.
 */

/**
 * A frozen lookup table with no prototype: only the given keys are present. Built as a literal
 * whose prototype is then set to null, not with `Object.create(null)`: V8 keeps the former in
 * fast (hidden-class) mode, while `Object.create(null)` objects start in dictionary mode, whose
 * keyed loads are a hash probe per read (the engine's method lookup runs once per request;
 * benchmarks/RESULTS-policies.md, section 1).
 */
export function lookupTable<Value>(entries: Readonly<Record<string, Value>>): Readonly<Record<string, Value | undefined>> {
  return Object.freeze(Object.setPrototypeOf({ ...entries }, null) as Record<string, Value>);
}

/** An empty object with no prototype, to collect values under client-chosen keys. */
export function recordWithoutPrototype<Value>(): Record<string, Value> {
  return Object.create(null) as Record<string, Value>;
}

/** `record[key]` when `key` is an own property of `record`, else undefined (never inherited). */
export function ownValue<Value>(record: Readonly<Record<string, Value>> | undefined, key: string): Value | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
