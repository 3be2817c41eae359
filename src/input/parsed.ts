import { cut, describeValue } from "../text/describe";

/** What an edge parser found wrong: where (a path or parameter name) and what, readably. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

/** The outcome of parsing one untrusted input. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issue: InputIssue };

/**
 * Thrown inside a parser to stop at the first problem; `parseSafely` turns it into an issue. Not an
 * `Error`: it never escapes `parseSafely`, and capturing a stack trace on every rejected input
 * would cost more than the parse.
 */
class StopParsing {
  constructor(readonly issue: InputIssue) {}
}

/**
 * Stops the current parser with an issue at `path`. Only valid inside a `parseSafely` callback.
 *
 * @example
 * ```ts
 * import { parseSafely, reject } from "./parsed";
 *
 * const result = parseSafely("$", () => reject("$.x", "x is wrong"));
 * expect(result).toEqual({ ok: false, issue: { path: "$.x", message: "x is wrong" } });
 * ```
 */
export function reject(path: string, message: string): never {
  throw new StopParsing({ path, message });
}

/**
 * Runs a parser so that it cannot throw: a `reject` becomes its issue, and anything else thrown
 * while reading the input (a getter that throws, a revoked proxy) becomes an issue at `path`.
 * The input is handed to `parse` as its argument, so a parser need not be a closure made per call.
 *
 * @example
 * ```ts
 * import { parseSafely } from "./parsed";
 *
 * const hostile = Object.defineProperty({}, "x", { get() { throw new Error("boom"); }, enumerable: true });
 * const result = parseSafely("$", () => (hostile as { x: number }).x);
 * expect(result.ok).toBe(false);
 * ```
 */
export function parseSafely<T, I = undefined>(path: string, parse: (input: I) => T, input?: I): Parsed<T> {
  try {
    return { ok: true, value: parse(input as I) };
  } catch (error) {
    if (error instanceof StopParsing) return { ok: false, issue: error.issue };
    return { ok: false, issue: { path, message: `${path} could not be read: reading it threw` } };
  }
}

/**
 * The input as a record of own properties, or a rejection naming what was received instead.
 *
 * @example
 * ```ts
 * import { asRecord, parseSafely } from "./parsed";
 *
 * expect(parseSafely("$", () => asRecord([], "$", "an object")).ok).toBe(false);
 * ```
 */
export function asRecord(value: unknown, path: string, expected: string): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    reject(path, `${path} must be ${expected}; received ${describeValue(value)}`);
  }
  return value as Readonly<Record<string, unknown>>;
}

/**
 * Whether `record` has `key` as an own property (inherited and polluted prototype keys do not count).
 *
 * @example
 * ```ts
 * import { hasOwn } from "./parsed";
 *
 * expect(hasOwn({ a: 1 }, "a")).toBe(true);
 * expect(hasOwn({}, "toString")).toBe(false);
 * ```
 */
export function hasOwn(record: object, key: string | number): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/**
 * Rejects the first own key of `record` that is not in `known`, suggesting nothing: callers of
 * the library wrote these objects in code, and a stray key is a bug worth a loud answer.
 *
 * @example
 * ```ts
 * import { parseSafely, rejectUnknownKeys } from "./parsed";
 *
 * expect(parseSafely("$", () => rejectUnknownKeys({ a: 1, b: 2 }, ["a"], "$")).ok).toBe(false);
 * ```
 */
export function rejectUnknownKeys(record: object, known: readonly string[], path: string): void {
  const key = firstUnknownKey(record, known);
  if (key !== undefined) rejectUnknownKey(path, key, known);
}

/**
 * The first own enumerable key of `record` that is not in `known`, if any.
 *
 * @example
 * ```ts
 * import { firstUnknownKey } from "./parsed";
 *
 * expect(firstUnknownKey({ a: 1, b: 2 }, ["a"])).toBe("b");
 * expect(firstUnknownKey({ a: 1 }, ["a", "c"])).toBeUndefined();
 * ```
 */
export function firstUnknownKey(record: object, known: readonly string[]): string | undefined {
  // `for…in` walks the own enumerable keys first, in the order of `Object.keys`, without
  // allocating their list; inherited keys (a polluted prototype's) come after, and are skipped.
  for (const key in record) if (!known.includes(key) && hasOwn(record, key)) return key;
  return undefined;
}

/**
 * Stops the parser at a key that is not a field of the object at `path`.
 *
 * @example
 * ```ts
 * import { parseSafely, rejectUnknownKey } from "./parsed";
 *
 * const result = parseSafely("$", () => rejectUnknownKey("$", "b", ["a"]));
 * expect(result).toEqual({ ok: false, issue: { path: "$.b", message: "$.b is not a field of $; its fields are a" } });
 * ```
 */
export function rejectUnknownKey(path: string, key: string, known: readonly string[]): never {
  return reject(`${path}.${key}`, `${path}.${cut(key)} is not a field of ${path}; its fields are ${known.join(", ")}`);
}

/**
 * The value of an own property, or `undefined` when the key is absent or only inherited.
 *
 * @example
 * ```ts
 * import { ownValue } from "./parsed";
 *
 * expect(ownValue({ a: 1 }, "a")).toBe(1);
 * expect(ownValue({}, "constructor")).toBeUndefined();
 * ```
 */
export function ownValue(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return hasOwn(record, key) ? record[key] : undefined;
}
