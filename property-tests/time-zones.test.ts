/**
 * Property 8 — time zones: the daily quota counts the jobs of the policy zone's calendar day, on
 * the days where that is hardest: UTC; America/New_York and Europe/London on their 23- and 25-hour
 * days; Australia/Lord_Howe (30-minute daylight saving: 23.5- and 24.5-hour days); Asia/Kathmandu
 * (+05:45); Pacific/Kiritimati (+14). The expected count comes from an `Intl` calendar, not from
 * the library's date-fns arithmetic.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectIs } from "./support/expect-cheaply";
import { createBackup, type BackupJob, type InstanceState } from "../src/index";
import { check } from "./settings";
import { localDate, localDayBounds } from "./support/local-date";

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
          const decision = createBackup(state(history), REQUEST, { now: new Date(now), policy: { timeZone: zone, dailyBackupLimit: limit } });
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
