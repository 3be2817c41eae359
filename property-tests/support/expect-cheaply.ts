/**
 * `toBe`, `toEqual`, `toBeLessThanOrEqual` and `toContain` for property bodies, which
 * `npm run fuzz` runs a million times each: a plain comparison first, and vitest's `expect` (for
 * its report and diff) only when that comparison fails. A vitest `expect` call costs microseconds
 * of bookkeeping even when it passes, which was a fifth of a cheap property's run. On the plain
 * data the properties compare (records, arrays, sets, primitives) strict deep equality implies
 * `toEqual`, and a value it finds unequal is judged by `toEqual` itself, so each passes exactly
 * when the `expect` form would.
 */
import { isDeepStrictEqual } from "node:util";
import { expect } from "vitest";

/** `expect(actual).toBe(expected)`, paying for `expect` only on a mismatch. */
export function expectIs(actual: unknown, expected: unknown): void {
  if (!Object.is(actual, expected)) expect(actual).toBe(expected);
}

/** `expect(actual).toEqual(expected)`, paying for `expect` only on a mismatch. */
export function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

/** `expect(actual).toBeLessThanOrEqual(bound)`, paying for `expect` only on a mismatch. */
export function expectAtMost(actual: number, bound: number): void {
  if (!(actual <= bound)) expect(actual).toBeLessThanOrEqual(bound);
}

/** `expect(allowed).toContain(actual)`, paying for `expect` only on a mismatch. */
export function expectOneOf(actual: unknown, allowed: readonly unknown[]): void {
  if (!allowed.includes(actual)) expect(allowed).toContain(actual);
}
