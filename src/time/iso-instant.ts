/**
 * ISO 8601 date-time with a zone designator: `2026-03-08T07:00:00Z`, `2026-03-08T02:00:00.5-05:00`.
 * Seconds and fractions are optional; the zone is not, since a zoneless time names no instant.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

const MS_PER_MINUTE = 60_000;

/**
 * Parses an ISO 8601 instant that carries a zone (`Z` or `±hh:mm`) into epoch milliseconds, or
 * `undefined` when the text is not one, including impossible dates such as February 30.
 *
 * @example
 * ```ts
 * expect(parseIsoInstant("2026-03-08T07:00:00Z")).toBe(Date.UTC(2026, 2, 8, 7));
 * expect(parseIsoInstant("2026-03-08T02:00:00-05:00")).toBe(Date.UTC(2026, 2, 8, 7));
 * expect(parseIsoInstant("2026-03-08T07:00:00")).toBeUndefined();
 * expect(parseIsoInstant("2026-02-30T00:00:00Z")).toBeUndefined();
 * ```
 */
export function parseIsoInstant(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second = "0", fraction = "", zulu, sign, offsetHour, offsetMinute] =
    match as unknown as [string, string, string, string, string, string, string?, string?, string?, string?, string?, string?];
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const oh = Number(offsetHour);
    const om = Number(offsetMinute);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (sign === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Math.floor(Number(`0.${fraction || "0"}`) * 1000);
  const instant = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  instant.setUTCFullYear(y, mo - 1, d);
  return instant.getTime() - offsetMinutes * MS_PER_MINUTE;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Formats epoch milliseconds as the UTC ISO 8601 text the library writes (`toISOString`).
 *
 * @example
 * ```ts
 * expect(formatUtcInstant(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("2026-01-02T03:04:05.000Z");
 * ```
 */
export function formatUtcInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
