/**
 * The first policy day a process computes in a zone. `policyDay` remembers the day it answered last
 * in each zone, and its bounds (how far from UTC a zone can be, how often offsets are probed) are
 * read once when the module loads, so a mistake in either would go unseen by tests that run after
 * another asked about the same date. Each case imports a fresh copy of the module, as a new process
 * does, and compares the day with the span of the instants whose local date `Intl` reads as now's
 * (the oracle of property 8). Found by mutation run 14 (docs/verification.md): a bound of 16
 * milliseconds instead of 16 hours survived every test run after the module had loaded.
 */
import { describe, expect, it, vi } from "vitest";
import { timeZoneContext, type ZoneContext } from "../../src/time/time-zone";
import { localDateSpan, offsetChanges } from "../../property-tests/support/local-date";

const HOUR = 3_600_000;

/** The module as a new process loads it: no day remembered. */
async function freshModule(): Promise<typeof import("../../src/time/policy-day")> {
  vi.resetModules();
  return import("../../src/time/policy-day");
}

/** `policyDay` as a new process loads it. */
async function freshPolicyDay(): Promise<typeof import("../../src/time/policy-day").policyDay> {
  return (await freshModule()).policyDay;
}

/** [zone, now, why the day is hard]. */
const CASES: readonly [string, string, string][] = [
  ["Australia/Lord_Howe", "2026-04-05T12:00:00+10:30", "24.5 hours: half an hour back at 02:00, 11 hours east of UTC"],
  ["Australia/Lord_Howe", "2026-10-04T12:00:00+11:00", "23.5 hours"],
  [
    "America/Santiago",
    "2026-04-04T12:00:00-03:00",
    "clocks back from 24:00 to 23:00: the date's last hour is lived twice, ending 4 hours after UTC's midnight",
  ],
  ["America/Havana", "2026-03-08T12:00:00-04:00", "clocks forward from 00:00 to 01:00: the date starts at 01:00"],
  ["Asia/Amman", "2021-10-29T00:30:00+03:00", "clocks back from 01:00 to 00:00: 25 hours from the first midnight"],
  ["Africa/Tunis", "1977-09-24T12:00:00+01:00", "the date begins at the first of two midnights"],
  ["Pacific/Apia", "2011-12-29T12:00:00-10:00", "the last date before Samoa skipped 2011-12-30, at −10:00"],
  ["Pacific/Apia", "2011-12-31T12:00:00+14:00", "the first date after it, at +14:00"],
  ["Pacific/Kiritimati", "2026-12-31T12:00:00+14:00", "14 hours east of UTC"],
  ["America/Juneau", "1867-10-19T00:31:59.999Z", "48 hours: the date lived twice when Alaska changed sides of the date line"],
];

describe("the first policy day a process computes", () => {
  for (const [zone, now, why] of CASES) {
    it(`${zone} at ${now}: ${why}`, async () => {
      const at = Date.parse(now);
      const policyDay = await freshPolicyDay();
      const day = policyDay(at, timeZoneContext(zone)!);
      const want = localDateSpan(at, zone, offsetChanges(zone, at - 60 * HOUR, at + 60 * HOUR));
      expect([new Date(day.start).toISOString(), new Date(day.end).toISOString()]).toEqual([
        new Date(want.start).toISOString(),
        new Date(want.end).toISOString(),
      ]);
      expect(day.start).toBeLessThanOrEqual(at);
      expect(day.end).toBeGreaterThan(at);
    });
  }
});

describe("days a process has remembered", () => {
  // Found by mutation run 18: a remembered day answered for the instant at its end, which is the
  // next date's first (the daily count would then count yesterday's jobs at midnight).
  for (const zone of ["America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Kiritimati", "UTC"]) {
    it(`${zone}: the instant a day ends at starts the next day, and its last millisecond is still that day`, async () => {
      const policyDay = await freshPolicyDay();
      const context = timeZoneContext(zone)!;
      let day = policyDay(Date.UTC(2026, 0, 15, 12), context);
      for (let step = 0; step < 3; step++) {
        expect(policyDay(day.end - 1, context)).toEqual(day);
        expect(policyDay(day.start, context)).toEqual(day);
        const next = policyDay(day.end, context);
        expect(next.start).toBe(day.end);
        day = next;
      }
    });
  }
});

