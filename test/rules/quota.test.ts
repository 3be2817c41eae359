/**
 * Rules 30–31 (`src/rules/quota-rules.ts`, docs/rules.md): one backup at a time, then rule 31, the
 * daily quota (docs/rules.md, `instance.daily-limit-reached`; decisions 0024 and 0035): the jobs created on today's calendar day of the
 * policy's time zone that did not fail number fewer than `dailyBackupLimit` (20 by default).
 * Days of 23 and 25 hours (America/New_York in 2026), zones with 45-minute offsets
 * (Asia/Kathmandu), 30-minute daylight saving (Australia/Lord_Howe), +14 (Pacific/Kiritimati), and
 * clocks that change at midnight, so that it happens twice or not at all (America/Havana,
 * Atlantic/Azores).
 * The expected day boundaries below are worked out by hand from each zone's offsets.
 */
import { describe, expect, it } from "vitest";
import { advanceBackupJob, createBackup, type DecisionContext, type InstanceState } from "../../src/index";
import { BASE, context, decide, expectAccepted, expectMessage, expectRefused, instance, job } from "../support/builders";

const HOUR = 3_600_000;
const plusHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString();

/**
 * Accepts 20 backups an hour apart from `start` (each advanced to Finished before the next), then
 * asserts the 21st at `lastOfDay` is refused by rule 31 and one at `nextDay` is accepted.
 */
function fillTheDay(timeZone: string, start: string, lastOfDay: string, nextDay: string): void {
  const policy = { timeZone };
  let state: InstanceState = instance();
  for (let index = 0; index < 20; index++) {
    const ctx: DecisionContext = { now: plusHours(start, index), policy };
    const accepted = expectAccepted(createBackup(state, BASE, ctx));
    state = expectAccepted(advanceBackupJob(accepted.state, { jobId: accepted.job.jobId, status: "Finished" }, ctx)).state;
  }
  expect(state.jobs).toHaveLength(20);
  const refused = expectRefused(createBackup(state, BASE, { now: lastOfDay, policy }), "instance.daily-limit-reached", null);
  expect(refused).toMatchObject({ details: { limit: 20, count: 20, day: { timeZone } } });
  expectAccepted(createBackup(state, BASE, { now: nextDay, policy }));
}

describe("20 backups a day by default", () => {
  it("accepts 20 in a UTC day, refuses the 21st, and accepts the next calendar day", () => {
    fillTheDay("UTC", "2026-03-02T00:00:00Z", "2026-03-02T23:59:59.999Z", "2026-03-03T00:00:00Z");
  });

  it("counts a 23-hour day in New York (2026-03-08, clocks spring forward)", () => {
    // 2026-03-08 00:00 EST = 05:00Z; 2026-03-09 00:00 EDT = 04:00Z.
    fillTheDay("America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T03:59:59Z", "2026-03-09T04:00:00Z");
  });

  it("counts a 25-hour day in New York (2026-11-01, clocks fall back)", () => {
    // 2026-11-01 00:00 EDT = 04:00Z; 2026-11-02 00:00 EST = 05:00Z. The 21st comes 24h59m after the first.
    fillTheDay("America/New_York", "2026-11-01T04:00:00Z", "2026-11-02T04:59:00Z", "2026-11-02T05:00:00Z");
  });
});

