import fc from "fast-check";

/** The seed `sampleValues` uses unless told otherwise. */
export const DEFAULT_SAMPLE_SEED = 20260131;

/**
 * Draws `count` values of an arbitrary, reproducibly (a fixed seed): fixtures for example-based
 * tests, or a look at what a generator produces.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { acceptedCase, sampleValues } from "rds-backup-rules/arbitraries";
 *
 * const [first] = sampleValues(acceptedCase(), 1);
 * expect(createBackup(first!.state, first!.request, first!.context).ok).toBe(true);
 * expect(sampleValues(acceptedCase(), 3)).toEqual(sampleValues(acceptedCase(), 3));
 * ```
 */
export function sampleValues<T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number = DEFAULT_SAMPLE_SEED): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}
