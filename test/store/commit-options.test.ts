/**
 * The commit loop's options: what a nonsensical option falls back to, the default backoff's
 * schedule, and the call's deadline.
 */
import { describe, expect, it } from "vitest";
import { defaultBackoff, DEFAULT_DEADLINE_MS, DEFAULT_MAX_ATTEMPTS, resolveOptions, spreadOf } from "../../src/store/commit-options";

describe("resolveOptions", () => {
  it("keeps a positive safe integer maxAttempts, and falls back to 10 for anything else", () => {
    expect(resolveOptions({ maxAttempts: 1 }).maxAttempts).toBe(1);
    expect(resolveOptions({ maxAttempts: 25 }).maxAttempts).toBe(25);
    for (const maxAttempts of [0, -3, 1.5, Number.NaN, Infinity, 2 ** 60, "3", null, true])
      expect(resolveOptions({ maxAttempts }).maxAttempts).toBe(DEFAULT_MAX_ATTEMPTS);
    for (const options of [
      undefined,
      null,
      "fast",
      7,
      [],
      new Proxy(
        {},
        {
          get: () => {
            throw new Error("trap");
          },
        },
      ),
    ]) {
      expect(resolveOptions(options).maxAttempts).toBe(DEFAULT_MAX_ATTEMPTS);
      expect(resolveOptions(options).waitAfter(3, 0.5)).toBe(defaultBackoff(3, 0.5));
    }
  });

  it("keeps a deadlineMs in (0, 2^31 - 1], and falls back to 15 s for anything else", () => {
    for (const deadlineMs of [1, 0.5, 250, 2 ** 31 - 1]) expect(resolveOptions({ deadlineMs }).deadlineMs).toBe(deadlineMs);
    for (const deadlineMs of [0, -1, Number.NaN, Infinity, 2 ** 31, "500", null])
      expect(resolveOptions({ deadlineMs }).deadlineMs).toBe(DEFAULT_DEADLINE_MS);
    expect(DEFAULT_DEADLINE_MS).toBe(15_000);
    expect(resolveOptions(undefined).deadlineMs).toBe(DEFAULT_DEADLINE_MS);
  });

  it("waits what backoff returns when it is a finite number above 0, and not at all otherwise", () => {
    const waitFor = (returned: unknown) => resolveOptions({ backoff: () => returned }).waitAfter(1, 0.5);
    expect(waitFor(7)).toBe(7);
    expect(waitFor(0.25)).toBe(0.25);
    for (const returned of [0, -5, Number.NaN, Infinity, "7", null, undefined, 10n]) expect(waitFor(returned)).toBe(0);
    expect(
      resolveOptions({
        backoff: () => {
          throw new Error("bug");
        },
      }).waitAfter(1, 0.5),
    ).toBe(0);
    const attempts: number[] = [];
    resolveOptions({ backoff: (attempt: number) => (attempts.push(attempt), 0) }).waitAfter(4, 0.9);
    expect(attempts).toEqual([4]);
    expect(resolveOptions({ backoff: "slow" }).waitAfter(2, 0.5)).toBe(defaultBackoff(2, 0.5));
  });
});

describe("defaultBackoff", () => {
  it("draws up to 2 ms doubling per attempt, capped at 100 ms", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map((attempt) => defaultBackoff(attempt, 0.999999))).toEqual(
      [2, 4, 8, 16, 32, 64, 100, 100, 100].map((ceiling) => ceiling * 0.999999),
    );
    expect(defaultBackoff(5, 0)).toBe(0);
    expect(defaultBackoff(0, 0.5)).toBe(1);
  });

  it("spreads calls by a hash: stable for one text, in [0, 1), different for near texts", () => {
    const spreads = Array.from({ length: 200 }, (_, index) => spreadOf(`rm-1\u0000r-${index}\u00001`));
    expect(spreads.every((spread) => spread >= 0 && spread < 1)).toBe(true);
    expect(new Set(spreads).size).toBe(200);
    expect(spreadOf("rm-1")).toBe(spreadOf("rm-1"));
    const mean = spreads.reduce((sum, spread) => sum + spread, 0) / spreads.length;
    expect(mean).toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.65);
  });
});