describe("which jobs count", () => {
  const today = (count: number, changes: Parameters<typeof job>[3] = {}) =>
    Array.from({ length: count }, (_, index) => job(String(index + 1), "Finished", `2026-03-02T0${index % 8}:0${index % 10}:00Z`, changes));
  const decideOn = (jobs: ReturnType<typeof job>[], ctx: DecisionContext = { now: "2026-03-02T12:00:00Z" }) =>
    createBackup(instance({ jobs }), BASE, ctx);

  it("does not count Failed jobs", () => {
    expectAccepted(decideOn([...today(19), job("20", "Failed", "2026-03-02T09:00:00Z")]));
    expectAccepted(decideOn(today(30, { status: "Failed" })));
  });

  it("counts Automated jobs", () => {
    expectRefused(
      decideOn([...today(19), job("20", "Finished", "2026-03-02T09:00:00Z", { mode: "Automated" })]),
      "instance.daily-limit-reached",
    );
  });

  it("counts Finished jobs of every method and type", () => {
    const jobs = today(20).map((each, index) =>
      index % 2 === 0
        ? { ...each, method: "Logical" as const, strategy: "db" as const, dbNames: ["orders"] }
        : { ...each, backupType: "FullBackup" as const },
    );
    expectRefused(decideOn(jobs), "instance.daily-limit-reached");
  });

  it("does not count yesterday's jobs", () => {
    const yesterday = today(20).map((each) => ({ ...each, createdAt: each.createdAt.replace("2026-03-02", "2026-03-01") }));
    expectAccepted(decideOn(yesterday));
    expectRefused(
      decideOn([...yesterday.slice(10), ...today(10)], { now: "2026-03-02T12:00:00Z", policy: { dailyBackupLimit: 10 } }),
      "instance.daily-limit-reached",
    );
  });

  it("counts a job created today after now (a job counts for the day on which it was created)", () => {
    expectRefused(
      decideOn([job("1", "Finished", "2026-03-02T20:00:00Z")], { now: "2026-03-02T12:00:00Z", policy: { dailyBackupLimit: 1 } }),
      "instance.daily-limit-reached",
    );
  });

  it("applies a custom dailyBackupLimit", () => {
    const ctx = (limit: number): DecisionContext => ({ now: "2026-03-02T12:00:00Z", policy: { dailyBackupLimit: limit } });
    expectAccepted(decideOn(today(2), ctx(3)));
    expect(expectRefused(decideOn(today(3), ctx(3)), "instance.daily-limit-reached")).toMatchObject({ details: { limit: 3, count: 3 } });
    expectRefused(decideOn(today(1), ctx(1)), "instance.daily-limit-reached");
    expectAccepted(decideOn(today(20), ctx(21)));
    expectAccepted(decideOn([], ctx(1)));
  });
});

/** With a limit of 1 and one Finished job created at `createdAt`: refused at `now` iff both fall on the same policy day. */
function sameDay(timeZone: string, createdAt: string, now: string): boolean {
  const state = instance({ jobs: [job("1", "Finished", createdAt)] });
  const decision = createBackup(state, BASE, { now, policy: { timeZone, dailyBackupLimit: 1 } });
  if (!decision.ok) expect(decision.error.rule).toBe("instance.daily-limit-reached");
  return !decision.ok;
}

