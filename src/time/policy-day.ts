import type { ZoneContext } from "./time-zone";

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Farther from UTC than any zone's offset has ever been (the farthest: Manila's −15:56:08 until
 * 1844 and Juneau's +15:02:19 until 1867). An instant of a local date is at most this far before
 * the date's midnight as read in UTC, or after its end.
 */
const MAX_OFFSET_MS = 16 * HOUR_MS;

/**
 * The spacing of offset probes: closer than any two offset changes of one zone have ever been
 * (the closest, America/Boa_Vista's in October 2000, are a week apart), so two probes with the same
 * offset have no change between them, and two with different offsets have exactly one.
 */
const PROBE_STEP_MS = 24 * HOUR_MS;

/** One calendar day of the policy's time zone, as the half-open epoch interval `[start, end)`. */
export interface PolicyDay {
  readonly start: number;
  readonly end: number;
}

/**
 * The calendar day containing `epochMs` in a time zone (from `timeZoneContext`): from the first
 * instant whose local date (as the zone's clocks read it) is that of `epochMs`, to the instant
 * after the last one. So it holds `epochMs` and every instant of that local date. The day lasts 23
 * or 25 hours across a daylight-saving change; where clocks went back across midnight, a date is
 * lived twice and its day holds both (Africa/Tunis 1977-09-24 began at the first of its two
 * midnights; Asia/Amman 2021-10-29 lasted 25 hours from its first midnight; America/Juneau
 * 1867-10-18 lasted 48 hours). Computed once per decision, not once per job.
 *
 * @example
 * ```ts
 * import { policyDay } from "./policy-day";
 * import { timeZoneContext } from "./time-zone";
 *
 * // 2026-03-08 is the spring-forward day in New York: 23 hours, from 05:00Z to 04:00Z next day.
 * const day = policyDay(Date.UTC(2026, 2, 8, 12), timeZoneContext("America/New_York")!);
 * expect(new Date(day.start).toISOString()).toBe("2026-03-08T05:00:00.000Z");
 * expect((day.end - day.start) / 3_600_000).toBe(23);
 * // Amman went back from 01:00 to 00:00 on 2021-10-29: that date began at its first midnight.
 * const amman = policyDay(Date.parse("2021-10-29T00:30:00+03:00"), timeZoneContext("Asia/Amman")!);
 * expect([new Date(amman.start).toISOString(), (amman.end - amman.start) / 3_600_000]).toEqual(["2021-10-28T21:00:00.000Z", 25]);
 * ```
 */
export function policyDay(epochMs: number, zone: ZoneContext): PolicyDay {
  // A steady day (below) holds exactly the instants of its date: one that holds `epochMs` is its day.
  // It lasts 24 hours, so it starts on the UTC day of `epochMs` or on the one before.
  let steady = steadyDays.get(zone.timeZone);
  if (steady !== undefined) {
    const utcDay = Math.floor(epochMs / DAY_MS);
    const startingToday = steady.get(utcDay);
    if (startingToday !== undefined && isWithinDay(epochMs, startingToday)) return startingToday;
    const startedYesterday = steady.get(utcDay - 1);
    if (startedYesterday !== undefined && isWithinDay(epochMs, startedYesterday)) return startedYesterday;
  }
  const local = epochMs + zone.offsetMs(epochMs);
  const midnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  // Decisions come in time order, so most fall on the date asked about last in their zone; the day
  // depends on the date alone, so the same date gives the same answer.
  const last = lastDay.get(zone.timeZone);
  if (last !== undefined && last.midnight === midnight) return last.day;
  const found = dayOfDate(midnight, zone);
  const day = Object.freeze(found.day);
  lastDay.set(zone.timeZone, { midnight, day });
  if (found.steady) {
    if (steady === undefined || steady.size >= MAX_STEADY_DAYS) {
      steady = new Map();
      steadyDays.set(zone.timeZone, steady);
    }
    steady.set(Math.floor(day.start / DAY_MS), day);
  }
  return day;
}

/** The day each zone (by canonical name, so a bounded set) answered last, by its local midnight. */
const lastDay = new Map<string, { readonly midnight: number; readonly day: PolicyDay }>();

