/**
 * Sequences of nonce calls for the nonce stores' tests, and a reference model of what a nonce
 * store answers: a plain list, scanned on every call.
 */
import fc from "fast-check";
import type { NonceOutcome } from "../../src/store/index";

export interface NonceCall {
  readonly accessKeyId: string;
  readonly nonce: string;
  readonly expiresAt: Date;
  readonly now: Date;
}

const START = Date.parse("2026-03-02T08:00:00Z");
const MINUTE = 60_000;

/** Calls with a few key ids and nonces (so that they repeat), a clock that never goes back, and windows of 0 to 20 minutes. */
export function nonceCalls(maxLength = 40): fc.Arbitrary<NonceCall[]> {
  const step = fc.record({
    accessKeyId: fc.constantFrom("AK-1", "AK-2"),
    nonce: fc.constantFrom("n-1", "n-2", "n-3", "n-4", "n-5"),
    advance: fc.integer({ min: 0, max: 8 * MINUTE }),
    window: fc.integer({ min: 0, max: 20 * MINUTE }),
  });
  return fc.array(step, { minLength: 1, maxLength }).map((steps) => {
    let clock = START;
    return steps.map(({ accessKeyId, nonce, advance, window }) => {
      clock += advance;
      return { accessKeyId, nonce, expiresAt: new Date(clock + window), now: new Date(clock) };
    });
  });
}

/** What a nonce store holding at most `capacity` unexpired nonces answers, call by call. */
export function modelAnswers(calls: readonly NonceCall[], capacity = Number.POSITIVE_INFINITY): NonceOutcome[] {
  let kept: { key: string; at: number }[] = [];
  return calls.map(({ accessKeyId, nonce, expiresAt, now }) => {
    kept = kept.filter((each) => each.at > now.getTime());
    const key = `${accessKeyId}\n${nonce}`;
    if (kept.some((each) => each.key === key)) return "used";
    if (expiresAt.getTime() <= now.getTime()) return "fresh";
    if (kept.length >= capacity) return "full";
    kept.push({ key, at: expiresAt.getTime() });
    return "fresh";
  });
}
