/**
 * The job lifecycle (docs/rules.md, "Job lifecycle", rules 32–34): accepting a backup queues a NoStart job, a second
 * request is blocked while it is ongoing, `advanceBackupJob` moves it forward to Finished or to
 * Failed, repeats are idempotent, illegal moves are refused; job ids come from the version and are
 * never reused; returned states drop terminal jobs older than 48 hours and carry version + 1.
 */
import { describe, expect, it } from "vitest";
import {
  advanceBackupJob,
  createBackup,
  parseInstanceState,
  type BackupJob,
  type DecisionContext,
  type InstanceState,
  type JobStatus,
} from "../src/index";
import { canMove, movesFrom } from "../src/domain/job-transitions";
import { BASE, context, expectAccepted, expectRefused, instance, job, NOW } from "./support/builders";

const ONGOING: readonly JobStatus[] = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading"];
const HOUR = 3_600_000;

/** `NOW` shifted by `hours`, as an ISO string. */
function at(hours: number): string {
  return new Date(Date.parse(NOW) + hours * HOUR).toISOString();
}

/** Accepts a backup on `state` and returns the accepted decision. */
function accept(state: InstanceState, ctx: DecisionContext = context()) {
  return expectAccepted(createBackup(state, BASE, ctx));
}

/** Moves job `jobId` to `status` and returns the new state. */
function move(state: InstanceState, jobId: string, status: JobStatus, ctx: DecisionContext = context()): InstanceState {
  return expectAccepted(advanceBackupJob(state, { jobId, status }, ctx)).state;
}

describe("accepting a backup", () => {
  it("queues a NoStart Manual job with the resolved defaults, created now in UTC", () => {
    const accepted = accept(instance(), { now: "2026-03-02T16:00:00+08:00", requestId: "req-1" });
    expect(accepted.job).toEqual({
      jobId: "1",
      status: "NoStart",
      mode: "Manual",
      method: "Physical",
      backupType: "Auto",
      createdAt: "2026-03-02T08:00:00.000Z",
    });
    expect(accepted.state.jobs).toEqual([accepted.job]);
    expect(accepted.state.version).toBe(1);
    expect(accepted.response).toEqual({ BackupJobId: "1", RequestId: "req-1" });
  });

  it("echoes no RequestId it was not given, but answers a stable one derived from the state", () => {
    const first = accept(instance({ version: 6 }));
    const again = accept(instance({ version: 6 }));
    expect(first.response.RequestId).toEqual(expect.any(String));
    expect(first.response.RequestId).not.toBe("");
    expect(again.response.RequestId).toBe(first.response.RequestId);
    expect(accept(instance({ version: 7 })).response.RequestId).not.toBe(first.response.RequestId);
  });

  it("keeps the state's other fields and jobs", () => {
    const finished = job("5", "Finished");
    const accepted = accept(instance({ jobs: [finished], version: 5 }));
    expect(accepted.state).toMatchObject({ instanceId: "rm-test", engine: "MySQL", databases: ["orders", "users"], version: 6 });
    expect(accepted.state.jobs).toEqual([finished, accepted.job]);
  });
});

describe("one backup at a time", () => {
  it("blocks a second request while the first job is ongoing, and accepts once it has finished", () => {
    let state = accept(instance()).state;
    const jobId = state.jobs[0]?.jobId as string;
    for (const status of ONGOING) {
      if (status !== "NoStart") state = move(state, jobId, status);
      expectRefused(createBackup(state, BASE, context()), "instance.backup-in-progress");
    }
    state = move(state, jobId, "Finished");
    expect(state.version).toBe(6);
    expect(accept(state).job.jobId).not.toBe(jobId);
  });

  it("accepts again once the job failed", () => {
    const first = accept(instance());
    const failed = move(first.state, first.job.jobId, "Failed");
    expect(accept(failed).state.jobs.map((each) => each.status)).toEqual(["Failed", "NoStart"]);
  });
});

