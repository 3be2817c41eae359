/**
 * Property 8 — time zones: the daily quota counts the jobs of the policy zone's calendar day, on
 * the days where that is hardest: UTC; America/New_York and Europe/London on their 23- and 25-hour
 * days; Australia/Lord_Howe (30-minute daylight saving: 23.5- and 24.5-hour days); Asia/Kathmandu
 * (+05:45); Pacific/Kiritimati (+14). The expected count comes from an `Intl` calendar, not from
 * the library's arithmetic.
 *
 * And over every zone `Intl` knows, around each of its offset changes: the policy day holds `now`
 * and is exactly the span of the instants whose local date (as `Intl` reads it) is `now`'s — on
 * the 23- to 27-hour days, on dates shown twice (clocks going back across midnight), on dates a
 * change cut short. `npm test` samples zones and years; a fuzz run (`FUZZ_RUNS`) goes through every
 * zone's changes from 1800 to 2100.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectEqual, expectIs } from "./support/expect-cheaply";
import { createBackup, type BackupJob, type InstanceState } from "../src/index";
import { policyDay } from "../src/time/policy-day";
import { timeZoneContext } from "../src/time/time-zone";
import { check, FUZZING } from "./settings";
import { localDate, localDateSpan, localDayBounds, offsetAt, offsetChanges } from "./support/local-date";

const HOUR = 3_600_000;

/** [zone, local date, its length in hours]. */
const DAYS: readonly [string, string, number][] = [
  ["UTC", "2026-03-08", 24],
  ["America/New_York", "2026-03-08", 23],
  ["America/New_York", "2026-11-01", 25],
  ["Europe/London", "2026-03-29", 23],
  ["Europe/London", "2026-10-25", 25],
  ["Australia/Lord_Howe", "2026-04-05", 24.5],
  ["Australia/Lord_Howe", "2026-10-04", 23.5],
  ["Asia/Kathmandu", "2026-03-08", 24],
  ["Pacific/Kiritimati", "2026-12-31", 24],
  ["Pacific/Kiritimati", "2027-01-01", 24],
];

const state = (jobs: BackupJob[]): InstanceState => ({
  instanceId: "rm-tz",
  engine: "PostgreSQL",
  engineVersion: "16.0",
  storageType: "cloud_essd",
  status: "Running",
  databases: [],
  jobs,
});
const REQUEST = "Action=CreateBackup&DBInstanceId=rm-tz";
const job = (jobId: number, createdAt: number, status: "Finished" | "Failed"): BackupJob => ({
  jobId: String(jobId),
  status,
  mode: "Automated",
  method: "Physical",
  backupType: "Auto",
  createdAt: new Date(createdAt).toISOString(),
});

