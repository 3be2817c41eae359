/**
 * Regression tests for the seven defects an adversarial review of the core found (issue 9): each
 * is the review's own reproduction, or the smallest case of it, with the outcome the library now
 * gives. The properties that would have found each are in `property-tests/` (see
 * docs/verification.md).
 */
import { describe, expect, it } from "vitest";
import {
  advanceBackupJob,
  createBackup,
  JOB_TRANSITIONS,
  listViolations,
  parseInstanceState,
  toErrorResponse,
  type BackupDecision,
  type JobDecision,
  type JobStatus,
} from "../src/index";
import { rememberedZoneNames } from "../src/time/time-zone";
import { BASE, context, expectAccepted, expectRefused, instance, INSTANCE_ID, job, NOW } from "./support/builders";

/** A URLSearchParams whose iterator yields `pairs`, whatever they are (the review's construction). */
function lyingSearchParams(pairs: readonly unknown[], init = ""): URLSearchParams {
  const search = new URLSearchParams(init);
  Object.defineProperty(search, Symbol.iterator, {
    value: function* () {
      yield* pairs;
    },
  });
  return search;
}

/** The outcome as one comparable value: the rule, or "accepted" with the job id. */
function outcome(decision: BackupDecision | JobDecision): string {
  return decision.ok ? `accepted ${decision.job.jobId}` : decision.error.rule;
}

describe("1. a request form is read as what it is", () => {
  const state = instance();

  it("a URLSearchParams is read from its own list, not from an iterator put on it", () => {
    const cases = [
      [
        ["Action", "CreateBackup"],
        ["DBInstanceId", INSTANCE_ID],
        ["BackupRetentionPeriod", 30],
      ],
      [
        ["Action", "CreateBackup"],
        ["DBInstanceId", INSTANCE_ID],
        [7, "x"],
      ],
      [
        ["Action", {}],
        ["DBInstanceId", INSTANCE_ID],
      ],
    ];
    for (const pairs of cases) {
      // The object holds no parameter: Action is missing, whatever its iterator says.
      expectRefused(createBackup(state, lyingSearchParams(pairs), context()), "action.missing");
      expect(listViolations(state, lyingSearchParams(pairs), context()).map((v) => v.rule)).toEqual([
        "action.missing",
        "instance-id.missing",
      ]);
    }
    // What it holds is what counts: the same lying iterator over a real request is accepted as that request.
    expectAccepted(createBackup(state, lyingSearchParams([["Action", {}]], BASE), context()));
  });

  it("entries and forEach replaced on the object or on a subclass are not called either", () => {
    const search = new URLSearchParams(BASE);
    let calls = 0;
    const lie = () => {
      calls++;
      throw new Error("not to be called");
    };
    Object.assign(search, { entries: lie, forEach: lie, keys: lie, values: lie, get: lie, getAll: lie });
    expectAccepted(createBackup(state, search, context()));
    class Loud extends URLSearchParams {
      override forEach(): void {
        lie();
      }
      override *[Symbol.iterator](): Generator<[string, string]> {
        yield ["Action", {} as string];
      }
    }
    expectAccepted(createBackup(state, new Loud(BASE), context()));
    expect(calls).toBe(0);
  });

  it("an iterator that never ends is never started", () => {
    const endless = new URLSearchParams(BASE);
    Object.defineProperty(endless, Symbol.iterator, {
      value: function* () {
        for (;;) yield ["Action", "CreateBackup"];
      },
    });
    expectAccepted(createBackup(state, endless, context()));
  });

  it("an object that only inherits from URLSearchParams.prototype is not a request (rule 3)", () => {
    const fake = Object.create(URLSearchParams.prototype) as URLSearchParams;
    expectRefused(createBackup(state, fake, context()), "request.malformed");
    expect(listViolations(state, fake, context())[0]?.rule).toBe("request.malformed");
  });

  it("arrays of the state are read by index: a replaced or endless iterator is not called", () => {
    const jobs = [job("1", "Finished")];
    Object.defineProperty(jobs, Symbol.iterator, {
      value: function* () {
        for (;;) yield job("2", "Uploading");
      },
    });
    const databases = ["orders"];
    Object.defineProperty(databases, Symbol.iterator, { value: () => ({ next: () => ({ done: false, value: 7 }) }) });
    const decision = expectAccepted(createBackup(instance({ jobs, databases }), BASE, context()));
    expect(decision.state.jobs.map((each) => each.jobId)).toEqual(["1", "2"]);
    expect(decision.state.databases).toEqual(["orders"]);
  });
});

