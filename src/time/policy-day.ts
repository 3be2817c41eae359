import { addDays, startOfDay } from "date-fns";
import type { ZoneContext } from "./time-zone";

/** One calendar day of the policy's time zone, as the half-open epoch interval `[start, end)`. */
export interface PolicyDay {
  readonly start: number;
  readonly end: number;
}

/**
 * The calendar day containing `epochMs` in a time zone (from `timeZoneContext`). The day lasts 23
 * or 25 hours across a daylight-saving change. Computed once per decision, not once per job.
 *
 * @example
 * ```ts
 * // 2026-03-08 is the spring-forward day in New York: 23 hours, from 05:00Z to 04:00Z next day.
 * const day = policyDay(Date.UTC(2026, 2, 8, 12), timeZoneContext("America/New_York")!);
 * expect(new Date(day.start).toISOString()).toBe("2026-03-08T05:00:00.000Z");
 * expect((day.end - day.start) / 3_600_000).toBe(23);
 * ```
 */
export function policyDay(epochMs: number, zone: ZoneContext): PolicyDay {
  const options = { in: zone };
  const start = startOfDay(epochMs, options);
  const end = startOfDay(addDays(start, 1, options), options);
  return { start: start.getTime(), end: end.getTime() };
}

/**
 * Whether an instant falls within a policy day.
 *
 * @example
 * ```ts
 * const day = { start: 0, end: 86_400_000 };
 * expect(isWithinDay(0, day)).toBe(true);
 * expect(isWithinDay(86_400_000, day)).toBe(false);
 * ```
 */
export function isWithinDay(epochMs: number, day: PolicyDay): boolean {
  return epochMs >= day.start && epochMs < day.end;
}