describe("the policy day in time zones where it is hardest", () => {
  it("the oracle's days have the lengths the zones' rules give them", () => {
    for (const [zone, date, hours] of DAYS) {
      const { start, end } = localDayBounds(date, zone);
      expect((end - start) / HOUR, `${zone} ${date}`).toBe(hours);
    }
    expect(new Date(localDayBounds("2026-03-08", "Asia/Kathmandu").start).toISOString()).toBe("2026-03-07T18:15:00.000Z");
    expect(new Date(localDayBounds("2027-01-01", "Pacific/Kiritimati").start).toISOString()).toBe("2026-12-31T10:00:00.000Z");
  });

  for (const [zone, date] of DAYS) {
    it(`counts exactly the jobs of ${date} in ${zone}`, () => {
      const { start, end } = localDayBounds(date, zone);
      const day = fc.record({
        now: fc.integer({ min: start, max: end - 1 }),
        jobs: fc.array(
          fc.record({
            at: fc.oneof(fc.integer({ min: start - 30 * HOUR, max: end + 2 * HOUR }), fc.constantFrom(start - 1, start, end - 1, end)),
            status: fc.constantFrom("Finished" as const, "Failed" as const),
          }),
          { maxLength: 8 },
        ),
        slack: fc.integer({ min: 0, max: 1 }),
      });
      check(
        fc.property(day, ({ now, jobs, slack }) => {
          const history = jobs.map(({ at, status }, index) => job(index + 1, at, status));
          const today = localDate(now, zone);
          const counted = jobs.filter(({ at, status }) => status !== "Failed" && localDate(at, zone) === today).length;
          const limit = Math.max(1, counted + slack);
          const decision = createBackup(state(history), REQUEST, {
            now: new Date(now),
            policy: { timeZone: zone, dailyBackupLimit: limit },
          });
          expectIs(decision.ok ? "accepted" : decision.error.rule, counted < limit ? "accepted" : "instance.daily-limit-reached");
        }),
        60,
      );
    });
  }

  it("a job one millisecond before the local midnight does not count, one at midnight does", () => {
    for (const [zone, date] of DAYS) {
      const { start, end } = localDayBounds(date, zone);
      const policy = { timeZone: zone, dailyBackupLimit: 1 };
      const now = new Date(end - 1);
      expect(createBackup(state([job(1, start - 1, "Finished")]), REQUEST, { now, policy }).ok, `${zone} ${date} before`).toBe(true);
      const atMidnight = createBackup(state([job(1, start, "Finished")]), REQUEST, { now, policy });
      expect(atMidnight.ok ? "accepted" : atMidnight.error.rule, `${zone} ${date} at`).toBe("instance.daily-limit-reached");
    }
  });
});

const MINUTE = 60_000;

/** Instants around an offset change at which to decide: either side of it, and half a day and a day on. */
function nowsAround(change: number): number[] {
  return [change - 1, change, change - 30 * MINUTE, change + 30 * MINUTE, change - 12 * HOUR, change + 12 * HOUR, change + 25 * HOUR];
}

/** Whether the zone's clocks read within an hour of midnight at an instant. */
function nearMidnight(epochMs: number, zone: string): boolean {
  const local = new Date(epochMs + offsetAt(epochMs, zone));
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  return minutes < 60 || minutes >= 23 * 60;
}

/** Checks the policy day of `now` in `zone` against Intl's span of now's local date, and that a job at its first instant counts. */
function expectDayOfIntl(zone: string, now: number, changes: readonly number[]): void {
  const want = localDateSpan(now, zone, changes);
  const day = policyDay(now, timeZoneContext(zone)!);
  expectEqual([zone, new Date(now).toISOString(), day.start, day.end], [zone, new Date(now).toISOString(), want.start, want.end]);
  const decision = createBackup(state([job(1, want.start, "Finished")]), REQUEST, {
    now: new Date(now),
    policy: { timeZone: zone, dailyBackupLimit: 1 },
  });
  expectIs(decision.ok ? "accepted" : decision.error.rule, "instance.daily-limit-reached");
}

