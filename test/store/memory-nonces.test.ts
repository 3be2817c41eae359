/**
 * memoryNonces: a nonce is fresh once per key id until it expires, the count is bounded (full,
 * never a nonce forgotten early), expired nonces leave in any order of expiry, and what no nonce
 * store takes is refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_NONCE_CAPACITY, memoryNonces } from "../../src/store/index";
import { modelAnswers, nonceCalls } from "../support/nonce-calls";

const at = (minutes: number) => new Date(Date.parse("2026-03-02T08:00:00Z") + minutes * 60_000);

describe("memoryNonces", () => {
  it("answers as the reference model, call by call, at any capacity (fast-check, fixed seed)", async () => {
    await fc.assert(
      fc.asyncProperty(nonceCalls(60), fc.integer({ min: 1, max: 6 }), async (calls, capacity) => {
        const nonces = memoryNonces({ capacity });
        const answers = [];
        for (const call of calls) {
          answers.push(await nonces.remember(call.accessKeyId, call.nonce, call.expiresAt, call.now));
          expect(nonces.size()).toBeLessThanOrEqual(capacity);
        }
        expect(answers).toEqual(modelAnswers(calls, capacity));
      }),
      { seed: 19, numRuns: 300 },
    );
  });

  it("when full of unexpired nonces answers full, keeps every one of them, and takes new ones as they expire, earliest first", async () => {
    const nonces = memoryNonces({ capacity: 3 });
    expect(await nonces.remember("AK", "late", at(30), at(0))).toBe("fresh");
    expect(await nonces.remember("AK", "early", at(10), at(0))).toBe("fresh");
    expect(await nonces.remember("AK", "middle", at(20), at(0))).toBe("fresh");
    expect(await nonces.remember("AK", "fourth", at(30), at(5))).toBe("full");
    for (const nonce of ["late", "early", "middle"]) expect(await nonces.remember("AK", nonce, at(40), at(5))).toBe("used");
    expect(await nonces.remember("AK", "fourth", at(30), at(10))).toBe("fresh"); // "early" expired at 10
    expect(await nonces.remember("AK", "early", at(40), at(10))).toBe("full");
    expect(await nonces.remember("AK", "early", at(40), at(20))).toBe("fresh"); // "middle" expired at 20
    expect(await nonces.remember("AK", "middle", at(40), at(20))).toBe("full");
    expect(nonces.size()).toBe(3);
  });

  it("keeps one key id's nonce apart from another's, however the two texts split", async () => {
    const nonces = memoryNonces();
    expect(await nonces.remember("AK", "1n", at(10), at(0))).toBe("fresh");
    expect(await nonces.remember("AK1", "n", at(10), at(0))).toBe("fresh");
    expect(await nonces.remember("AK", "1n", at(10), at(1))).toBe("used");
  });

  it("holds 200,000 by default, and a nonsensical capacity falls back to it", async () => {
    expect(DEFAULT_NONCE_CAPACITY).toBe(200_000);
    for (const capacity of [0, -1, 1.5, Number.NaN]) {
      const nonces = memoryNonces({ capacity });
      expect(await nonces.remember("AK", "n-1", at(10), at(0))).toBe("fresh");
      expect(await nonces.remember("AK", "n-2", at(10), at(0))).toBe("fresh");
    }
  });

  it("refuses with a RangeError a nonce or key id that is empty, over 256 characters or not storable text, and a date that is not one", async () => {
    const nonces = memoryNonces();
    for (const [accessKeyId, nonce] of [
      ["AK", ""],
      ["", "n"],
      ["AK", "n".repeat(257)],
      ["AK", "n".repeat(15_000)],
      ["AK", "n\u0000"],
      ["AK\uD800", "n"],
      [7, "n"],
    ] as const) {
      await expect(nonces.remember(accessKeyId as string, nonce, at(10), at(0))).rejects.toThrow(RangeError);
    }
    await expect(nonces.remember("AK", "n", new Date(Number.NaN), at(0))).rejects.toThrow(RangeError);
    await expect(nonces.remember("AK", "n", at(10), "now" as unknown as Date)).rejects.toThrow(RangeError);
    expect(await nonces.remember("AK", "n".repeat(256), at(10), at(0))).toBe("fresh");
    expect(nonces.size()).toBe(1);
  });
});
