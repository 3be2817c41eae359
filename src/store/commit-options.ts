/** How the commit loop retries a lost compare-and-set, and how long one call may take. */
export interface CommitOptions {
  /** Load-decide-write rounds before `store.contention`; a positive integer, default 10. */
  readonly maxAttempts?: number;
  /**
   * Milliseconds to wait after the `attempt`-th compare-and-set was lost (1-based). Default:
   * exponential with full jitter (see `defaultBackoff`). 0 retries at once, without a timer.
   */
  readonly backoff?: (attempt: number) => number;
  /**
   * The whole call's deadline in milliseconds (`serve --request-timeout`): every store call and
   * backoff is raced against the time left, and a call past it answers `store.unavailable` (whose
   * message says whether a write may have happened). A positive number up to 2^31 − 1; default 15,000.
   */
  readonly deadlineMs?: number;
}

/** The default of `maxAttempts`. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** The default of `deadlineMs`: 15 seconds. */
export const DEFAULT_DEADLINE_MS = 15_000;

/** The longest deadline a timer can hold. */
const MAX_DEADLINE_MS = 2 ** 31 - 1;

const BASE_MS = 2;
const CAP_MS = 100;

/**
 * The default backoff after the `attempt`-th lost compare-and-set: a wait drawn between 0 and
 * min(100, 2 × 2^(attempt − 1)) ms ("full jitter"). The draw is not random: it is `spread` (a
 * number in [0, 1) that the loop derives from a hash of the call and the attempt), so the loop
 * stays pure and reproducible while two different calls racing for one instance wait different
 * times.
 *
 * @example
 * ```ts
 * import { defaultBackoff } from "rds-backup-rules/store";
 *
 * expect(defaultBackoff(1, 0.5)).toBe(1);
 * expect(defaultBackoff(3, 0.5)).toBe(4);
 * expect(defaultBackoff(20, 0.999)).toBeLessThan(100);
 * ```
 */
export function defaultBackoff(attempt: number, spread: number): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return ceiling * spread;
}

/** The options as the loop uses them: anything but a positive integer or a function falls back to the default. */
export interface ResolvedOptions {
  readonly maxAttempts: number;
  readonly deadlineMs: number;
  /** The wait after the `attempt`-th lost compare-and-set, for a call whose hash spread is `spread`; finite, ≥ 0. */
  readonly waitAfter: (attempt: number, spread: number) => number;
}

/**
 * Reads `options` once, totally: a `maxAttempts` that is not a positive safe integer, a
 * `deadlineMs` that is not a number in (0, 2^31 − 1] and a `backoff` that is not a function fall
 * back to the defaults; a backoff that throws or returns something other than a finite number ≥ 0
 * means no wait.
 *
 * @example
 * ```ts
 * import { resolveOptions } from "./commit-options";
 *
 * expect(resolveOptions({ maxAttempts: 3 }).maxAttempts).toBe(3);
 * expect(resolveOptions({ maxAttempts: 0 }).maxAttempts).toBe(10);
 * expect(resolveOptions({ deadlineMs: 500 }).deadlineMs).toBe(500);
 * expect(resolveOptions({ deadlineMs: -1 }).deadlineMs).toBe(15_000);
 * expect(resolveOptions({ backoff: () => Number.NaN }).waitAfter(1, 0.5)).toBe(0);
 * expect(resolveOptions(null).waitAfter(2, 0.5)).toBe(2);
 * ```
 */
export function resolveOptions(options: unknown): ResolvedOptions {
  const { maxAttempts, backoff, deadlineMs } = readFields(options);
  return {
    maxAttempts:
      typeof maxAttempts === "number" && Number.isSafeInteger(maxAttempts) && maxAttempts > 0 ? maxAttempts : DEFAULT_MAX_ATTEMPTS,
    deadlineMs: typeof deadlineMs === "number" && deadlineMs > 0 && deadlineMs <= MAX_DEADLINE_MS ? deadlineMs : DEFAULT_DEADLINE_MS,
    waitAfter:
      typeof backoff === "function"
        ? (attempt) => {
            try {
              const wait: unknown = (backoff as (attempt: number) => unknown)(attempt);
              return typeof wait === "number" && Number.isFinite(wait) && wait > 0 ? wait : 0;
            } catch {
              return 0;
            }
          }
        : defaultBackoff,
  };
}

function readFields(options: unknown): { maxAttempts?: unknown; backoff?: unknown; deadlineMs?: unknown } {
  try {
    if (typeof options !== "object" || options === null) return {};
    const { maxAttempts, backoff, deadlineMs } = options as Record<string, unknown>;
    return { maxAttempts, backoff, deadlineMs };
  } catch {
    return {};
  }
}

/**
 * A number in [0, 1) derived from `text` (FNV-1a, 32 bits): the default backoff's spread.
 *
 * @example
 * ```ts
 * import { spreadOf } from "./commit-options";
 *
 * expect(spreadOf("a")).toBe(spreadOf("a"));
 * expect(spreadOf("a")).not.toBe(spreadOf("b"));
 * expect(spreadOf("")).toBeGreaterThanOrEqual(0);
 * ```
 */
export function spreadOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}