describe("the policy day around every offset change of every zone, against Intl", () => {
  const zones = Intl.supportedValuesOf("timeZone");
  /** Each sampled run looks at ten years of one zone. */
  const SPAN = 3653 * 24 * HOUR;

  it("holds now and exactly the instants of its local date (zones and years sampled)", () => {
    const sample = fc.record({ zone: fc.constantFrom(...zones), year: fc.integer({ min: 1840, max: 2030 }) });
    check(
      fc.property(sample, ({ zone, year }) => {
        const from = Date.UTC(year, 0, 1);
        const changes = offsetChanges(zone, from - 3 * 24 * HOUR, from + SPAN + 3 * 24 * HOUR);
        // The changes near a local midnight: those that make dates long, short, cut or shown twice.
        const hard = changes.filter((at) => at >= from && at < from + SPAN && [at - 1, at].some((ms) => nearMidnight(ms, zone)));
        for (const change of hard) {
          for (const now of nowsAround(change)) expectDayOfIntl(zone, now, changes);
        }
      }),
      40,
      0.001,
    );
  });

  it("holds on the dates the review found wrong: a 25-hour date from its first midnight, two midnights, a cut-short date, 27 and 48 hours", () => {
    const cases: [string, string][] = [
      ["Asia/Amman", "2021-10-29T00:30:00+03:00"],
      ["Africa/Tunis", "1977-09-24T12:00:00+01:00"],
      ["Africa/Monrovia", "1972-01-07T00:44:29.999Z"],
      ["America/Creston", "1944-01-01T18:01:00Z"],
      ["Antarctica/Casey", "2010-03-04T14:59:59.999Z"],
      ["America/Juneau", "1867-10-19T00:31:59.999Z"],
    ];
    for (const [zone, now] of cases) {
      const at = Date.parse(now);
      expectDayOfIntl(zone, at, offsetChanges(zone, at - 60 * HOUR, at + 60 * HOUR));
    }
  });

  /**
   * Zones whose clocks changed at (within an hour of) a local midnight most often, found by a scan
   * of every zone's offset changes from 1850 to 2040 (Azores 179 times, Santiago 162, Havana 159…),
   * and the rarer cases: Africa/Tunis, whose 1977-09-24 began at the first of two midnights;
   * Asia/Dhaka's 2009 change at 23:00; Pacific/Apia, which skipped 2011-12-30; Antarctica/Casey.
   */
  const MIDNIGHT_ZONES = [
    "Africa/Tunis",
    "Asia/Amman",
    "America/Havana",
    "America/Santiago",
    "Asia/Beirut",
    "Africa/Cairo",
    "Atlantic/Azores",
    "America/Sao_Paulo",
    "America/Asuncion",
    "Asia/Gaza",
    "Asia/Tehran",
    "America/St_Johns",
    "Asia/Dhaka",
    "Pacific/Apia",
    "Antarctica/Casey",
  ];
  /** The zone's changes near a local midnight from 1850 to 2040 (read every 14 days: a change a week from another may be missed). */
  const midnightChanges = new Map<string, number[]>();
  const changesNearMidnight = (zone: string): number[] => {
    let found = midnightChanges.get(zone);
    if (found === undefined) {
      found = offsetChanges(zone, Date.UTC(1850, 0, 1), Date.UTC(2040, 0, 1), 14 * 24 * HOUR).filter((at) =>
        [at - 1, at].some((ms) => nearMidnight(ms, zone)),
      );
      midnightChanges.set(zone, found);
    }
    return found;
  };

  it("holds at any instant within 30 hours of a change at a local midnight, in the zones whose clocks change there", () => {
    const sample = fc.record({
      zone: fc.constantFrom(...MIDNIGHT_ZONES),
      pick: fc.nat(),
      from: fc.oneof(fc.integer({ min: -30 * HOUR, max: 30 * HOUR }), fc.constantFrom(-1, 0, 1)),
    });
    check(
      fc.property(sample, ({ zone, pick, from }) => {
        const changes = changesNearMidnight(zone);
        if (changes.length === 0)
          throw new Error(`${zone}: no offset change near a local midnight from 1850 to 2040 (Intl's data changed?)`);
        const now = (changes[pick % changes.length] as number) + from;
        expectDayOfIntl(zone, now, offsetChanges(zone, now - 60 * HOUR, now + 60 * HOUR));
      }),
      60,
    );
  });

  it.runIf(FUZZING)("holds around every offset change of every zone from 1800 to 2100", () => {
    let checked = 0;
    for (const zone of zones) {
      const changes = offsetChanges(zone, Date.UTC(1800, 0, 1), Date.UTC(2100, 0, 1));
      for (const change of changes) {
        for (const now of nowsAround(change)) expectDayOfIntl(zone, now, changes);
        checked++;
      }
    }
    console.log(`policy day: ${zones.length} zones, ${checked} offset changes, ${checked * 7} instants checked against Intl`);
  });
});
