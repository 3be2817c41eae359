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
 * The number of runs of a property: its default in `npm test`; FUZZ_RUNS when fuzzing, times
 * `fuzzShare` for properties whose one run is many ordinary runs' worth (1,000-step sequences).
 */
export function runs(defaultRuns: number, fuzzShare = 1): number {
  return fuzzRuns === undefined ? defaultRuns : Math.max(1, Math.ceil(fuzzRuns * fuzzShare));
}

/**
 * Checks a property with the fixed seed and the run budget. A failure throws fast-check's report:
 * the counterexample, its seed and its path.
 */
export function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, defaultRuns: number, fuzzShare = 1): void {
  fc.assert(property, { seed: SEED, numRuns: runs(defaultRuns, fuzzShare) });
}