/** [zone, job createdAt, now, same policy day?, why] */
const BOUNDARIES: readonly (readonly [string, string, string, boolean, string])[] = [
  // America/New_York, 2026-03-08: [05:00Z, next day 04:00Z), 23 hours.
  ["America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T03:59:59Z", true, "first and last second of the 23-hour day"],
  ["America/New_York", "2026-03-08T04:59:59Z", "2026-03-08T12:00:00Z", false, "23:59:59 EST on March 7 is the day before"],
  ["America/New_York", "2026-03-09T03:59:59Z", "2026-03-09T04:00:00Z", false, "midnight EDT starts March 9"],
  ["America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T04:30:00Z", false, "23.5 hours later is already the next day"],
  ["America/New_York", "2026-03-08T06:59:00Z", "2026-03-08T07:00:00Z", true, "01:59 EST and 03:00 EDT, either side of the skipped hour"],
  // America/New_York, 2026-11-01: [04:00Z, next day 05:00Z), 25 hours.
  ["America/New_York", "2026-11-01T04:00:00Z", "2026-11-02T04:59:59Z", true, "first and last second of the 25-hour day"],
  ["America/New_York", "2026-11-01T04:00:00Z", "2026-11-02T04:30:00Z", true, "24.5 hours later is still the same day"],
  ["America/New_York", "2026-11-01T03:59:59Z", "2026-11-01T12:00:00Z", false, "23:59:59 EDT on October 31 is the day before"],
  ["America/New_York", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", true, "01:30 EDT and 01:30 EST, the repeated hour"],
  ["America/New_York", "2026-11-02T04:59:59Z", "2026-11-02T05:00:00Z", false, "midnight EST starts November 2"],
  // Asia/Kathmandu, +05:45: March 2 is [March 1 18:15Z, March 2 18:15Z).
  ["Asia/Kathmandu", "2026-03-01T18:15:00Z", "2026-03-02T18:14:59Z", true, "first and last second of March 2 in Kathmandu"],
  ["Asia/Kathmandu", "2026-03-01T18:14:59Z", "2026-03-01T18:15:00Z", false, "Kathmandu's midnight at 18:15Z"],
  ["Asia/Kathmandu", "2026-03-02T01:00:00Z", "2026-03-02T20:00:00Z", false, "the same UTC day, two Kathmandu days"],
  // Australia/Lord_Howe: +11 in summer, +10:30 in winter; 2026-04-05 is 24.5 hours, 2026-10-04 is 23.5 hours.
  ["Australia/Lord_Howe", "2026-04-04T13:00:00Z", "2026-04-05T13:29:59Z", true, "first and last second of the 24.5-hour day"],
  ["Australia/Lord_Howe", "2026-04-05T13:29:59Z", "2026-04-05T13:30:00Z", false, "midnight +10:30 starts April 6"],
  ["Australia/Lord_Howe", "2026-04-04T12:59:59Z", "2026-04-04T13:00:00Z", false, "midnight +11 starts April 5"],
  ["Australia/Lord_Howe", "2026-10-03T13:30:00Z", "2026-10-04T12:59:59Z", true, "first and last second of the 23.5-hour day"],
  ["Australia/Lord_Howe", "2026-10-04T12:59:59Z", "2026-10-04T13:00:00Z", false, "midnight +11 starts October 5"],
  ["Australia/Lord_Howe", "2026-10-03T13:29:59Z", "2026-10-03T13:30:00Z", false, "midnight +10:30 starts October 4"],
  // Pacific/Kiritimati, +14: March 2 is [March 1 10:00Z, March 2 10:00Z).
  ["Pacific/Kiritimati", "2026-03-01T10:00:00Z", "2026-03-02T09:59:59Z", true, "two UTC dates, one Kiritimati day"],
  ["Pacific/Kiritimati", "2026-03-01T09:59:59Z", "2026-03-01T10:00:00Z", false, "one UTC date, two Kiritimati days"],
  // America/Havana: clocks go back at 01:00 to 00:00 on 2026-11-01, so midnight happens twice and the
  // day is [04:00Z, next day 05:00Z); they spring forward at 00:00 to 01:00 on 2026-03-08, so that day
  // has no midnight and starts at 01:00 CDT, 05:00Z.
  ["America/Havana", "2026-11-01T04:30:00Z", "2026-11-01T12:00:00Z", true, "00:30 before the second midnight is already November 1"],
  ["America/Havana", "2026-11-01T04:00:00Z", "2026-11-02T04:59:59Z", true, "first and last second of the 25-hour day"],
  ["America/Havana", "2026-11-01T03:59:59Z", "2026-11-01T04:00:00Z", false, "the first of the two midnights starts November 1"],
  ["America/Havana", "2026-11-01T04:30:00Z", "2026-10-31T12:00:00Z", false, "October 31 ends at the first midnight"],
  ["America/Havana", "2026-03-08T04:59:59Z", "2026-03-08T05:00:00Z", false, "March 8 starts at 01:00, its midnight skipped"],
  ["America/Havana", "2026-03-08T05:00:00Z", "2026-03-09T03:59:59Z", true, "first and last second of the 23-hour day"],
  // Atlantic/Azores: clocks go back at 01:00 (+00) to 00:00 (-01) on 2026-10-25: [00:00Z, next day 01:00Z).
  ["Atlantic/Azores", "2026-10-25T00:30:00Z", "2026-10-25T12:00:00Z", true, "00:30 before the second midnight is already October 25"],
  ["Atlantic/Azores", "2026-10-25T00:00:00Z", "2026-10-26T00:59:59Z", true, "first and last second of the 25-hour day"],
  ["Atlantic/Azores", "2026-10-24T23:59:59Z", "2026-10-25T00:00:00Z", false, "the first of the two midnights starts October 25"],
  // The same instants under UTC, the default: the zone decides.
  ["UTC", "2026-03-01T09:59:59Z", "2026-03-01T10:00:00Z", true, "the same UTC day"],
  ["UTC", "2026-03-08T04:59:59Z", "2026-03-08T12:00:00Z", true, "the same UTC day"],
];

describe("the policy day in time zones", () => {
  for (const [timeZone, createdAt, now, expected, why] of BOUNDARIES) {
    it(`${timeZone}: a job at ${createdAt} and a request at ${now} are ${expected ? "on the same day" : "on different days"} (${why})`, () => {
      expect(sameDay(timeZone, createdAt, now)).toBe(expected);
    });
  }

  it("uses UTC when no time zone is given", () => {
    const state = instance({ jobs: [job("1", "Finished", "2026-03-01T23:59:59Z")] });
    expectAccepted(createBackup(state, BASE, { now: "2026-03-02T00:00:00Z", policy: { dailyBackupLimit: 1 } }));
    expectRefused(
      createBackup(state, BASE, { now: "2026-03-01T00:00:00Z", policy: { dailyBackupLimit: 1 } }),
      "instance.daily-limit-reached",
    );
  });

  it("says when the day ends, in UTC, on a 23-hour day", () => {
    const state = instance({ jobs: [job("1", "Finished", "2026-03-08T10:00:00Z")] });
    const refused = createBackup(state, BASE, {
      now: "2026-03-08T20:00:00Z",
      policy: { timeZone: "America/New_York", dailyBackupLimit: 1 },
    });
    expect(expectRefused(refused, "instance.daily-limit-reached")).toMatchObject({
      details: { day: { start: "2026-03-08T05:00:00.000Z", end: "2026-03-09T04:00:00.000Z", timeZone: "America/New_York" } },
    });
  });

  it("reads a job's createdAt with an offset as the instant it names", () => {
    // 2026-03-02T00:30+05:45 is 2026-03-01T18:45Z: March 2 in Kathmandu, March 1 in UTC.
    const state = instance({ jobs: [job("1", "Finished", "2026-03-02T00:30:00+05:45")] });
    const at = (timeZone: string) => createBackup(state, BASE, { now: "2026-03-02T12:00:00Z", policy: { timeZone, dailyBackupLimit: 1 } });
    expectRefused(at("Asia/Kathmandu"), "instance.daily-limit-reached");
    expectAccepted(at("UTC"));
  });
});

describe("rules 30–31: jobs of the instance", () => {
  for (const status of ["NoStart", "Checking", "Preparing", "Waiting", "Uploading"] as const) {
    it(`refuses while a Manual job is ${status} (rule 30)`, () => {
      const violation = expectRefused(decide(BASE, instance({ jobs: [job("7", status)] })), "instance.backup-in-progress", null);
      expect(violation).toMatchObject({ details: { job: { jobId: "7", mode: "Manual", status } } });
      expectMessage(violation, "Finished or Failed");
    });
  }

  it("refuses while an Automated job is ongoing, even one created days ago", () => {
    const automated = job("8", "Waiting", "2026-02-20T00:00:00Z", { mode: "Automated" });
    const violation = expectRefused(decide(BASE, instance({ jobs: [automated] })), "instance.backup-in-progress");
    expect(violation).toMatchObject({ details: { job: { jobId: "8", mode: "Automated", status: "Waiting" } } });
  });

  it("accepts once every job is Finished or Failed", () => {
    expectAccepted(decide(BASE, instance({ jobs: [job("7", "Finished"), job("8", "Failed", "2026-03-02T07:30:00Z")] })));
  });

  it("refuses the request after the limit of jobs today (rule 31), saying when to retry", () => {
    const jobs = [job("1", "Finished", "2026-03-02T00:00:00Z"), job("2", "Finished", "2026-03-02T07:59:59Z")];
    const violation = expectRefused(
      decide(BASE, instance({ jobs }), context({ policy: { dailyBackupLimit: 2 } })),
      "instance.daily-limit-reached",
      null,
    );
    expect(violation).toMatchObject({
      details: { limit: 2, count: 2, day: { start: "2026-03-02T00:00:00.000Z", end: "2026-03-03T00:00:00.000Z", timeZone: "UTC" } },
    });
    expectMessage(violation, "retry from 2026-03-03T00:00:00.000Z");
  });
});
