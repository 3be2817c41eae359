import fc from "fast-check";

/**
 * Policy time zones by family: UTC, fixed offsets, northern and southern daylight saving, a
 * 30-minute daylight-saving shift, offsets of 30 and 45 minutes, and the extremes (+14, -11).
 *
 * @example
 * ```ts
 * import { POLICY_ZONE_FAMILIES } from "./zones";
 *
 * expect(POLICY_ZONE_FAMILIES.halfHourDaylightSaving).toContain("Australia/Lord_Howe");
 * ```
 */
export const POLICY_ZONE_FAMILIES = {
  utc: ["UTC", "Etc/UTC"],
  fixedOffset: ["Asia/Shanghai", "Etc/GMT+12", "Asia/Tokyo"],
  northernDaylightSaving: ["America/New_York", "Europe/London", "America/Los_Angeles"],
  southernDaylightSaving: ["Australia/Sydney", "America/Santiago"],
  halfHourDaylightSaving: ["Australia/Lord_Howe"],
  oddOffset: ["Asia/Kathmandu", "Asia/Kolkata", "Australia/Eucla", "Pacific/Chatham"],
  extremeOffset: ["Pacific/Kiritimati", "Pacific/Pago_Pago"],
} as const;

const ALL_ZONES: readonly string[] = Object.values(POLICY_ZONE_FAMILIES).flat();

/** Daylight-saving changes of 2026 and 2027 (UTC), around which instants are drawn often. */
const DAYLIGHT_SAVING_CHANGES = [
  "2026-03-08T07:00:00Z", // New York springs forward
  "2026-11-01T06:00:00Z", // New York falls back
  "2026-03-29T01:00:00Z", // London springs forward
  "2026-10-25T01:00:00Z", // London falls back
  "2026-04-04T15:00:00Z", // Lord Howe falls back 30 minutes
  "2026-10-03T15:30:00Z", // Lord Howe springs forward 30 minutes
  "2026-04-04T16:00:00Z", // Sydney falls back
  "2026-10-03T16:00:00Z", // Sydney springs forward
  "2027-03-14T07:00:00Z", // New York springs forward
].map((text) => Date.parse(text));

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2099, 11, 31);

/**
 * A known IANA time zone name from every family of `POLICY_ZONE_FAMILIES`.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { policyTimeZone } from "./zones";
 *
 * const [zone] = sampleValues(policyTimeZone(), 1);
 * expect(new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone).toBeTruthy();
 * ```
 */
export function policyTimeZone(): fc.Arbitrary<string> {
  return fc.constantFrom(...ALL_ZONES);
}

/**
 * An instant (epoch milliseconds) from 2000 to 2099, drawn often within two days of a
 * daylight-saving change, and sometimes on a whole second.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { decisionInstant } from "./zones";
 *
 * const instants = sampleValues(decisionInstant(), 20);
 * expect(instants.every((ms) => ms >= Date.UTC(2000, 0, 1) && ms <= Date.UTC(2100, 0, 1))).toBe(true);
 * ```
 */
export function decisionInstant(): fc.Arbitrary<number> {
  const anywhen = fc.integer({ min: EARLIEST, max: LATEST });
  const nearChange = fc
    .tuple(fc.constantFrom(...DAYLIGHT_SAVING_CHANGES), fc.integer({ min: -2 * DAY_MS, max: 2 * DAY_MS }))
    .map(([change, offset]) => change + offset);
  return fc
    .tuple(fc.oneof(anywhen, nearChange), fc.boolean())
    .map(([ms, wholeSecond]) => (wholeSecond ? ms - (((ms % 1000) + 1000) % 1000) : ms));
}

/**
 * Writes an instant as ISO 8601 with the given UTC offset (`Z` for offset 0 when `zulu`), keeping
 * the milliseconds only when they are not zero.
 *
 * @example
 * ```ts
 * import { isoWithOffset } from "./zones";
 *
 * expect(isoWithOffset(Date.UTC(2026, 0, 1), 345, false)).toBe("2026-01-01T05:45:00+05:45");
 * expect(isoWithOffset(Date.UTC(2026, 0, 1, 0, 0, 0, 5), 0, true)).toBe("2026-01-01T00:00:00.005Z");
 * ```
 */
export function isoWithOffset(epochMs: number, offsetMinutes: number, zulu: boolean): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString();
  const text = local.endsWith(".000Z") ? local.slice(0, -5) : local.slice(0, -1);
  if (zulu && offsetMinutes === 0) return `${text}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const minutes = Math.abs(offsetMinutes);
  return `${text}${sign}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