describe("advancing a job", () => {
  it("moves forward one step at a time, each accepted move adding 1 to the version", () => {
    let state = instance({ jobs: [job("1", "NoStart")], version: 10 });
    for (const status of ["Checking", "Preparing", "Waiting", "Uploading", "Finished"] as const) {
      const decision = expectAccepted(advanceBackupJob(state, { jobId: "1", status }, context()));
      expect(decision.job).toEqual({ ...job("1", "NoStart"), status });
      expect(decision.state.jobs).toEqual([decision.job]);
      expect(decision.state.version).toBe((state.version ?? 0) + 1);
      state = decision.state;
    }
    expect(state.version).toBe(15);
  });

  it("may skip steps forward, as a poller can miss some", () => {
    for (const [from, to] of [
      ["NoStart", "Finished"],
      ["NoStart", "Uploading"],
      ["Checking", "Waiting"],
      ["Preparing", "Finished"],
    ] as const) {
      expect(move(instance({ jobs: [job("1", from)] }), "1", to).jobs[0]?.status).toBe(to);
    }
  });

  it("moves any ongoing job to Failed", () => {
    for (const from of ONGOING) {
      expect(move(instance({ jobs: [job("1", from)] }), "1", "Failed").jobs[0]?.status).toBe("Failed");
    }
  });

  it("treats repeating the current status as an idempotent no-op: the same state object, version unchanged", () => {
    for (const status of [...ONGOING, "Finished", "Failed"] as const) {
      const state = instance({ jobs: [job("1", status)], version: 3 });
      const decision = expectAccepted(advanceBackupJob(state, { jobId: "1", status }, context()));
      expect(decision.state).toBe(state);
      expect(decision.state.version).toBe(3);
      expect(decision.job).toEqual(job("1", status));
    }
  });

  it("refuses every backward move", () => {
    ONGOING.forEach((to, index) => {
      for (const from of ONGOING.slice(index + 1)) {
        const refused = advanceBackupJob(instance({ jobs: [job("1", from)] }), { jobId: "1", status: to }, context());
        expectRefused(refused, "job.invalid-transition", "status");
        expect("state" in refused).toBe(false);
      }
    });
  });

  it("refuses every move out of Finished or Failed", () => {
    for (const from of ["Finished", "Failed"] as const) {
      for (const to of [...ONGOING, from === "Finished" ? "Failed" : "Finished"]) {
        expectRefused(
          advanceBackupJob(instance({ jobs: [job("1", from)] }), { jobId: "1", status: to }, context()),
          "job.invalid-transition",
        );
      }
    }
  });

  it("the transition table answers a status outside its vocabulary with no moves, not a throw", () => {
    // The rules only ever ask about parsed statuses; the table stays total for any string a
    // JavaScript caller could pass (mutation run 19 found its fallback never run).
    expect(movesFrom("Paused" as JobStatus)).toEqual([]);
    expect(canMove("Paused" as JobStatus, "Finished")).toBe(false);
  });

  it("moves only the job named, among several", () => {
    const state = instance({ jobs: [job("1", "Finished", at(-3)), job("2", "Uploading"), job("3", "Failed", at(-2))] });
    expect(move(state, "2", "Finished").jobs.map((each) => [each.jobId, each.status])).toEqual([
      ["1", "Finished"],
      ["2", "Finished"],
      ["3", "Failed"],
    ]);
  });

  it("does not need the instance to be Running (only rules 1, 2 and 32–34 apply)", () => {
    expect(move(instance({ status: "Stopped", jobs: [job("1", "Uploading")] }), "1", "Finished").jobs[0]?.status).toBe("Finished");
  });
});

describe("job ids", () => {
  it("are derived from the version the new state carries", () => {
    expect(accept(instance()).job.jobId).toBe("1");
    expect(accept(instance({ version: 41 })).job.jobId).toBe("42");
  });

  it("are the caller's context.jobId when given", () => {
    const accepted = accept(instance({ jobs: [job("1", "Finished")] }), context({ jobId: "5073731" }));
    expect(accepted.job.jobId).toBe("5073731");
    expect(accepted.response.BackupJobId).toBe("5073731");
  });

  it("are decimal digits, never reused over months of daily backups with old jobs dropped", () => {
    let state = instance();
    const ids: string[] = [];
    for (let day = 0; day < 90; day++) {
      const ctx = context({ now: at(day * 24) });
      const accepted = accept(state, ctx);
      ids.push(accepted.job.jobId);
      state = move(accepted.state, accepted.job.jobId, day % 7 === 3 ? "Failed" : "Finished", ctx);
      expect(state.jobs.length).toBeLessThanOrEqual(3);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9]+$/.test(id))).toBe(true);
  });

  it("are never reused, even after a caller-allocated id took the derived one and was dropped", () => {
    // The caller allocates "3", which the version will derive again later: whatever the library
    // derives instead must not be derived once more by a later version.
    let state = accept(instance(), context({ jobId: "3" })).state;
    const ids = ["3"];
    for (let cycle = 0; cycle < 15; cycle++) {
      const ctx = context({ now: at(cycle * 72) });
      state = move(state, ids[ids.length - 1] as string, "Finished", ctx);
      const accepted = accept(state, ctx);
      ids.push(accepted.job.jobId);
      state = move(accepted.state, accepted.job.jobId, "Checking", ctx);
    }
    expect(state.version).toBeGreaterThan(30);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("avoid an id that a kept job already holds", () => {
    const state = instance({ jobs: [job("1", "Finished"), job("10", "Finished")] });
    const accepted = accept(state);
    expect(["1", "10"]).not.toContain(accepted.job.jobId);
    expect(accepted.job.jobId).toMatch(/^[0-9]+$/);
  });
});

