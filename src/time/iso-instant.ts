/**
 * ISO 8601 date-time with a zone designator, `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±hh:mm)`:
 * `2026-03-08T07:00:00Z`, `2026-03-08T02:00:00.5-05:00`. Seconds and fractions (1 to 9 digits)
 * are optional; the zone is not, since a zoneless time names no instant. Read character by
 * character, with no regular expression and no `Date`, since every decision reads every job's
 * `createdAt`.
 */
const MS_PER_DAY = 86_400_000;

/**
 * The bound of the cache of `createdAtInstant`: entries, then it starts over. Only valid texts are
 * kept, and none is longer than 35 characters (`2026-03-08T02:00:00.123456789+05:00`).
 */
const MAX_REMEMBERED_INSTANTS = 4096;
const rememberedInstants = new Map<string, number | undefined>();

/**
 * `parseIsoInstant` for a job's `createdAt`, remembered: every decision reads every stored job's
 * `createdAt` (the state parser, the daily count, the pruning), and the same jobs come back decision
 * after decision. At most 4,096 valid texts (of at most 35 characters) are kept; the answer is the same.
 *
 * @example
 * ```ts
 * import { createdAtInstant } from "./iso-instant";
 *
 * expect(createdAtInstant("2026-03-08T07:00:00Z")).toBe(Date.UTC(2026, 2, 8, 7));
 * expect(createdAtInstant("2026-03-08T07:00:00Z")).toBe(Date.UTC(2026, 2, 8, 7));
 * expect(createdAtInstant("2026-02-30T00:00:00Z")).toBeUndefined();
 * ```
 */
export function createdAtInstant(text: string): number | undefined {
  const remembered = rememberedInstants.get(text);
  if (remembered !== undefined) return remembered;
  const instant = parseIsoInstant(text);
  if (instant !== undefined) {
    if (rememberedInstants.size >= MAX_REMEMBERED_INSTANTS) rememberedInstants.clear();
    rememberedInstants.set(text, instant);
  }
  return instant;
}

/**
 * How many texts `createdAtInstant` remembers: at most 4,096. For tests of that bound.
 *
 * @example
 * ```ts
 * import { createdAtInstant, rememberedCreatedAts } from "./iso-instant";
 *
 * createdAtInstant("2026-03-08T07:00:00Z");
 * expect(rememberedCreatedAts()).toBeGreaterThan(0);
 * expect(rememberedCreatedAts()).toBeLessThanOrEqual(4096);
 * ```
 */
export function rememberedCreatedAts(): number {
  return rememberedInstants.size;
}

/**
 * Parses an ISO 8601 instant that carries a zone (`Z` or `±hh:mm`) into epoch milliseconds, or
 * `undefined` when the text is not one, including impossible dates such as February 30.
 *
 * @example
 * ```ts
 * import { parseIsoInstant } from "./iso-instant";
 *
 * expect(parseIsoInstant("2026-03-08T07:00:00Z")).toBe(Date.UTC(2026, 2, 8, 7));
 * expect(parseIsoInstant("2026-03-08T02:00:00-05:00")).toBe(Date.UTC(2026, 2, 8, 7));
 * expect(parseIsoInstant("2026-03-08T07:00:00.25Z")).toBe(Date.UTC(2026, 2, 8, 7, 0, 0, 250));
 * expect(parseIsoInstant("0001-01-01T00:00Z")).toBe(Date.parse("0001-01-01T00:00:00Z"));
 * expect(parseIsoInstant("2026-03-08T07:00:00")).toBeUndefined();
 * expect(parseIsoInstant("2026-02-30T00:00:00Z")).toBeUndefined();
 * ```
 */
export function parseIsoInstant(text: string): number | undefined {
  if (text.length < 17 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":") return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  ) {
    return undefined;
  }
  let at = 16;
  let second = 0;
  let millisecond = 0;
  if (text[at] === ":") {
    second = digitsAt(text, at + 1, 2);
    if (second < 0 || second > 59) return undefined;
    at += 3;
    if (text[at] === ".") {
      const fraction = at + 1;
      for (at = fraction; at < text.length && at - fraction < 9 && isDigit(text.charCodeAt(at)); at++);
      if (at === fraction) return undefined;
      // The first three digits (missing ones are zeros), truncating the rest: the milliseconds.
      const count = Math.min(at - fraction, 3);
      millisecond = digitsAt(text, fraction, count) * (count === 1 ? 100 : count === 2 ? 10 : 1);
    }
  }
  const offsetMinutes = zoneOffsetMinutes(text, at);
  if (offsetMinutes === undefined) return undefined;
  return daysSinceEpoch(year, month, day) * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millisecond;
}

/** The zone designator that must end `text` at `at`, as minutes east of UTC. */
function zoneOffsetMinutes(text: string, at: number): number | undefined {
  if (text[at] === "Z") return at + 1 === text.length ? 0 : undefined;
  const sign = text[at];
  if ((sign !== "+" && sign !== "-") || at + 6 !== text.length || text[at + 3] !== ":") return undefined;
  const hours = digitsAt(text, at + 1, 2);
  const minutes = digitsAt(text, at + 4, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  return (sign === "-" ? -1 : 1) * (hours * 60 + minutes);
}

/** The decimal number written by `count` digits at `at`, or -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let index = at; index < at + count; index++) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The instants whose UTC ISO text has a four-digit year (0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z). */
const FIRST_FOUR_DIGIT_INSTANT = -62_167_219_200_000;
const LAST_FOUR_DIGIT_INSTANT = 253_402_300_799_999;

/**
 * Formats epoch milliseconds as the UTC ISO 8601 text the library writes, exactly as
 * `toISOString` does; by arithmetic for the years 0000 to 9999 (`toISOString` is a call into the
 * engine's runtime, about half a microsecond, and every decision formats its clock).
 *
 * @example
 * ```ts
 * import { formatUtcInstant } from "./iso-instant";
 *
 * expect(formatUtcInstant(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("2026-01-02T03:04:05.000Z");
 * expect(formatUtcInstant(-1)).toBe("1969-12-31T23:59:59.999Z");
 * ```
 */
export function formatUtcInstant(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs) || epochMs < FIRST_FOUR_DIGIT_INSTANT || epochMs > LAST_FOUR_DIGIT_INSTANT) {
    return new Date(epochMs).toISOString();
  }
  const days = Math.floor(epochMs / MS_PER_DAY);
  const ofDay = epochMs - days * MS_PER_DAY;
  // Howard Hinnant's civil_from_days.
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(ofDay / 3_600_000);
  const minute = Math.floor(ofDay / 60_000) % 60;
  const second = Math.floor(ofDay / 1000) % 60;
  return `${digits(year, 4)}-${digits(month, 2)}-${digits(day, 2)}T${digits(hour, 2)}:${digits(minute, 2)}:${digits(second, 2)}.${digits(ofDay % 1000, 3)}Z`;
}

function digits(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