describe("2. the policy day holds now and every instant of its local date", () => {
  const HOUR = 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  /** With a limit of 1 and one Finished job created at `createdAt`: does the job count on the day of `now`? */
  const counts = (timeZone: string, createdAt: number, now: number): boolean => {
    const decision = createBackup(instance({ jobs: [job("1", "Finished", iso(createdAt))] }), BASE, {
      now: iso(now),
      policy: { timeZone, dailyBackupLimit: 1 },
    });
    if (!decision.ok) expect(decision.error.rule).toBe("instance.daily-limit-reached");
    return !decision.ok;
  };

  it("the review's case: Asia/Amman at 00:30 (+03:00) on 2021-10-29, a 25-hour date, refuses a 21st backup", () => {
    const now = "2021-10-29T00:30:00+03:00";
    const jobs = Array.from({ length: 20 }, (_, i) =>
      job(String(i + 1), "Finished", iso(Date.parse("2021-10-29T00:00:00+03:00") + i * 60_000)),
    );
    for (const timeZone of ["Asia/Amman", "Etc/GMT-3"]) {
      const error = expectRefused(createBackup(instance({ jobs }), BASE, { now, policy: { timeZone } }), "instance.daily-limit-reached");
      expect(error.message).toContain("the day starting 2021-10-28T21:00:00.000Z");
    }
  });

  /** [zone, now, the first instant of now's local date, the instant after its last, why] — from Intl's calendar. */
  const DATES: readonly (readonly [string, string, string, string, string])[] = [
    [
      "Asia/Amman",
      "2021-10-29T00:30:00+03:00",
      "2021-10-28T21:00:00Z",
      "2021-10-29T22:00:00Z",
      "01:00 back to 00:00: 25 hours from the first midnight",
    ],
    [
      "Africa/Tunis",
      "1977-09-24T12:00:00+01:00",
      "1977-09-23T22:00:00Z",
      "1977-09-24T23:00:00Z",
      "two midnights; the date begins at the first",
    ],
    [
      "Africa/Tunis",
      "1977-09-23T22:59:59.999Z",
      "1977-09-23T22:00:00Z",
      "1977-09-24T23:00:00Z",
      "the last millisecond before the second midnight",
    ],
    [
      "Africa/Monrovia",
      "1972-01-07T00:44:29.999Z",
      "1972-01-06T00:44:30Z",
      "1972-01-07T00:44:30Z",
      "the day was computed with no length at all",
    ],
    [
      "Antarctica/Casey",
      "2010-03-04T14:59:59.999Z",
      "2010-03-04T13:00:00Z",
      "2010-03-05T16:00:00Z",
      "+11 to +8 at 02:00 local: a 27-hour date",
    ],
    [
      "America/Goose_Bay",
      "1987-10-25T03:01:00Z",
      "1987-10-24T03:00:00Z",
      "1987-10-25T04:00:00Z",
      "double daylight time ended at 00:01: the hour after it is still October 24",
    ],
    [
      "America/Juneau",
      "1867-10-19T00:31:59.999Z",
      "1867-10-17T08:57:41Z",
      "1867-10-19T08:57:41Z",
      "Alaska moved back a whole date in 1867: 48 hours",
    ],
  ];
  for (const [zone, now, start, end, why] of DATES) {
    it(`${zone} at ${now}: ${why}`, () => {
      const [at, first, after] = [Date.parse(now), Date.parse(start), Date.parse(end)];
      expect(counts(zone, first, at), "a job at the first instant counts").toBe(true);
      expect(counts(zone, first - 1, at), "one just before does not").toBe(false);
      expect(counts(zone, after - 1, at), "a job at the last instant counts").toBe(true);
      expect(counts(zone, after, at), "one just after does not").toBe(false);
      expect(counts(zone, at, at), "a job at now counts").toBe(true);
      expect(after - first).toBeLessThanOrEqual(48 * HOUR);
    });
  }

  it("a job on the first hour of a 48-hour date is still kept 48 hours later, so it still counts", () => {
    const state = instance({ jobs: [job("7", "Finished", "1867-10-17T08:57:41Z")] });
    const at = (dailyBackupLimit: number) =>
      createBackup(state, BASE, { now: "1867-10-19T08:57:40.999Z", policy: { timeZone: "America/Juneau", dailyBackupLimit } });
    expectRefused(at(1), "instance.daily-limit-reached");
    expect(expectAccepted(at(2)).state.jobs.map((each) => each.jobId)).toEqual(["7", "1"]);
  });
});

