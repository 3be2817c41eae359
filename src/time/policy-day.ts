import { tzOffset } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import type { ZoneContext } from "./time-zone";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A clock change this near a midnight (date-fns resolves such midnights its own way) leaves the day to date-fns. */
const NEAR_MIDNIGHT_MS = 3 * 60 * MINUTE_MS;

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
  return steadyDay(epochMs, zone.timeZone) ?? calendarDay(epochMs, zone);
}

/**
 * The day by plain arithmetic when the zone's UTC offset is a whole number of minutes and the same
 * at `epochMs` and from three hours before the day's start to three hours after its end (probed at
 * those four instants): every day but the few around an offset change, which are left to date-fns
 * — with historical offsets that have seconds — since a clock change near midnight makes a
 * midnight happen twice or not at all. Five `Intl` offset lookups instead of the dozens date-fns
 * makes; none for UTC.
 */
function steadyDay(epochMs: number, timeZone: string): PolicyDay | undefined {
  const offset = timeZone === "UTC" ? 0 : offsetMs(timeZone, epochMs);
  if (!Number.isInteger(offset / MINUTE_MS)) return undefined;
  const local = epochMs + offset;
  const start = local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - offset;
  const end = start + DAY_MS;
  if (timeZone === "UTC") return { start, end };
  // Decisions come in time order, so most fall on the day probed last in their zone: the same
  // offset at `epochMs` means the same start, end and probes, so the same answer.
  const last = lastSteadyDay.get(timeZone);
  if (last !== undefined && last.start === start && last.offset === offset) return last.day;
  for (const probe of [start - NEAR_MIDNIGHT_MS, start, end, end + NEAR_MIDNIGHT_MS]) if (offsetMs(timeZone, probe) !== offset) return undefined;
  const day = Object.freeze({ start, end });
  lastSteadyDay.set(timeZone, { start, offset, day });
  return day;
}

/** The steady day each zone (by canonical name, so a bounded set) answered last, with its offset. */
const lastSteadyDay = new Map<string, { readonly start: number; readonly offset: number; readonly day: PolicyDay }>();

function offsetMs(timeZone: string, epochMs: number): number {
  return tzOffset(timeZone, new Date(epochMs)) * MINUTE_MS;
}

/** The day by date-fns calendar arithmetic in the zone, which handles days of 23 or 25 hours. */
function calendarDay(epochMs: number, zone: ZoneContext): PolicyDay {
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
