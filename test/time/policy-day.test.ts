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
import { timeZoneContext } from "../../src/time/time-zone";
import { localDateSpan, offsetChanges } from "../../property-tests/support/local-date";

const HOUR = 3_600_000;

/** `policyDay` as a new process loads it: no day remembered. */
async function freshPolicyDay(): Promise<typeof import("../../src/time/policy-day").policyDay> {
  vi.resetModules();
  return (await import("../../src/time/policy-day")).policyDay;
}

/** [zone, now, why the day is hard]. */
const CASES: readonly [string, string, string][] = [
  ["Australia/Lord_Howe", "2026-04-05T12:00:00+10:30", "24.5 hours: half an hour back at 02:00, 11 hours east of UTC"],
  ["Australia/Lord_Howe", "2026-10-04T12:00:00+11:00", "23.5 hours"],
  ["America/Santiago", "2026-04-04T12:00:00-03:00", "clocks back from 24:00 to 23:00: the date's last hour is lived twice, ending 4 hours after UTC's midnight"],
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
      expect([new Date(day.start).toISOString(), new Date(day.end).toISOString()]).toEqual([new Date(want.start).toISOString(), new Date(want.end).toISOString()]);
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

