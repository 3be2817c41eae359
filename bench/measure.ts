import { measure } from "mitata";

/** One implementation's timing on one group of cases, in one round. */
export interface Timing {
  /** Mean CPU time per decision, nanoseconds (batches of calls, so the clock's own cost is spread). */
  readonly meanNs: number;
  /** Median and 99th-percentile time of a single decision, nanoseconds (each call timed alone). */
  readonly p50Ns: number;
  readonly p99Ns: number;
}

/** How long each mitata measurement runs, nanoseconds of CPU time. */
const MEASUREMENT_TIME_NS = 200e6;

/**
 * How long each implementation runs its cases untimed before each measurement, nanoseconds of CPU
 * time. Each measurement starts right after a forced full collection (`gc()`, so none pays for the
 * garbage the one before it left), and a forced collection throws away much of the library's
 * compiled code (40–50 functions deoptimized, "weak objects" in `--trace-deopt`): measured in
 * 100 ms slices right after one (`bench/after-collection.ts`), the library's whole workload ran at
 * 57–65 µs a decision in the first, 17–62 in the second, 17–23 in the third, and 12–16 µs from about
 * 500 ms on, its steady speed. The floor, a few small
 * functions, is not slowed. A natural full collection, every few seconds under load, deoptimized
 * 0–5 functions. Measured without this, the library's mean was mostly its recompilation after the
 * bench's own `gc()`; one second of the same cases first measures the code as it runs between
 * collections (docs/performance.md, "What runs").
 */
const REWARM_NS = 1e9;

/**
 * The process's CPU time (user and system, all threads), nanoseconds, at microsecond resolution.
 * On a shared machine it does not count the time other processes hold the cores, so it is far
 * steadier than the wall clock; it does count the garbage collector's helper threads.
 */
export function cpuTimeNs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) * 1e3;
}

/**
 * Times a decision function with mitata: after `REWARM_NS` of untimed calls, once in batches of
 * 128 calls on the CPU-time clock for the mean (decisions per CPU second), once call by call on
 * the wall clock for the latency percentiles. `decide` is called with the cases of the group in
 * turn, so every case is measured the same number of times.
 */
export async function timeDecisions<T>(cases: readonly T[], decide: (input: T) => unknown): Promise<Timing> {
  await runUntimed(cases, decide, REWARM_NS);
  const next = cycle(cases);
  const call = (): unknown => decide(next());
  // `gc: false`: mitata would otherwise force a collection of its own before each measurement.
  const batched = await measure(call, {
    gc: false,
    batch_threshold: Infinity,
    batch_samples: 128,
    batch_unroll: 1,
    min_cpu_time: MEASUREMENT_TIME_NS,
    now: cpuTimeNs,
  });
  const single = await measure(call, { gc: false, batch_threshold: -1, min_cpu_time: MEASUREMENT_TIME_NS });
  return { meanNs: batched.avg, p50Ns: single.p50, p99Ns: single.p99 };
}

/**
 * Decides the inputs in turn, untimed, until `cpuNs` nanoseconds of the process's CPU time have
 * passed (at least one pass): so that what is measured next runs compiled code.
 */
export async function runUntimed<T>(inputs: readonly T[], decide: (input: T) => unknown, cpuNs: number): Promise<void> {
  const until = cpuTimeNs() + cpuNs;
  do for (const input of inputs) await decide(input);
  while (cpuTimeNs() < until);
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median of each field over several rounds. */
export function medianTiming(rounds: readonly Timing[]): Timing {
  return {
    meanNs: median(rounds.map((round) => round.meanNs)),
    p50Ns: median(rounds.map((round) => round.p50Ns)),
    p99Ns: median(rounds.map((round) => round.p99Ns)),
  };
}

/** A function returning the items in turn, forever. */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error("nothing to cycle through");
  let index = 0;
  return () => {
    const item = items[index] as T;
    index = index + 1 === items.length ? 0 : index + 1;
    return item;
  };
}
