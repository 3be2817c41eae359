/**
 * The calendar day of an instant in a time zone, read from `Intl` (ICU): an oracle for "today"
 * that shares no code with the library's date-fns arithmetic.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of the instant on the wall calendar of the zone. */
export function localDate(epochMs: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(timeZone, format);
  }
  return format.format(epochMs);
}

/**
 * The first instant of the zone's calendar day `date` (`YYYY-MM-DD`) and the first of the next day,
 * found by bisection on `localDate`.
 */
export function localDayBounds(date: string, timeZone: string): { start: number; end: number } {
  const noonUtc = Date.parse(`${date}T12:00:00Z`);
  const start = firstInstantWith(noonUtc - 40 * 3_600_000, noonUtc + 40 * 3_600_000, (ms) => localDate(ms, timeZone) >= date);
  const end = firstInstantWith(start, start + 40 * 3_600_000, (ms) => localDate(ms, timeZone) > date);
  return { start, end };
}

/** The first millisecond in [low, high] where `reached` holds, given it is monotone. */
function firstInstantWith(low: number, high: number, reached: (ms: number) => boolean): number {
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The span of the local date of `epochMs` in the zone: from the first instant the zone's clocks
 * show that date to the instant after the last one, found by reading `Intl`'s date every five
 * minutes over two days either side and bisecting the first and last change to the millisecond.
 * Unlike `localDayBounds` it assumes nothing about the order of dates: where clocks went back
 * across midnight a date is shown twice, and its span holds both.
 */
export function localDateSpan(epochMs: number, timeZone: string): { start: number; end: number } {
  const date = localDate(epochMs, timeZone);
  const step = 5 * MINUTE;
  const from = epochMs - 50 * HOUR;
  const samples = Math.round((100 * HOUR) / step);
  let first = -1;
  let last = -1;
  for (let index = 0; index <= samples; index++) {
    if (localDate(from + index * step, timeZone) === date) {
      if (first < 0) first = index;
      last = index;
    }
  }
  const at = (index: number) => from + index * step;
  const start = firstInstantWith(at(first - 1) + 1, at(first), (ms) => localDate(ms, timeZone) === date);
  const end = firstInstantWith(at(last) + 1, at(last + 1), (ms) => localDate(ms, timeZone) !== date);
  return { start, end };
}
