import { callsAtOnce } from "./settles-at-once";

/** The error a store call is answered with when the call's deadline passes first. */
export class DeadlineError extends Error {
  override readonly name = "TimeoutError";
}

/** One call's deadline: store calls and waits raced against the time left; `end` releases its timer. */
export interface Deadline {
  /** `work()`'s answer, or a rejection with a `DeadlineError` once the deadline has passed (`work` is then not started). */
  readonly race: <T>(work: () => Promise<T>) => Promise<T>;
  /** Waits `ms` milliseconds, or less when the deadline passes first; 0 resolves at once, without a timer. */
  readonly wait: (ms: number) => Promise<void>;
  /** Clears the timer; call it when the call is answered. */
  readonly end: () => void;
}

/**
 * Starts a deadline `ms` milliseconds from now (one timer for the whole call). A store call still
 * running when it passes is abandoned: its late answer or rejection is ignored, never unhandled.
 *
 * @example
 * ```ts
 * import { startDeadline } from "./deadline";
 *
 * const deadline = startDeadline(20);
 * expect(await deadline.race(async () => "answered")).toBe("answered");
 * await expect(deadline.race(() => new Promise(() => undefined))).rejects.toThrow("no answer within the deadline of 20 ms");
 * await expect(deadline.race(async () => "late")).rejects.toMatchObject({ name: "TimeoutError" });
 * deadline.end();
 * ```
 */
export function startDeadline(ms: number): Deadline {
  let passed = false;
  // What the deadline settles when it passes: the call or wait in progress (the loop runs one at a time).
  let onPassed: ((error: DeadlineError) => void) | undefined;
  const error = () => new DeadlineError(`no answer within the deadline of ${ms} ms`);
  const timer = setTimeout(() => {
    passed = true;
    const settle = onPassed;
    onPassed = undefined;
    settle?.(error());
  }, ms);
  return {
    race: <T>(work: () => Promise<T>): Promise<T> => {
      if (passed) return Promise.reject(error());
      let answer: Promise<T>;
      try {
        answer = Promise.resolve(work());
      } catch (thrown) {
        return Promise.reject(thrown);
      }
      // One promise per call, no Promise.race: settled by the answer, or by the deadline (a late answer is then ignored, and a late rejection handled).
      return new Promise<T>((resolve, reject) => {
        onPassed = reject;
        answer.then(
          (value) => {
            if (onPassed === reject) onPassed = undefined;
            resolve(value);
          },
          (thrown: unknown) => {
            if (onPassed === reject) onPassed = undefined;
            reject(thrown);
          },
        );
      });
    },
    wait: (wait: number) =>
      wait > 0 && !passed
        ? new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(waiting);
              if (onPassed === done) onPassed = undefined;
              resolve();
            };
            const waiting = setTimeout(done, wait);
            onPassed = done;
          })
        : Promise.resolve(),
    end: () => clearTimeout(timer),
  };
}

/**
 * The deadline of a call to a store that settles at once: the same as `startDeadline` (a call
 * started past it is refused, a backoff wait is cut at it), with its timer started at the first
 * backoff wait, since such a store can never lose a race to it before time passes. Any other
 * store gets `startDeadline`.
 *
 * @example
 * ```ts
 * import { deadlineFor } from "./deadline";
 * import { settlesAtOnce } from "./settles-at-once";
 *
 * const store = settlesAtOnce({ load: async () => undefined }, { load: () => undefined, compareAndSet: () => false });
 * const deadline = deadlineFor(store, 20);
 * expect(await deadline.race(() => store.load())).toBeUndefined();
 * await deadline.wait(50); // cut to the 20 ms left
 * await expect(deadline.race(() => store.load())).rejects.toMatchObject({ name: "TimeoutError" });
 * deadline.end();
 * ```
 */
export function deadlineFor(store: object, ms: number): Deadline {
  if (callsAtOnce(store) === undefined) return startDeadline(ms);
  // Until the loop first waits (a lost compare-and-set), no time passes but the deciding itself: the timer starts then.
  let timed: Deadline | undefined;
  return {
    race: <T>(work: () => Promise<T>): Promise<T> => {
      if (timed !== undefined) return timed.race(work);
      try {
        return Promise.resolve(work());
      } catch (thrown) {
        return Promise.reject(thrown);
      }
    },
    wait: (wait: number) => (timed ??= startDeadline(ms)).wait(wait),
    end: () => timed?.end(),
  };
}
