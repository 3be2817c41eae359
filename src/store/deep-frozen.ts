/**
 * A value of plain objects, arrays and primitives (what JSON.parse or the rule set's parser
 * makes), frozen all the way down and returned.
 *
 * @example
 * ```ts
 * import { deepFrozen } from "./deep-frozen";
 *
 * const state = deepFrozen({ jobs: [{ jobId: "1" }] });
 * expect(Object.isFrozen(state.jobs[0])).toBe(true);
 * ```
 */
export function deepFrozen<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  for (const item of Object.values(value)) deepFrozen(item);
  return Object.freeze(value);
}
