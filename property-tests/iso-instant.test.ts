/**
 * Differential test of the hand-written ISO 8601 parser that reads `now` and every job's
 * `createdAt` (`src/time/iso-instant.ts`) against a reference written here from the format the
 * spec and decision 0033 fix — a regular expression, range checks and `Date.UTC` — over texts built
 * near the format: each field in and just out of range, wrong separators, fractions of 0 to 11
 * digits, offsets up to ±25:61, and single-character edits of valid texts. And its arithmetic
 * formatter against `toISOString`, over every instant with a four-digit year and just beyond.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatUtcInstant, parseIsoInstant } from "../src/time/iso-instant";
import { expectIs } from "./support/expect-cheaply";
import { check, SEED } from "./settings";

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** The instant `text` names, or undefined when it is not `YYYY-MM-DDTHH:mm[:ss[.f{1,9}]](Z|±HH:MM)` with fields in range. */
function reference(text: string): number | undefined {
  const match = FORMAT.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second = 0] = match
    .slice(1, 7)
    .map((field) => (field === undefined ? undefined : Number(field))) as number[];
  const [fraction = "", sign, offsetHours = "0", offsetMinutes = "0"] = match.slice(7);
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59)
    return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return undefined;
  const milliseconds = Number(fraction.padEnd(3, "0").slice(0, 3));
  const offset = (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  return date.getTime() + ((hour! * 60 + minute! - offset) * 60 + second) * 1000 + milliseconds;
}

const digits = (min: number, max: number, width: number) => fc.integer({ min, max }).map((value) => String(value).padStart(width, "0"));
const oneOf = (...texts: string[]) => fc.constantFrom(...texts);

/** A field: usually its digits in or just out of range, sometimes a wrong width or a letter. */
const field = (min: number, max: number, width: number) =>
  fc.oneof({ weight: 8, arbitrary: digits(min, max, width) }, { weight: 1, arbitrary: oneOf("1", "123", "1a", "a1", "", " 1", "٣١") });

const nearIso = fc
  .record({
    year: fc.oneof(
      { weight: 6, arbitrary: digits(0, 9999, 4) },
      { weight: 2, arbitrary: oneOf("0000", "1900", "2000", "2024", "2100", "2400") },
      { weight: 1, arbitrary: oneOf("999", "10000", "20a6", "+2026") },
    ),
    month: fc.oneof({ weight: 3, arbitrary: field(0, 13, 2) }, { weight: 1, arbitrary: oneOf("02", "04", "06", "09", "11") }),
    day: fc.oneof({ weight: 3, arbitrary: field(0, 32, 2) }, { weight: 1, arbitrary: oneOf("28", "29", "30", "31") }),
    hour: field(0, 24, 2),
    minute: field(0, 60, 2),
    second: fc.option(field(0, 60, 2), { nil: undefined }),
    fraction: fc.option(fc.string({ unit: oneOf("0", "1", "5", "9"), maxLength: 11 }), { nil: undefined }),
    zone: fc.oneof(
      oneOf("Z", "z", "", "+05:30", "+0530", "+05:3", "-00:00", "Z ", "UTC", "*05:30", "+05:300"),
      fc
        .tuple(oneOf("+", "-"), field(0, 25, 2), oneOf(":", ":", ":", "-"), field(0, 61, 2))
        .map(([sign, hours, separator, minutes]) => `${sign}${hours}${separator}${minutes}`),
    ),
    separators: fc.oneof(
      { weight: 8, arbitrary: fc.constant(["-", "-", "T", ":"]) },
      { weight: 1, arbitrary: fc.tuple(oneOf("-", "/"), oneOf("-", "."), oneOf("T", "t", " "), oneOf(":", ".")) },
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone, separators: [a, b, t, c] }) => {
    const seconds = second === undefined ? "" : `:${second}${fraction === undefined ? "" : `.${fraction}`}`;
    return `${year}${a}${month}${b}${day}${t}${hour}${c}${minute}${seconds}${zone}`;
  });

/** A valid text with one character replaced, inserted or removed. */
const editedIso = fc
  .tuple(
    fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
    fc.nat(),
    oneOf("0", "9", "-", ":", "T", "Z", "+", ".", "a", " ", ""),
    fc.boolean(),
  )
  .map(([date, at, character, insert]) => {
    const text = date.toISOString();
    const index = at % (text.length + 1);
    return text.slice(0, index) + character + text.slice(insert ? index : index + 1);
  });

describe("parseIsoInstant agrees with a reference parser", () => {
  it("the generators reach both answers: instants and refusals", () => {
    for (const arbitrary of [nearIso, editedIso]) {
      const accepted = fc.sample(arbitrary, { numRuns: 1000, seed: SEED }).filter((text) => reference(text) !== undefined).length;
      expect(accepted).toBeGreaterThan(60);
      expect(accepted).toBeLessThan(850);
    }
  });

  it("on texts near the format", () => {
    check(
      fc.property(nearIso, (text) => expectIs(parseIsoInstant(text), reference(text))),
      2000,
    );
  });

  it("on valid texts with one character edited", () => {
    check(
      fc.property(editedIso, (text) => expectIs(parseIsoInstant(text), reference(text))),
      2000,
    );
  });

  it("on any text", () => {
    check(
      fc.property(fc.string({ maxLength: 40 }), (text) => expectIs(parseIsoInstant(text), reference(text))),
      500,
    );
  });
});

describe("formatUtcInstant agrees with toISOString", () => {
  it("on every instant of the years 0000 to 9999, their edges, and a little beyond", () => {
    const first = new Date("0000-01-01T00:00:00.000Z").getTime();
    const last = new Date("9999-12-31T23:59:59.999Z").getTime();
    const instant = fc.oneof(
      fc.integer({ min: first - 1000, max: last + 1000 }),
      fc.constantFrom(first, last, first - 1, last + 1, 0, -1, Date.UTC(2000, 1, 29), Date.UTC(1900, 2, 1) - 1),
      fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2100, 0, 1) }),
    );
    check(
      fc.property(instant, (epochMs) => expectIs(formatUtcInstant(epochMs), new Date(epochMs).toISOString())),
      3000,
    );
  });
});
