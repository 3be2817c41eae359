import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether two secrets (a signature, a token) are equal, in time that does not depend on where they
 * differ or on their lengths: both are hashed first, and the hashes compared with `timingSafeEqual`.
 *
 * @example
 * ```ts
 * import { sameText } from "rds-backup-rules/server";
 *
 * expect(sameText("token-1", "token-1")).toBe(true);
 * expect(sameText("token-1", "token-2")).toBe(false);
 * expect(sameText("token-1", "")).toBe(false);
 * ```
 */
export function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}
