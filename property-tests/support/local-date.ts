/**
 * The calendar day of an instant in a time zone, read from `Intl` (ICU): an oracle for "today"
 * that shares no code with the library's policy-day arithmetic.
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

/** The zone's UTC offset at an instant, in milliseconds, read from `Intl` ("GMT+05:45", "GMT-00:44:30", "GMT"). */
export function offsetAt(epochMs: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  const text = format.format(epochMs).split("GMT")[1] ?? "";
  const [hours = 0, minutes = 0, seconds = 0] = text === "" ? [] : text.slice(1).split(":").map(Number);
  return (text.startsWith("-") ? -1 : 1) * ((hours * 60 + minutes) * 60 + seconds) * 1000;
}
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The instants in `[from, to)` at which the zone's offset changes (the first millisecond of the new
 * offset), found by reading the offset every `step` (six hours unless given) and bisecting each
 * change. Two changes less than `step` apart would be missed; the closest in the tz database are a
 * week apart.
 */
export function offsetChanges(timeZone: string, from: number, to: number, step = 6 * HOUR): number[] {
  const changes: number[] = [];
  let before = offsetAt(from, timeZone);
  for (let at = from; at < to; at += step) {
    const next = Math.min(at + step, to);
    const offset = offsetAt(next, timeZone);
    if (offset !== before) changes.push(firstInstantWith(at + 1, next, (ms) => offsetAt(ms, timeZone) !== before));
    before = offset;
  }
  return changes;
}

/**
 * The span of the local date of `epochMs` in the zone: from the first instant the zone's clocks
 * show that date to the instant after the last one. It reads `Intl`'s date every five minutes over
 * two days either side, and at each offset change and the millisecond before it (`changes`: a
 * date shown for less than five minutes begins or ends at one), then bisects the first and last
 * change of date to the millisecond. Unlike `localDayBounds` it assumes nothing about the order of
 * dates: where clocks went back across midnight a date is shown twice, and its span holds both.
 */
export function localDateSpan(epochMs: number, timeZone: string, changes: readonly number[]): { start: number; end: number } {
  const date = localDate(epochMs, timeZone);
  const from = epochMs - 50 * HOUR;
  const to = epochMs + 50 * HOUR;
  const samples = new Set<number>();
  for (let at = from; at <= to; at += 5 * MINUTE) samples.add(at);
  for (const change of changes) if (change > from && change < to) samples.add(change).add(change - 1);
  const sorted = [...samples].sort((a, b) => a - b);
  const shows = sorted.map((at) => localDate(at, timeZone) === date);
  const first = shows.indexOf(true);
  const last = shows.lastIndexOf(true);
  const at = (index: number) => sorted[index] as number;
  // Between two samples there is no offset change, so the date changes at most once.
  const start = firstInstantWith(at(first - 1) + 1, at(first), (ms) => localDate(ms, timeZone) === date);
  const end = firstInstantWith(at(last) + 1, at(last + 1), (ms) => localDate(ms, timeZone) !== date);
  return { start, end };
}