describe("3. time-zone names: absurd ones refused before Intl, what is remembered bounded", () => {
  it("1,100 distinct invalid names of 1 MiB and 1,100 of 64 characters leave at most 1,024 names of 64 characters", () => {
    const megabyte = "x".repeat(1 << 20);
    for (let i = 0; i < 1100; i++) {
      expectRefused(
        createBackup(instance(), BASE, { now: NOW, policy: { timeZone: `Asia/${megabyte}${i}` } }),
        "context.invalid",
        "context.policy.timeZone",
      );
      const longest = `Mars/${String(i).padStart(59, "_")}`;
      expectRefused(
        createBackup(instance(), BASE, { now: NOW, policy: { timeZone: longest } }),
        "context.invalid",
        "context.policy.timeZone",
      );
    }
    const remembered = rememberedZoneNames();
    expect(remembered.names).toBeLessThanOrEqual(1024);
    expect(remembered.characters).toBeLessThanOrEqual(1024 * 64);
  });

  it("a 65-character name that Intl would be asked about is refused as not a zone", () => {
    expectRefused(
      createBackup(instance(), BASE, { now: NOW, policy: { timeZone: `Europe/${"B".repeat(58)}` } }),
      "context.invalid",
      "context.policy.timeZone",
    );
    expectAccepted(createBackup(instance(), BASE, { now: NOW, policy: { timeZone: "America/Argentina/ComodRivadavia" } }));
  });
});

describe("4. JOB_TRANSITIONS is read-only, and decisions do not read it", () => {
  const uploading = instance({ jobs: [job("1", "Uploading")] });
  const finished = instance({ jobs: [job("1", "Finished")] });
  const failed = instance({ jobs: [job("1", "Failed")] });
  const decisions = (): string[] => [
    outcome(advanceBackupJob(finished, { jobId: "1", status: "NoStart" }, context())),
    outcome(advanceBackupJob(failed, { jobId: "1", status: "Finished" }, context())),
    outcome(advanceBackupJob(uploading, { jobId: "1", status: "Finished" }, context())),
  ];

  it("no push, set, delete or clear is possible, through the view or the Map methods", () => {
    const before = decisions();
    expect(before).toEqual(["job.invalid-transition", "job.invalid-transition", "accepted 1"]);
    const attempts: (() => unknown)[] = [
      () => (JOB_TRANSITIONS.get("Finished") as JobStatus[]).push("NoStart"),
      () => (JOB_TRANSITIONS.get("Uploading") as JobStatus[]).splice(0),
      () => ((JOB_TRANSITIONS.get("Uploading") as JobStatus[])[0] = "Checking"),
      () => (JOB_TRANSITIONS as Map<JobStatus, JobStatus[]>).set("Failed", ["Finished"]),
      () => (JOB_TRANSITIONS as Map<JobStatus, JobStatus[]>).clear(),
      () => Map.prototype.set.call(JOB_TRANSITIONS, "Failed", ["Finished"]),
      () => Map.prototype.clear.call(JOB_TRANSITIONS),
      () => Map.prototype.delete.call(JOB_TRANSITIONS, "Uploading"),
      () => Object.defineProperty(JOB_TRANSITIONS, "get", { value: () => ["NoStart"] }),
      () => Object.defineProperty(Object.getPrototypeOf(JOB_TRANSITIONS) as object, "get", { value: () => ["NoStart"] }),
    ];
    for (const attempt of attempts) expect(attempt).toThrow(TypeError);
    expect(JOB_TRANSITIONS.get("Finished")).toEqual([]);
    expect(JOB_TRANSITIONS.get("Uploading")).toEqual(["Finished", "Failed"]);
    expect(JOB_TRANSITIONS.size).toBe(7);
    expect(decisions()).toEqual(before);
  });

  it("is still a ReadonlyMap to read: get, has, size, iteration, and forEach hands out the view itself", () => {
    expect([...JOB_TRANSITIONS.keys()]).toEqual(["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished", "Failed"]);
    expect(new Map(JOB_TRANSITIONS).get("NoStart")).toEqual(["Checking", "Preparing", "Waiting", "Uploading", "Finished", "Failed"]);
    expect(JOB_TRANSITIONS.has("Waiting")).toBe(true);
    // entries, values and forEach read the same table as get (mutation run 12: nothing read them,
    // and forEach was checked on the entries it visited, so one that visited none passed).
    const table = [...JOB_TRANSITIONS.keys()].map((status) => [status, JOB_TRANSITIONS.get(status)]);
    expect([...JOB_TRANSITIONS.entries()]).toEqual(table);
    expect([...JOB_TRANSITIONS.values()]).toEqual(table.map(([, moves]) => moves));
    const seen: unknown[] = [];
    const receiver = {};
    JOB_TRANSITIONS.forEach(function (this: unknown, moves, status, map) {
      seen.push([status, moves]);
      expect(map).toBe(JOB_TRANSITIONS);
      expect(this).toBe(receiver);
    }, receiver);
    expect(seen).toEqual(table);
  });
});

