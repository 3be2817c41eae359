/** Longest part of a received value that a message repeats; longer values are cut with a note. */
const MAX_QUOTED = 64;

/**
 * Quotes a received string for a message, cutting long values so a megabyte input gives a short
 * message.
 *
 * @example
 * ```ts
 * import { quote } from "./describe";
 *
 * expect(quote("Snapshoot")).toBe('"Snapshoot"');
 * expect(quote("x".repeat(100))).toBe(`"${"x".repeat(64)}…" (100 characters)`);
 * ```
 */
export function quote(value: string): string {
  if (value.length <= MAX_QUOTED) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_QUOTED)).slice(0, -1)}…"${lengthNote(value)}`;
}

/**
 * A received string repeated in a message without quotes (a job id, a key), cut like `quote`.
 *
 * @example
 * ```ts
 * import { cut } from "./describe";
 *
 * expect(cut("5073731")).toBe("5073731");
 * expect(cut("9".repeat(100))).toBe(`${"9".repeat(64)}… (100 characters)`);
 * ```
 */
export function cut(value: string): string {
  return value.length <= MAX_QUOTED ? value : `${value.slice(0, MAX_QUOTED)}…${lengthNote(value)}`;
}

function lengthNote(value: string): string {
  return ` (${value.length} characters)`;
}

/**
 * Says what kind of JavaScript value was received, for "expected X, received Y" messages. Never
 * throws, whatever the value (proxies, objects with throwing getters, cyclic structures).
 *
 * @example
 * ```ts
 * import { describeValue } from "./describe";
 *
 * expect(describeValue(null)).toBe("null");
 * expect(describeValue([1])).toBe("an array");
 * expect(describeValue(5)).toBe("the number 5");
 * expect(describeValue("abc")).toBe('the string "abc"');
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "string":
      return `the string ${quote(value)}`;
    case "number":
    case "boolean":
      return `the ${typeof value} ${String(value)}`;
    case "bigint":
      return `the bigint ${cut(String(value))}`;
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
  }
  try {
    if (Array.isArray(value)) return "an array";
    if (value instanceof Date) return "a Date";
  } catch {
    // A revoked proxy answers neither question.
  }
  return "an object";
}

/**
 * Joins accepted values for a message: `a`, `a or b`, `a, b or c`.
 *
 * @example
 * ```ts
 * import { oneOf } from "./describe";
 *
 * expect(oneOf(["Logical", "Physical", "Snapshot"])).toBe("Logical, Physical or Snapshot");
 * ```
 */
export function oneOf(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}
