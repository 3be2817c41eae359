/**
 * The one place that sets how the properties run: a fixed seed (override with FUZZ_SEED) and a
 * run budget. `npm test` uses each property's small default so the whole suite stays well under
 * two minutes; `npm run fuzz` sets FUZZ_RUNS (default 100,000) and every property runs that many.
 * On failure fast-check prints the seed and the path of the counterexample, so
 * `FUZZ_SEED=<seed>` reproduces it.
 */
import fc from "fast-check";

/** The fixed seed of every property. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20260131);

const fuzzRuns = process.env.FUZZ_RUNS === undefined ? undefined : Number(process.env.FUZZ_RUNS);
if (fuzzRuns !== undefined && !(Number.isSafeInteger(fuzzRuns) && fuzzRuns > 0)) {
  throw new Error(`FUZZ_RUNS must be a positive integer; got ${process.env.FUZZ_RUNS}`);
}

/** Whether this is a fuzz run (`npm run fuzz`). */
export const FUZZING = fuzzRuns !== undefined;

/**
 * Whether Stryker runs the properties against a mutant (`npm run mutation` sets
 * RDS_PROPERTY_BUDGET=mutation through `vitest.mutation.config.ts`): a third of the default runs,
 * and the exhaustive enumeration takes every fifth combination, so that thousands of mutants can
 * be tried in an hour on two cores.
 */
export const MUTATION_RUN = process.env.RDS_PROPERTY_BUDGET === "mutation";

/**
 * The number of runs of a property: its default in `npm test`; FUZZ_RUNS when fuzzing, times
 * `fuzzShare` for properties whose one run is many ordinary runs' worth (1,000-step sequences).
 */
export function runs(defaultRuns: number, fuzzShare = 1): number {
  if (fuzzRuns !== undefined) return Math.max(1, Math.ceil(fuzzRuns * fuzzShare));
  return MUTATION_RUN ? Math.max(2, Math.ceil(defaultRuns / 3)) : defaultRuns;
}

/**
 * Checks a property with the fixed seed and the run budget. A failure throws fast-check's report:
 * the counterexample, its seed and its path.
 */
export function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, defaultRuns: number, fuzzShare = 1): void {
  fc.assert(property, { seed: SEED, numRuns: runs(defaultRuns, fuzzShare) });
}