/**
 * Steady days of each zone (by canonical name), by the UTC day they start on, at most
 * `MAX_STEADY_DAYS` a zone (then the zone's days start over). A day is steady when the zone's
 * offset is the same over the whole span probed for it (from 16 hours before its midnight to 16
 * hours after its end): then the instants showing its date are exactly `[start, end)`, and any
 * instant in there has that day, without asking `Intl` for the offset at it. A day with an offset
 * change is never kept here: where clocks go back across midnight, its span also holds instants
 * of the date before (America/St_Johns 2010-11-07 began at 00:00 NDT, and a minute later the
 * clocks showed 23:01 of the 6th again).
 */
const steadyDays = new Map<string, Map<number, PolicyDay>>();
const MAX_STEADY_DAYS = 1024;

/**
 * How many days `policyDay` remembers for a zone (by canonical name) to answer their instants
 * without `Intl`: at most 1,024. For tests of that bound.
 *
 * @example
 * ```ts
 * import { policyDay, rememberedPolicyDays } from "./policy-day";
 * import { timeZoneContext } from "./time-zone";
 *
 * policyDay(Date.UTC(2026, 0, 15, 12), timeZoneContext("Asia/Tokyo")!);
 * expect(rememberedPolicyDays("Asia/Tokyo")).toBeGreaterThan(0);
 * expect(rememberedPolicyDays("Asia/Tokyo")).toBeLessThanOrEqual(1024);
 * ```
 */
export function rememberedPolicyDays(timeZone: string): number {
  return steadyDays.get(timeZone)?.size ?? 0;
}

/**
 * The day of the local date starting at `midnight` (local time, as epoch milliseconds): the
 * span of the instants the zone's clocks show on that date. Only instants within `MAX_OFFSET_MS`
 * of `[midnight, midnight + 1 day)` can show it; the zone's offsets there are probed every
 * `PROBE_STEP_MS`, each change found to the second by bisection (offsets change on whole seconds),
 * and each stretch of one offset gives the part of the date it shows. On most days there is no
 * change: four `Intl` lookups, and the day is `[midnight − offset, midnight − offset + 24 h)`.
 */
function dayOfDate(midnight: number, zone: ZoneContext): { readonly day: PolicyDay; readonly steady: boolean } {
  const first = midnight - MAX_OFFSET_MS;
  const last = midnight + DAY_MS + MAX_OFFSET_MS;
  // The stretches of one offset: each starts at `from` (the first at -∞) and ends where the next starts.
  let probe = first;
  let offset = zone.offsetMs(first);
  const stretches = [{ from: -Infinity, offset }];
  while (probe < last) {
    const next = Math.min(probe + PROBE_STEP_MS, last);
    const nextOffset = zone.offsetMs(next);
    if (nextOffset !== offset) stretches.push({ from: firstChange(zone, probe, next, offset), offset: nextOffset });
    probe = next;
    offset = nextOffset;
  }
  let start = Infinity;
  let end = -Infinity;
  for (const [index, stretch] of stretches.entries()) {
    const to = stretches[index + 1]?.from ?? Infinity;
    const from = Math.max(stretch.from, midnight - stretch.offset);
    const until = Math.min(to, midnight + DAY_MS - stretch.offset);
    if (from < until) {
      start = Math.min(start, from);
      end = Math.max(end, until);
    }
  }
  return { day: { start, end }, steady: stretches.length === 1 };
}

/** The first second in `(after, upTo]` whose offset is not `offset`, given that `upTo`'s is not and only one change lies between. */
function firstChange(zone: ZoneContext, after: number, upTo: number, offset: number): number {
  let low = after / SECOND_MS;
  let high = upTo / SECOND_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offsetMs(middle * SECOND_MS) === offset) low = middle;
    else high = middle;
  }
  return high * SECOND_MS;
}

/**
 * Whether an instant falls within a policy day.
 *
 * @example
 * ```ts
 * import { isWithinDay } from "./policy-day";
 *
 * const day = { start: 0, end: 86_400_000 };
 * expect(isWithinDay(0, day)).toBe(true);
 * expect(isWithinDay(86_400_000, day)).toBe(false);
 * ```
 */
export function isWithinDay(epochMs: number, day: PolicyDay): boolean {
  return epochMs >= day.start && epochMs < day.end;
}
