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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const error = () => new DeadlineError(`no answer within the deadline of ${ms} ms`);
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      passed = true;
      reject(error());
    }, ms);
  });
  expired.catch(() => undefined);
  return {
    race: <T>(work: () => Promise<T>): Promise<T> => {
      if (passed) return Promise.reject(error());
      let answer: Promise<T>;
      try {
        answer = Promise.resolve(work());
      } catch (thrown) {
        return Promise.reject(thrown);
      }
      answer.catch(() => undefined);
      return Promise.race([answer, expired]);
    },
    wait: (wait: number) =>
      wait > 0 && !passed
        ? new Promise<void>((resolve) => {
            const waiting = setTimeout(resolve, wait);
            expired.catch(() => (clearTimeout(waiting), resolve()));
          })
        : Promise.resolve(),
    end: () => clearTimeout(timer),
  };
}
