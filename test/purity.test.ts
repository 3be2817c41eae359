/**
 * Purity (README; docs/architecture.md, the pure core): inputs are never mutated, deep-frozen inputs work, the same arguments
 * give equal results, a rejection creates no new state, and an accepted decision returns a new,
 * frozen state rather than changing the one given.
 */
import { setAutoFreeze } from "immer";
import { afterEach, describe, expect, it } from "vitest";
import {
  advanceBackupJob,
  createBackup,
  listViolations,
  parseInstanceState,
  toErrorResponse,
  type DecisionContext,
  type InstanceState,
} from "../src/index";
import { BASE, deepFreeze, expectAccepted, expectRefused, instance, isDeepFrozen, job, NOW, withBase } from "./support/builders";

/** A state with an old Finished job (pruned on acceptance), a recent one, and a version. */
function richState(): InstanceState {
  return instance({
    jobs: [
      job("3", "Finished", "2026-02-20T00:00:00Z", { strategy: "db", dbNames: ["orders"], retentionPeriod: 30, method: "Logical" }),
      job("4", "Failed"),
    ],
    version: 4,
  });
}

/** A context with every field. */
function fullContext(): DecisionContext {
  return { now: NOW, requestId: "req-1", policy: { dailyBackupLimit: 5, timeZone: "Asia/Shanghai" } };
}

/** Every export called with the given inputs; each call's result, for comparison. */
function callEverything(state: InstanceState, request: unknown, ctx: DecisionContext) {
  const accepted = createBackup(state, request, ctx);
  const refused = createBackup(state, withBase("BackupMethod=Snapshot"), ctx);
  const jobId = state.jobs.find((each) => each.status === "Failed")?.jobId ?? "1";
  return {
    accepted,
    refused,
    violations: listViolations(state, withBase("BackupMethod=Snapshot&Colour=red"), ctx),
    repeat: advanceBackupJob(state, { jobId, status: "Failed" }, ctx),
    illegal: advanceBackupJob(state, { jobId, status: "NoStart" }, ctx),
    parsed: parseInstanceState(state),
    response: refused.ok ? undefined : toErrorResponse(refused.error, "req-1"),
  };
}

describe("deep-frozen inputs", () => {
  it("work in every export and stay deep-equal to a copy taken before", () => {
    const state = deepFreeze(richState());
    const request = deepFreeze({ Action: "CreateBackup", DBInstanceId: "rm-test", BackupRetentionPeriod: 30 });
    const ctx = deepFreeze(fullContext());
    const before = structuredClone({ state, request, ctx });
    const results = callEverything(state, request, ctx);
    expect(expectAccepted(results.accepted).job.retentionPeriod).toBe(30);
    expectRefused(results.refused, "backup-method.snapshot-requires-cloud-disk");
    expect(results.violations.map((violation) => violation.rule)).toEqual([
      "parameter.unknown",
      "backup-method.snapshot-requires-cloud-disk",
    ]);
    expect(expectAccepted(results.repeat).state).toBe(state);
    expectRefused(results.illegal, "job.invalid-transition");
    expect(results.parsed.ok).toBe(true);
    expect(results.response).toMatchObject({ RequestId: "req-1", HttpStatus: 400 });
    expect({ state, request, ctx }).toEqual(before);
  });

  it("work for a job update, a URLSearchParams request and a Date clock", () => {
    const state = deepFreeze(instance({ jobs: [job("1", "Uploading")] }));
    const update = deepFreeze({ jobId: "1", status: "Finished" });
    const now = new Date(Date.parse(NOW));
    const ctx = deepFreeze({ now });
    const params = new URLSearchParams(BASE);
    const before = structuredClone({ state, update });
    const moved = expectAccepted(advanceBackupJob(state, update, ctx));
    expect(moved.state.jobs[0]?.status).toBe("Finished");
    expectAccepted(createBackup(moved.state, params, ctx));
    expect({ state, update }).toEqual(before);
    expect(now.getTime()).toBe(Date.parse(NOW));
    expect(params.toString()).toBe(new URLSearchParams(BASE).toString());
  });
});

describe("unfrozen inputs", () => {
  it("are neither modified nor frozen by any export", () => {
    const state = richState();
    const request = { Action: "CreateBackup", DBInstanceId: "rm-test" };
    const ctx = fullContext();
    const before = structuredClone({ state, request, ctx });
    callEverything(state, request, ctx);
    expect({ state, request, ctx }).toEqual(before);
    for (const value of [state, state.jobs, state.jobs[0], state.databases, request, ctx, ctx.policy]) {
      expect(Object.isFrozen(value)).toBe(false);
    }
  });
});

