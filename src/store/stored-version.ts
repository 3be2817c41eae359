/**
 * The version of a stored state: its `version` when that is a number, else 0 (absent means 0).
 *
 * @example
 * ```ts
 * import { storedVersion } from "./stored-version";
 *
 * expect(storedVersion({ version: 7 })).toBe(7);
 * expect(storedVersion({})).toBe(0);
 * expect(storedVersion("damaged")).toBe(0);
 * ```
 */
export function storedVersion(state: unknown): number {
  const version = typeof state === "object" && state !== null ? (state as { version?: unknown }).version : undefined;
  return typeof version === "number" ? version : 0;
}