/** How an instant is written: at a UTC offset in minutes, with `Z` for a zero offset when `zulu`. */
export interface IsoForm {
  readonly offsetMinutes: number;
  readonly zulu: boolean;
}

/** UTC with `Z`, or any offset from -12:00 to +14:00 in quarter hours (built once: it is drawn for every job). */
const ISO_FORM: fc.Arbitrary<IsoForm> = fc.oneof(
  fc.constant({ offsetMinutes: 0, zulu: true }),
  fc.record({ offsetMinutes: fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15), zulu: fc.boolean() }),
);

/**
 * The ways `isoTextOf` writes an instant, for generators that draw the form apart from the instant.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { isoForm } from "./zones";
 *
 * const forms = sampleValues(isoForm(), 50);
 * expect(forms.every(({ offsetMinutes }) => offsetMinutes % 15 === 0 && offsetMinutes >= -720 && offsetMinutes <= 840)).toBe(true);
 * ```
 */
export function isoForm(): fc.Arbitrary<IsoForm> {
  return ISO_FORM;
}

/**
 * Writes an instant in the given form.
 *
 * @example
 * ```ts
 * import { writeIso } from "./zones";
 *
 * expect(writeIso(Date.UTC(2026, 0, 1), { offsetMinutes: -300, zulu: false })).toBe("2025-12-31T19:00:00-05:00");
 * ```
 */
export function writeIso(epochMs: number, form: IsoForm): string {
  return isoWithOffset(epochMs, form.offsetMinutes, form.zulu);
}

/**
 * An ISO 8601 text of the instant, in UTC (`Z`) or at any offset from -12:00 to +14:00.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { isoTextOf } from "./zones";
 *
 * const [text] = sampleValues(isoTextOf(Date.UTC(2026, 0, 1)), 1);
 * expect(Date.parse(text!)).toBe(Date.UTC(2026, 0, 1));
 * ```
 */
export function isoTextOf(epochMs: number): fc.Arbitrary<string> {
  return ISO_FORM.map((form) => writeIso(epochMs, form));
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The last answer of `wallClockMsOfDay`: a case asks it two or three times about the same `now`. */
let lastWallClock = { epochMs: Number.NaN, timeZone: "", msOfDay: 0 };

/**
 * Milliseconds since midnight on the wall clock of a time zone. The real time since the start of
 * the local day differs from it by at most the day's daylight-saving shift (one hour at most).
 *
 * @example
 * ```ts
 * import { wallClockMsOfDay } from "./zones";
 *
 * expect(wallClockMsOfDay(Date.UTC(2026, 0, 1, 18, 15), "Asia/Kathmandu")).toBe(0);
 * ```
 */
export function wallClockMsOfDay(epochMs: number, timeZone: string): number {
  if (epochMs === lastWallClock.epochMs && timeZone === lastWallClock.timeZone) return lastWallClock.msOfDay;
  let format = wallClockFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    wallClockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(epochMs).map((part) => [part.type, Number(part.value)]));
  const ms = ((epochMs % 1000) + 1000) % 1000;
  const msOfDay = (((parts.hour ?? 0) * 60 + (parts.minute ?? 0)) * 60 + (parts.second ?? 0)) * 1000 + ms;
  lastWallClock = { epochMs, timeZone, msOfDay };
  return msOfDay;
}

/**
 * The instants that are surely on the same policy-zone day as `now` and not after it:
 * `[now - (wall-clock time of day - 1 h), now]`, never empty.
 *
 * @example
 * ```ts
 * import { surelyToday } from "./zones";
 *
 * const { earliest, latest } = surelyToday(Date.UTC(2026, 0, 1, 12), "UTC");
 * expect([earliest, latest]).toEqual([Date.UTC(2026, 0, 1, 1), Date.UTC(2026, 0, 1, 12)]);
 * ```
 */
export function surelyToday(now: number, timeZone: string): { earliest: number; latest: number } {
  return { earliest: now - Math.max(0, wallClockMsOfDay(now, timeZone) - HOUR_MS), latest: now };
}

/**
 * An instant surely before the policy-zone day of `now` began, up to ten days earlier.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { surelyBeforeToday } from "./zones";
 *
 * const [before] = sampleValues(surelyBeforeToday(Date.UTC(2026, 0, 1, 12), "UTC"), 1);
 * expect(before).toBeLessThan(Date.UTC(2026, 0, 1));
 * ```
 */
export function surelyBeforeToday(now: number, timeZone: string): fc.Arbitrary<number> {
  const latest = now - wallClockMsOfDay(now, timeZone) - HOUR_MS - 1;
  return fc.integer({ min: latest - 10 * DAY_MS, max: latest });
}