describe("determinism", () => {
  it("gives deep-equal results for the same arguments", () => {
    const first = callEverything(richState(), BASE, fullContext());
    const second = callEverything(richState(), BASE, fullContext());
    expect(second).toEqual(first);
  });

  it("gives the same results whether now is a Date or the same instant as a string", () => {
    const fromString = createBackup(richState(), BASE, { now: "2026-03-02T16:00:00+08:00" });
    const fromDate = createBackup(richState(), BASE, { now: new Date(Date.UTC(2026, 2, 2, 8)) });
    expect(fromDate).toEqual(fromString);
  });

  it("derives the same RequestId for the same state when the context gives none", () => {
    const one = expectAccepted(createBackup(richState(), BASE, { now: NOW }));
    const two = expectAccepted(createBackup(richState(), BASE, { now: NOW }));
    expect(two.response).toEqual(one.response);
  });
});

describe("what a decision returns", () => {
  it("on a refusal: the error and no state", () => {
    for (const refused of [
      createBackup(richState(), withBase("BackupMethod=Snapshot"), fullContext()),
      advanceBackupJob(richState(), { jobId: "9", status: "Finished" }, fullContext()),
    ]) {
      expect(refused.ok).toBe(false);
      expect(Object.keys(refused).sort()).toEqual(["error", "ok"]);
    }
  });

  it("on acceptance: a new, deeply frozen state, with the given one untouched", () => {
    const state = richState();
    const accepted = expectAccepted(createBackup(state, BASE, fullContext()));
    expect(accepted.state).not.toBe(state);
    expect(accepted.state.jobs).not.toBe(state.jobs);
    expect(isDeepFrozen(accepted.state)).toBe(true);
    expect(isDeepFrozen(accepted.job)).toBe(true);
    expect(() => (accepted.state.jobs as unknown[]).push(1)).toThrow(TypeError);
    expect(state.jobs).toHaveLength(2);
    expect(state.version).toBe(4);
  });

  it("on a job update: a new, deeply frozen state", () => {
    const state = instance({ jobs: [job("1", "Waiting")] });
    const moved = expectAccepted(advanceBackupJob(state, { jobId: "1", status: "Uploading" }, fullContext()));
    expect(moved.state).not.toBe(state);
    expect(isDeepFrozen(moved.state)).toBe(true);
    expect(state.jobs[0]?.status).toBe("Waiting");
  });

  it("deeply frozen down to a job's DBName list: the accepted job's, and a stored job's kept by a job update", () => {
    // A job frozen before its dbNames is not walked again when the state is frozen (mutation run 12:
    // leaving dbNames out left that list writable in every state that kept the job).
    const accepted = expectAccepted(
      createBackup(instance(), withBase("BackupMethod=Logical&BackupStrategy=db&DBName=users,orders"), { now: NOW }),
    );
    expect(accepted.job.dbNames).toEqual(["users", "orders"]);
    expect(isDeepFrozen(accepted.state)).toBe(true);
    expect(isDeepFrozen(accepted.job)).toBe(true);
    const stored = instance({
      jobs: [job("1", "Finished", NOW, { method: "Logical", strategy: "db", dbNames: ["users"] }), job("2", "Waiting")],
    });
    const moved = expectAccepted(advanceBackupJob(stored, { jobId: "2", status: "Uploading" }, { now: NOW }));
    expect(moved.state.jobs[0]?.dbNames).toEqual(["users"]);
    expect(isDeepFrozen(moved.state)).toBe(true);
    expect(Object.isFrozen(stored.jobs[0]?.dbNames)).toBe(false);
  });

  it("a chain of decisions never changes an earlier state", () => {
    const first = expectAccepted(createBackup(instance(), BASE, { now: NOW }));
    const snapshot = structuredClone(first.state);
    const moved = expectAccepted(advanceBackupJob(first.state, { jobId: first.job.jobId, status: "Finished" }, { now: NOW }));
    expectAccepted(createBackup(moved.state, BASE, { now: NOW }));
    expect(first.state).toEqual(snapshot);
  });

  describe("with immer's global auto-freeze turned off by the caller", () => {
    afterEach(() => setAutoFreeze(true));
    it("still returns frozen states", () => {
      setAutoFreeze(false);
      expect(isDeepFrozen(expectAccepted(createBackup(instance(), BASE, { now: NOW })).state)).toBe(true);
    });
  });
});