/** Runs `decide` with `key` set on Object.prototype (as an assignment would: enumerable), then removes it. */
function polluted<T>(key: string, value: unknown, decide: () => T): T {
  const prototype = Object.prototype as Record<string, unknown>;
  prototype[key] = value;
  try {
    return decide();
  } finally {
    delete prototype[key];
  }
}

describe("5. only own properties are read", () => {
  const ctx = { now: NOW, requestId: "r-1" };
  const scenarios: [string, () => unknown][] = [
    ["an accepted request", () => createBackup(instance({ version: 3 }), BASE, ctx)],
    ["an accepted request without version or requestId", () => createBackup(instance(), BASE, { now: NOW })],
    ["an invalid DBName", () => createBackup(instance(), `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=1bad`, ctx)],
    ["an invalid BackupMethod", () => createBackup(instance(), `${BASE}&BackupMethod=physical`, ctx)],
    ["a request without DBName", () => listViolations(instance(), `${BASE}&BackupMethod=Logical`, ctx)],
    ["a refusal without a parameter", () => createBackup(instance({ status: "Stopped" }), BASE, ctx)],
    ["an advance", () => advanceBackupJob(instance({ jobs: [job("4", "Uploading")] }), { jobId: "4", status: "Finished" }, ctx)],
    ["a stored state", () => parseInstanceState(instance())],
    ["an error response", () => toErrorResponse({ code: "C", httpStatus: 400, message: "m" } as never, "r")],
  ];
  const pollution: [string, unknown][] = [
    ["version", 41],
    ["jobId", "777"],
    ["requestId", "polluted"],
    ["strategy", "db"],
    ["dbNames", ["orders"]],
    ["retentionPeriod", 30],
    ["parameter", "Polluted"],
    ["value", ["orders"]],
    ["explain", true],
    ["values", ["Polluted"]],
    ["rule", "polluted"],
  ];

  it("keys set on Object.prototype change no outcome and no output", () => {
    for (const [name, decide] of scenarios) {
      const clean = JSON.stringify(decide());
      for (const [key, value] of pollution) {
        const result = polluted(key, value, decide);
        expect(JSON.stringify(result), `${name} with Object.prototype.${key}`).toBe(clean);
      }
    }
  });

  it("the review's case: Object.prototype.version = 41 does not make the new job 42", () => {
    const decision = polluted("version", 41, () => createBackup(instance(), BASE, ctx));
    expect(decision.ok && [decision.job.jobId, decision.state.version]).toEqual(["1", 1]);
  });

  it("a hole in an array is not filled from Object.prototype", () => {
    const databases = ["orders", "users"];
    // eslint-disable-next-line @typescript-eslint/no-array-delete -- the hole is this test's input
    delete databases[1];
    const decision = polluted("1", "users", () => createBackup(instance({ databases }), BASE, ctx));
    expectRefused(decision, "state.invalid", "state.databases[1]");
  });

  it("an inherited dbNames is neither copied into the job nor frozen", () => {
    const inherited = ["orders"];
    const decision = expectAccepted(polluted("dbNames", inherited, () => createBackup(instance(), BASE, ctx)));
    expect(Object.hasOwn(decision.job, "dbNames")).toBe(false);
    expect(Object.isFrozen(inherited)).toBe(false);
  });
});

