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
import { BASE, context, expectAccepted, expectRefused, instance, INSTANCE_ID, job, NOW } from "./support/builders";

/** A URLSearchParams whose iterator yields `pairs`, whatever they are (the review's construction). */
function lyingSearchParams(pairs: readonly unknown[], init = ""): URLSearchParams {
  const search = new URLSearchParams(init);
  Object.defineProperty(search, Symbol.iterator, { value: function* () { yield* pairs; } });
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
      [["Action", "CreateBackup"], ["DBInstanceId", INSTANCE_ID], ["BackupRetentionPeriod", 30]],
      [["Action", "CreateBackup"], ["DBInstanceId", INSTANCE_ID], [7, "x"]],
      [["Action", {}], ["DBInstanceId", INSTANCE_ID]],
    ];
    for (const pairs of cases) {
      // The object holds no parameter: Action is missing, whatever its iterator says.
      expectRefused(createBackup(state, lyingSearchParams(pairs), context()), "action.missing");
      expect(listViolations(state, lyingSearchParams(pairs), context()).map((v) => v.rule)).toEqual(["action.missing", "instance-id.missing"]);
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
    Object.defineProperty(endless, Symbol.iterator, { value: function* () { for (;;) yield ["Action", "CreateBackup"]; } });
    expectAccepted(createBackup(state, endless, context()));
  });

  it("an object that only inherits from URLSearchParams.prototype is not a request (rule 3)", () => {
    const fake = Object.create(URLSearchParams.prototype) as URLSearchParams;
    expectRefused(createBackup(state, fake, context()), "request.malformed");
    expect(listViolations(state, fake, context())[0]?.rule).toBe("request.malformed");
  });

  it("arrays of the state are read by index: a replaced or endless iterator is not called", () => {
    const jobs = [job("1", "Finished")];
    Object.defineProperty(jobs, Symbol.iterator, { value: function* () { for (;;) yield job("2", "Uploading"); } });
    const databases = ["orders"];
    Object.defineProperty(databases, Symbol.iterator, { value: () => ({ next: () => ({ done: false, value: 7 }) }) });
    const decision = expectAccepted(createBackup(instance({ jobs, databases }), BASE, context()));
    expect(decision.state.jobs.map((each) => each.jobId)).toEqual(["1", "01"]);
    expect(decision.state.databases).toEqual(["orders"]);
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
      () => Object.defineProperty(Object.getPrototypeOf(JOB_TRANSITIONS), "get", { value: () => ["NoStart"] }),
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
    const seen: unknown[] = [];
    JOB_TRANSITIONS.forEach((_, __, map) => seen.push(map));
    expect(seen.every((map) => map === JOB_TRANSITIONS)).toBe(true);
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
    const error = expectRefused(advanceBackupJob(instance({ jobs: [job(long, "Finished")] }), { jobId: long, status: "Failed" }, context()), "job.invalid-transition");
    expect(error.message.length).toBeLessThan(SHORT);
  });

  it("an unknown key of the context, the policy, the state or a job", () => {
    const key = "k".repeat(1 << 20);
    const withKey = (record: object) => ({ ...record, [key]: 1 });
    const errors = [
      createBackup(instance(), BASE, withKey(context()) as never),
      createBackup(instance(), BASE, { now: NOW, policy: withKey({}) } as never),
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
