import { isStorableText } from "../index";

/** What remembering a signed call's nonce found: new (now remembered), already remembered and unexpired, or no room to remember it. */
export type NonceOutcome = "fresh" | "used" | "full";

/**
 * Where a signature check remembers the nonces it accepted, each until `expiresAt` (the end of its
 * signature window). `remember` is atomic: of two calls with one key id and nonce, one is `fresh`.
 * A nonce whose remembered time has passed is `fresh` again. `full` (only a bounded store answers
 * it) means the call must be refused, never that a nonce was forgotten early. A store that does
 * not answer rejects. `memoryNonces()` keeps them in this process; `postgresNonces(pool)` (in
 * `rds-backup-rules/store/postgres`) in a table every replica shares.
 *
 * @example
 * ```ts
 * import { memoryNonces, type NonceStore } from "rds-backup-rules/store";
 *
 * const nonces: NonceStore = memoryNonces();
 * const now = new Date("2026-03-02T08:00:00Z");
 * const until = new Date("2026-03-02T08:15:00Z");
 * expect(await nonces.remember("AK-1", "n-1", until, now)).toBe("fresh");
 * expect(await nonces.remember("AK-1", "n-1", until, now)).toBe("used");
 * expect(await nonces.remember("AK-2", "n-1", until, now)).toBe("fresh");
 * ```
 */
export interface NonceStore {
  remember(accessKeyId: string, nonce: string, expiresAt: Date, now: Date): Promise<NonceOutcome>;
}

/** The longest key id or nonce a nonce store takes (the server's nonces are at most 128 characters). */
export const MAX_NONCE_LENGTH = 256;

/**
 * The arguments of `remember` as milliseconds since the epoch, or a `RangeError` naming the first
 * that no nonce store takes: a key id or nonce that is not a string of 1 to 256 characters of
 * storable text (no U+0000, no lone surrogate), a date that is not a valid `Date`. Both stores
 * refuse alike.
 *
 * @example
 * ```ts
 * import { readNonceCall } from "./nonce-store";
 *
 * const now = new Date("2026-03-02T08:00:00Z");
 * expect(readNonceCall("AK", "n-1", new Date("2026-03-02T08:15:00Z"), now)).toEqual({ expiresAt: 1772439300000, now: 1772438400000 });
 * expect(readNonceCall("AK", "n".repeat(257), now, now)).toBeInstanceOf(RangeError);
 * expect(readNonceCall("AK", "n\u0000", now, now)).toBeInstanceOf(RangeError);
 * expect(readNonceCall("AK", "n-1", new Date("soon"), now)).toBeInstanceOf(RangeError);
 * ```
 */
export function readNonceCall(
  accessKeyId: unknown,
  nonce: unknown,
  expiresAt: unknown,
  now: unknown,
): { expiresAt: number; now: number } | RangeError {
  for (const [name, text] of [
    ["accessKeyId", accessKeyId],
    ["nonce", nonce],
  ] as const) {
    if (typeof text !== "string" || text.length === 0 || text.length > MAX_NONCE_LENGTH || !isStorableText(text)) {
      return new RangeError(
        `${name} must be 1 to ${MAX_NONCE_LENGTH} characters of well-formed text without U+0000; received ${typeof text === "string" ? `${text.length} characters` : typeof text}`,
      );
    }
  }
  for (const [name, date] of [
    ["expiresAt", expiresAt],
    ["now", now],
  ] as const) {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) return new RangeError(`${name} must be a valid Date`);
  }
  return { expiresAt: (expiresAt as Date).getTime(), now: (now as Date).getTime() };
}