describe("6. an accepted decision never returns a state the library refuses", () => {
  const LAST = Number.MAX_SAFE_INTEGER;

  it("the review's case: version 2^53 − 1 is refused by rule 2, not turned into 2^53", () => {
    const state = instance({ version: LAST });
    expect(parseInstanceState(state).ok).toBe(true);
    const error = expectRefused(createBackup(state, BASE, context()), "state.invalid", "state.version");
    expect(error.message).toContain("9007199254740991");
    expectRefused(
      advanceBackupJob(instance({ version: LAST, jobs: [job("1", "Uploading")] }), { jobId: "1", status: "Finished" }, context()),
      "state.invalid",
      "state.version",
    );
  });

  it("version 2^53 − 2 is accepted, and the state it returns reads back", () => {
    const decision = expectAccepted(createBackup(instance({ version: LAST - 1 }), BASE, context()));
    expect(decision.state.version).toBe(LAST);
    expect(decision.job.jobId).toBe(String(LAST));
    expect(parseInstanceState(decision.state)).toEqual({ ok: true, state: decision.state });
    expectRefused(createBackup(decision.state, BASE, context()), "state.invalid", "state.version");
  });
});

describe("7. messages quote at most 64 characters of any value", () => {
  const long = "9".repeat(10 << 20);
  const SHORT = 1_000;

  it("the id of an ongoing job (instance.backup-in-progress)", () => {
    const error = expectRefused(createBackup(instance({ jobs: [job(long, "Uploading")] }), BASE, context()), "instance.backup-in-progress");
    expect(error.message.length).toBeLessThan(SHORT);
    expect(error.message).toContain(`${"9".repeat(64)}… (${long.length} characters)`);
    expect(toErrorResponse(error, "r").Message.length).toBeLessThan(SHORT);
  });

  it("the id of the job that cannot move (job.invalid-transition)", () => {
    const error = expectRefused(
      advanceBackupJob(instance({ jobs: [job(long, "Finished")] }), { jobId: long, status: "Failed" }, context()),
      "job.invalid-transition",
    );
    expect(error.message.length).toBeLessThan(SHORT);
  });

  it("an unknown key of the context, the policy, the state or a job", () => {
    const key = "k".repeat(1 << 20);
    const withKey = (record: object) => ({ ...record, [key]: 1 });
    const errors = [
      createBackup(instance(), BASE, withKey(context()) as never),
      createBackup(instance(), BASE, { now: NOW, policy: withKey({}) }),
      createBackup(withKey(instance()) as never, BASE, context()),
      createBackup(instance({ jobs: [withKey(job("1", "Finished")) as never] }), BASE, context()),
    ];
    for (const decision of errors) expect(!decision.ok && decision.error.message.length).toBeLessThan(SHORT);
  });

  it("a huge bigint, wherever a value is described", () => {
    const huge = 10n ** 5000n;
    const decision = createBackup(instance(), { Action: "CreateBackup", DBInstanceId: INSTANCE_ID, BackupType: huge }, context());
    const error = expectRefused(decision, "parameter.malformed", "BackupType");
    expect(error.message).toContain("the bigint 1000");
    expect(error.message.length).toBeLessThan(SHORT);
  });
});