describe("the state a decision returns", () => {
  const old = (jobId: string, status: JobStatus, hoursAgo: number, changes: Partial<BackupJob> = {}) =>
    job(jobId, status, at(-hoursAgo), changes);

  it("drops Finished and Failed jobs created more than 48 hours before now, and keeps the rest", () => {
    const state = instance({
      jobs: [
        old("1", "Finished", 72),
        old("2", "Failed", 48.001),
        old("3", "Finished", 48),
        old("4", "Failed", 47),
        old("5", "Finished", 1),
      ],
    });
    const accepted = accept(state);
    expect(accepted.state.jobs.map((each) => each.jobId)).toEqual(["3", "4", "5", accepted.job.jobId]);
  });

  it("keeps ongoing jobs however old, and drops old terminal jobs on a job update too", () => {
    const state = instance({ jobs: [old("1", "Finished", 100), old("2", "Waiting", 100, { mode: "Automated" }), old("3", "Failed", 50)] });
    const next = move(state, "2", "Uploading");
    expect(next.jobs.map((each) => [each.jobId, each.status])).toEqual([["2", "Uploading"]]);
  });

  it("keeps a long-running job the decision itself finishes, so the poller's repeat is still a no-op", () => {
    const state = instance({ jobs: [old("1", "Uploading", 60)] });
    const finished = move(state, "1", "Finished");
    expect(finished.jobs.map((each) => [each.jobId, each.status])).toEqual([["1", "Finished"]]);
    const repeat = expectAccepted(advanceBackupJob(finished, { jobId: "1", status: "Finished" }, context()));
    expect(repeat.state).toBe(finished);
    expect(accept(finished).state.jobs.map((each) => each.jobId)).not.toContain("1");
  });

  it("drops nothing on a refusal: a rejection creates no new state", () => {
    const state = instance({ status: "Stopped", jobs: [old("1", "Finished", 100)] });
    const refused = createBackup(state, BASE, context());
    expectRefused(refused, "instance.not-running");
    expect("state" in refused).toBe(false);
    expect(state.jobs).toHaveLength(1);
  });

  it("carries version + 1 on every accepted decision, counting an absent version as 0", () => {
    const first = accept(instance());
    expect(first.state.version).toBe(1);
    const moved = move(first.state, first.job.jobId, "Checking");
    expect(moved.version).toBe(2);
    expect(move(moved, first.job.jobId, "Finished").version).toBe(3);
    expect(accept(instance({ version: 0 })).state.version).toBe(1);
  });
});

// Found by a mutation run (docs/verification.md): the new job holds "the strategy, the DBName items and the retention
// period as given", so a job of a request without them has no such fields at all, not fields set to `undefined`
// (the state is plain JSON).
const jobState = {
  instanceId: "rm-job",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
  jobs: [],
} as const;
const JOB_NOW = { now: "2026-03-08T12:00:00Z" };

describe("the accepted job's optional fields", () => {
  it("are absent when the request does not give them", () => {
    const decision = createBackup(jobState, "Action=CreateBackup&DBInstanceId=rm-job", JOB_NOW);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(Object.keys(decision.job).sort()).toEqual(["backupType", "createdAt", "jobId", "method", "mode", "status"]);
    expect(parseInstanceState(JSON.parse(JSON.stringify(decision.state))).ok).toBe(true);
  });

  it("are the ones given when the request gives them", () => {
    const decision = createBackup(
      jobState,
      "Action=CreateBackup&DBInstanceId=rm-job&BackupMethod=Logical&BackupStrategy=db&DBName=orders&BackupRetentionPeriod=30",
      JOB_NOW,
    );
    expect(decision.ok && decision.job).toMatchObject({ strategy: "db", dbNames: ["orders"], retentionPeriod: 30 });
  });
});

describe("a stored job's optional fields", () => {
  it("stay absent when the stored job has none: in the parsed state and in a replayed job", () => {
    const stored = {
      jobId: "7",
      status: "Finished",
      mode: "Manual",
      method: "Physical",
      backupType: "Auto",
      createdAt: "2026-03-08T11:00:00Z",
    } as const;
    const parsed = parseInstanceState({ ...jobState, jobs: [stored] });
    expect(parsed.ok && Object.keys(parsed.state.jobs[0] ?? {}).sort()).toEqual([
      "backupType",
      "createdAt",
      "jobId",
      "method",
      "mode",
      "status",
    ]);
    const keyed = { ...stored, idempotencyKey: "k-1" };
    const replay = createBackup({ ...jobState, jobs: [keyed] }, "Action=CreateBackup&DBInstanceId=rm-job", {
      ...JOB_NOW,
      idempotencyKey: "k-1",
    });
    expect(replay.ok && Object.keys(replay.job).sort()).toEqual([
      "backupType",
      "createdAt",
      "idempotencyKey",
      "jobId",
      "method",
      "mode",
      "status",
    ]);
  });
});