describe("dates whose days overlap", () => {
  // America/St_Johns went back at 00:01 NDT on 2010-11-07 to 23:01 NST on the 6th: the 7th's span
  // begins with a minute of the 7th, then holds an hour of the 6th again. A remembered day answers
  // only for instants of its own date, so the 6th's hour is not answered with the 7th's day, nor
  // the 7th's first minute with the 6th's. Found by mutation run 18: remembering such a day too
  // (`steady: true`) survived every other test.
  const zone = "America/St_Johns";
  const sixth = Date.parse("2010-11-06T12:00:00-02:30");
  const seventh = Date.parse("2010-11-07T12:00:00-03:30");
  const sixthAgain = Date.parse("2010-11-07T03:00:00Z"); // 23:30 NST on the 6th, after 00:00 NDT on the 7th
  const seventhFirstMinute = Date.parse("2010-11-07T02:30:30Z"); // 00:00:30 NDT on the 7th

  function intlDay(at: number): { start: number; end: number } {
    return localDateSpan(at, zone, offsetChanges(zone, at - 60 * HOUR, at + 60 * HOUR));
  }

  it("the two days overlap, as Intl reads the zone", () => {
    expect(intlDay(sixthAgain)).toEqual(intlDay(sixth));
    expect(intlDay(seventhFirstMinute)).toEqual(intlDay(seventh));
    expect(intlDay(seventh).start).toBeLessThan(intlDay(sixth).end);
  });

  for (const [first, then] of [
    [seventh, sixthAgain],
    [sixth, seventhFirstMinute],
    [seventhFirstMinute, sixthAgain],
    [sixthAgain, seventhFirstMinute],
  ] as const) {
    it(`the day of ${new Date(then).toISOString()} after that of ${new Date(first).toISOString()}`, async () => {
      const policyDay = await freshPolicyDay();
      const context = timeZoneContext(zone)!;
      expect({ ...policyDay(first, context) }).toEqual(intlDay(first));
      expect({ ...policyDay(then, context) }).toEqual(intlDay(then));
      expect({ ...policyDay(first, context) }).toEqual(intlDay(first));
    });
  }
});

describe("what policyDay remembers", () => {
  /** A zone context that counts the offsets asked of `Intl`. */
  function counted(zone: string): { context: ZoneContext; lookups: () => number } {
    const context = timeZoneContext(zone)!;
    let lookups = 0;
    return {
      context: { timeZone: context.timeZone, offsetMs: (at) => (lookups++, context.offsetMs(at)) },
      lookups: () => lookups,
    };
  }

  it("a steady day, once computed, answers every instant of it without asking Intl, also after other dates", async () => {
    const { policyDay } = await freshModule();
    for (const zone of ["America/New_York", "Asia/Kathmandu", "Pacific/Kiritimati", "UTC"]) {
      const { context, lookups } = counted(zone);
      const day = policyDay(Date.UTC(2026, 0, 15, 12), context);
      policyDay(day.end + 12 * HOUR, context); // the next date: the last one asked about moves on
      const before = lookups();
      for (const at of [day.start, day.start + 1, (day.start + day.end) / 2, day.end - 1]) expect(policyDay(at, context)).toBe(day);
      expect(lookups(), zone).toBe(before);
    }
  });

  it("a day with an offset change is not remembered for its instants: again at once, one lookup (the last day's memo); after another date, computed again", async () => {
    const { policyDay } = await freshModule();
    const { context, lookups } = counted("America/New_York");
    const springForward = Date.UTC(2026, 2, 8, 12);
    const day = policyDay(springForward, context);
    expect((day.end - day.start) / HOUR).toBe(23);
    let before = lookups();
    expect(policyDay(day.start, context)).toBe(day);
    expect(lookups()).toBe(before + 1);
    policyDay(day.end + 12 * HOUR, context);
    before = lookups();
    expect(policyDay(springForward, context)).toEqual(day);
    expect(lookups()).toBeGreaterThan(before + 1);
  });

  it("remembers at most 1,024 days a zone, then starts over", async () => {
    const { policyDay, rememberedPolicyDays } = await freshModule();
    const noon = (day: number): number => Date.UTC(2026, 0, 1, 12) + day * 24 * HOUR;
    const utc = timeZoneContext("UTC")!;
    expect(rememberedPolicyDays("UTC")).toBe(0);
    for (let day = 0; day < 1024; day++) policyDay(noon(day), utc);
    expect(rememberedPolicyDays("UTC")).toBe(1024);
    policyDay(noon(1024), utc);
    expect(rememberedPolicyDays("UTC")).toBe(1);
    expect(policyDay(noon(0), utc)).toEqual({ start: noon(0) - 12 * HOUR, end: noon(0) + 12 * HOUR });

    // Zones with offset changes: never more than 1,024 days, for eight years of dates.
    for (const zone of ["America/New_York", "Australia/Lord_Howe"]) {
      const context = timeZoneContext(zone)!;
      let most = 0;
      for (let day = 0; day < 3000; day++) {
        policyDay(noon(day), context);
        most = Math.max(most, rememberedPolicyDays(zone));
      }
      expect(most, zone).toBe(1024);
    }
  });
});
