/**
 * The commit loop over a store (createBackupIn, advanceBackupJobIn, registerInstance): what it
 * writes, what it returns, and how every failure of the store becomes a violation.
 */
import { describe, expect, it } from "vitest";
import { createBackup, type InstanceState } from "../../src/index";
import {
  advanceBackupJobIn,
  createBackupIn,
  memoryStore,
  registerInstance,
  type InstanceRegistration,
  type StateStore,
} from "../../src/store/index";

const NOW = "2026-03-02T08:00:00Z";
const INSTANCE: InstanceRegistration = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
};
const REQUEST = "Action=CreateBackup&DBInstanceId=rm-1";
const NO_WAIT = { backoff: () => 0 };

/** A memory store that counts its calls and lets a test run something before each compareAndSet. */
function spied(store: StateStore = memoryStore(), beforeWrite?: (call: number) => Promise<void>) {
  const calls = { load: 0, compareAndSet: 0 };
  const wrapped: StateStore = {
    load: (id) => {
      calls.load++;
      return store.load(id);
    },
    compareAndSet: async (id, expected, next) => {
      calls.compareAndSet++;
      await beforeWrite?.(calls.compareAndSet);
      return store.compareAndSet(id, expected, next);
    },
  };
  return { store: wrapped, calls, inner: store };
}

/** A memory store holding INSTANCE, its calls plain functions that another store can borrow. */
async function registered(): Promise<{ readonly load: StateStore["load"]; readonly compareAndSet: StateStore["compareAndSet"] }> {
  const store = memoryStore();
  expect((await registerInstance(store, INSTANCE)).ok).toBe(true);
  return { load: (id) => store.load(id), compareAndSet: (id, expected, next) => store.compareAndSet(id, expected, next) };
}

describe("createBackupIn", () => {
  it("accepts, writes the new state with version + 1, and counts one attempt", async () => {
    const store = await registered();
    const decision = await createBackupIn(store, REQUEST, { now: NOW, requestId: "r-1" });
    expect(decision).toMatchObject({ ok: true, attempts: 1, response: { RequestId: "r-1" } });
    const stored = (await store.load("rm-1")) as InstanceState;
    expect(stored.version).toBe(2);
    expect(stored.jobs.map((job) => job.jobId)).toEqual([decision.ok ? decision.job.jobId : "?"]);
  });

  it("writes nothing on a refusal", async () => {
    const { store, calls } = spied(await registered());
    const decision = await createBackupIn(store, `${REQUEST}&BackupMethod=Snapshot`, { now: NOW });
    expect(decision).toMatchObject({ ok: false, attempts: 1, error: { rule: "backup-method.snapshot-requires-cloud-disk" } });
    expect(calls).toEqual({ load: 1, compareAndSet: 0 });
  });

  it("gives a request without DBInstanceId the core's violation without reading the store", async () => {
    const { store, calls } = spied(await registered());
    for (const request of ["Action=CreateBackup", "Action=CreateBackup&DBInstanceId=", 42, { DBInstanceId: ["a", "b"] }]) {
      const decision = await createBackupIn(store, request, { now: NOW });
      const core = createBackup({ ...INSTANCE, jobs: [] }, request, { now: NOW });
      expect(decision).toEqual({ ...core, attempts: 0 });
    }
    expect(calls.load).toBe(0);
  });

  it("gives an unregistered instance instance-id.not-found, after the rules that hold whatever the state", async () => {
    const store = await registered();
    const missing = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-2", { now: NOW });
    expect(missing).toMatchObject({ ok: false, error: { rule: "instance-id.not-found", httpStatus: 404, parameter: "DBInstanceId" } });
    expect(!missing.ok && missing.error.message).toContain('"rm-2" is not found');
    const misspelt = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-2&BackupMethd=Physical", { now: NOW });
    expect(!misspelt.ok && misspelt.error.rule).toBe("parameter.unknown");
    const badContext = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-2", { now: "yesterday" });
    expect(!badContext.ok && badContext.error.rule).toBe("context.invalid");
    // A rule that needs the state (here: Snapshot on a local disk) is never judged without one.
    const snapshot = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-2&BackupMethod=Snapshot", { now: NOW });
    expect(!snapshot.ok && snapshot.error.rule).toBe("instance-id.not-found");
  });

  it("answers a context or a request without an instance before it loads anything", async () => {
    const { store, calls } = spied(await registered());
    expect(await createBackupIn(store, "Action=CreateBackup", { now: NOW })).toMatchObject({
      ok: false,
      error: { rule: "instance-id.missing" },
      attempts: 0,
    });
    expect(await createBackupIn(store, REQUEST, { now: NOW, idempotencyKey: "k".repeat(65) })).toMatchObject({
      ok: false,
      error: { rule: "context.invalid" },
      attempts: 0,
    });
    expect(await advanceBackupJobIn(store, "rm-1", { jobId: "1", status: "Finished" }, { now: "soon" })).toMatchObject({
      ok: false,
      error: { rule: "context.invalid" },
      attempts: 0,
    });
    const unstorable = await createBackupIn(store, { Action: "CreateBackup", DBInstanceId: "rm-1\u0000" }, { now: NOW });
    expect(unstorable).toMatchObject({ ok: false, error: { rule: "instance-id.not-found", httpStatus: 404 }, attempts: 0 });
    expect(calls).toEqual({ load: 0, compareAndSet: 0 });
  });

  it("keeps the core's precedence on a stored state: a damaged state (rule 2) before the request's own faults (rules 3–13)", async () => {
    const store = memoryStore({ "rm-bad": { instanceId: "rm-bad", engine: "MySQL", status: "Running" } });
    const both = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-bad&BackupMethd=Physical", { now: NOW });
    expect(!both.ok && both.error.rule).toBe("state.invalid");
  });

  it("refuses a damaged stored state with state.invalid for that instance alone", async () => {
    const store = memoryStore({ "rm-bad": { instanceId: "rm-bad", engine: "MySQL", status: "Running" } });
    await registerInstance(store, INSTANCE);
    const bad = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-bad", { now: NOW });
    expect(!bad.ok && bad.error.rule).toBe("state.invalid");
    expect((await createBackupIn(store, REQUEST, { now: NOW })).ok).toBe(true);
  });

  it("decides again on the fresh state when another writer got there first", async () => {
    const inner = await registered();
    const { store, calls } = spied(inner, async (call) => {
      // Before our first write lands, another replica queues a backup of the same instance.
      if (call === 1) expect((await createBackupIn(inner, REQUEST, { now: NOW, requestId: "other" })).ok).toBe(true);
    });
    const decision = await createBackupIn(store, REQUEST, { now: NOW, requestId: "mine" }, NO_WAIT);
    expect(decision).toMatchObject({ ok: false, attempts: 2, error: { rule: "instance.backup-in-progress" } });
    expect(calls).toEqual({ load: 2, compareAndSet: 1 });
    expect(((await inner.load("rm-1")) as InstanceState).jobs).toHaveLength(1);
  });

  it("ends with store.contention after maxAttempts lost compare-and-sets, waiting the backoff between them", async () => {
    const inner = await registered();
    const waits: number[] = [];
    const losing: StateStore = { load: inner.load, compareAndSet: async () => false };
    const decision = await createBackupIn(
      losing,
      REQUEST,
      { now: NOW },
      { maxAttempts: 4, backoff: (attempt) => (waits.push(attempt), 0) },
    );
    expect(decision).toMatchObject({
      ok: false,
      attempts: 4,
      error: { rule: "store.contention", code: "OperationConflict", httpStatus: 409, attempts: 4 },
    });
    expect(waits).toEqual([1, 2, 3]);
    expect(((await inner.load("rm-1")) as InstanceState).version).toBe(1);
  });

  it("tries 10 times by default, and when maxAttempts is not a positive integer", async () => {
    const inner = await registered();
    const losing: StateStore = { load: inner.load, compareAndSet: async () => false };
    for (const maxAttempts of [undefined, 0, -1, 2.5, Number.NaN, "3" as never]) {
      const decision = await createBackupIn(losing, REQUEST, { now: NOW }, { maxAttempts, backoff: () => 0 } as never);
      expect(decision.attempts).toBe(10);
    }
  });

  it("turns a failing store into store.unavailable, saying whether a write may have happened", async () => {
    const inner = await registered();
    const cases: [StateStore, string, boolean][] = [
      [
        { load: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")), compareAndSet: inner.compareAndSet },
        "load",
        false,
      ],
      [
        {
          load: () => {
            throw new TypeError("not connected");
          },
          compareAndSet: inner.compareAndSet,
        },
        "load",
        false,
      ],
      [
        { load: inner.load, compareAndSet: async () => Promise.reject(new Error("Connection terminated unexpectedly")) },
        "compareAndSet",
        true,
      ],
      [{ load: inner.load, compareAndSet: async () => "yes" as never }, "compareAndSet", true],
      [
        {
          load: inner.load,
          compareAndSet: () => {
            throw "socket hang up  \n";
          },
        },
        "compareAndSet",
        true,
      ],
      [{} as StateStore, "load", false],
    ];
    for (const [store, failed, writeMayHaveHappened] of cases) {
      const decision = await createBackupIn(store, REQUEST, { now: NOW });
      expect(decision).toMatchObject({
        ok: false,
        attempts: 1,
        error: {
          rule: "store.unavailable",
          code: "ServiceUnavailable",
          httpStatus: 503,
          operation: "createBackupIn",
          failed,
          writeMayHaveHappened,
        },
      });
      expect(!decision.ok && decision.error.message).toMatch(
        writeMayHaveHappened ? /may or may not have been written; retry with the same idempotencyKey/ : /nothing was written/,
      );
    }
  });

  it("says what the store threw, or what it answered instead of a boolean", async () => {
    const inner = await registered();
    const causes: [StateStore, string][] = [
      [
        { load: inner.load, compareAndSet: async () => Promise.reject(new Error("Connection terminated unexpectedly")) },
        "Error: Connection terminated unexpectedly",
      ],
      [{ load: inner.load, compareAndSet: async () => "yes" as never }, "compareAndSet resolved string instead of true or false"],
      [
        {
          load: () => {
            throw "  socket\nhang up ";
          },
          compareAndSet: inner.compareAndSet,
        },
        "socket hang up",
      ],
      [{ load: () => Promise.reject(null), compareAndSet: inner.compareAndSet }, "a thrown null"],
      [{ load: () => Promise.reject(42), compareAndSet: inner.compareAndSet }, "a thrown number"],
      [{ load: () => Promise.reject(new Error("x".repeat(500))), compareAndSet: inner.compareAndSet }, `Error: ${"x".repeat(193)}…`],
      // A line of exactly 200 characters is kept whole; runs of white space become one space.
      [{ load: () => Promise.reject(new Error("x".repeat(193))), compareAndSet: inner.compareAndSet }, `Error: ${"x".repeat(193)}`],
      [
        { load: () => Promise.reject(new Error("connect \n\t  ECONNREFUSED")), compareAndSet: inner.compareAndSet },
        "Error: connect ECONNREFUSED",
      ],
      // An error that cannot even be read is still the named outcome (mutation run 23).
      [
        {
          load: () =>
            Promise.reject(
              Object.defineProperty(new Error(), "message", {
                get: () => {
                  throw new Error("no");
                },
              }),
            ),
          compareAndSet: inner.compareAndSet,
        },
        "an unreadable error",
      ],
    ];
    for (const [store, cause] of causes) {
      const decision = await createBackupIn(store, REQUEST, { now: NOW });
      expect(!decision.ok && (decision.error as { cause?: string }).cause).toBe(cause);
    }
  });
});

describe("store.unavailable in the other operations", () => {
  it("names the operation, and says a retry is safe after a failed write", async () => {
    const inner = await registered();
    const created = await createBackupIn(inner, REQUEST, { now: NOW });
    const jobId = created.ok ? created.job.jobId : "?";
    const failing: StateStore = { load: inner.load, compareAndSet: () => Promise.reject(new Error("timeout")) };
    const advanced = await advanceBackupJobIn(failing, "rm-1", { jobId, status: "Finished" }, { now: NOW });
    expect(advanced).toMatchObject({
      ok: false,
      error: { rule: "store.unavailable", operation: "advanceBackupJobIn", failed: "compareAndSet", writeMayHaveHappened: true },
    });
    expect(!advanced.ok && advanced.error.message).toBe(
      'The state store failed during compareAndSet of instance "rm-1" in advanceBackupJobIn (Error: timeout): the new state may or may not have been written; retrying is safe',
    );
    const registeredAgain = await registerInstance(failing, { ...INSTANCE, status: "Stopped" });
    expect(registeredAgain).toMatchObject({
      ok: false,
      error: { rule: "store.unavailable", operation: "registerInstance", failed: "compareAndSet" },
    });
  });
});

describe("advanceBackupJobIn", () => {
  it("moves a job, and writes nothing for a repeat of its status", async () => {
    const { store, calls } = spied(await registered());
    const created = await createBackupIn(store, REQUEST, { now: NOW });
    const jobId = created.ok ? created.job.jobId : "?";
    expect(await advanceBackupJobIn(store, "rm-1", { jobId, status: "Uploading" }, { now: NOW })).toMatchObject({
      ok: true,
      attempts: 1,
      state: { version: 3 },
    });
    expect(await advanceBackupJobIn(store, "rm-1", { jobId, status: "Uploading" }, { now: NOW })).toMatchObject({
      ok: true,
      attempts: 1,
      state: { version: 3 },
    });
    expect(calls.compareAndSet).toBe(2);
    const backwards = await advanceBackupJobIn(store, "rm-1", { jobId, status: "Checking" }, { now: NOW });
    expect(!backwards.ok && backwards.error.rule).toBe("job.invalid-transition");
  });

  it("gives an unregistered instance instance-id.not-found, and an invalid context context.invalid", async () => {
    const store = await registered();
    const missing = await advanceBackupJobIn(store, "rm-2", { jobId: "1", status: "Finished" }, { now: NOW });
    expect(!missing.ok && missing.error.rule).toBe("instance-id.not-found");
    const badContext = await advanceBackupJobIn(store, "rm-2", { jobId: "1", status: "Finished" }, { now: 3 as never });
    expect(!badContext.ok && badContext.error.rule).toBe("context.invalid");
    for (const instanceId of [
      7,
      "",
      null,
      {
        toString: () => {
          throw new Error("boom");
        },
      },
    ]) {
      const noId = await advanceBackupJobIn(store, instanceId as never, { jobId: "1", status: "Finished" }, { now: NOW });
      expect(noId).toMatchObject({ ok: false, attempts: 0, error: { rule: "instance-id.not-found" } });
    }
  });
});

describe("registerInstance", () => {
  it("creates with version 1 and no jobs, then replaces the own fields keeping the jobs", async () => {
    const store = memoryStore();
    expect(await registerInstance(store, INSTANCE)).toMatchObject({
      ok: true,
      created: true,
      attempts: 1,
      state: { version: 1, jobs: [] },
    });
    const created = await createBackupIn(store, REQUEST, { now: NOW });
    const stopped = await registerInstance(store, { ...INSTANCE, status: "Stopped", databases: ["orders", "users"] });
    expect(stopped).toMatchObject({ ok: true, created: false, state: { version: 3, status: "Stopped", databases: ["orders", "users"] } });
    expect(stopped.ok && stopped.state.jobs.map((job) => job.jobId)).toEqual([created.ok ? created.job.jobId : "?"]);
    expect(await store.load("rm-1")).toEqual(stopped.ok ? stopped.state : undefined);
  });

  it("writes a change of any own field, a database list of the same length included", async () => {
    const store = memoryStore();
    await registerInstance(store, INSTANCE);
    const changes: Partial<InstanceRegistration>[] = [
      { databases: ["users"] },
      { databases: ["orders", "users"] },
      { engineVersion: "8.4" },
      { storageType: "cloud_essd" },
      { engine: "PostgreSQL", engineVersion: "16.0" },
    ];
    let version = 1;
    for (const change of changes) {
      const decision = await registerInstance(store, { ...INSTANCE, ...change });
      version += 1;
      expect(decision).toMatchObject({ ok: true, created: false, state: { ...change, version } });
      expect(await store.load("rm-1")).toMatchObject({ ...change, version });
    }
  });

  it("says which fields it takes when given jobs or a version", async () => {
    const decision = await registerInstance(memoryStore(), { ...INSTANCE, jobs: [] } as never);
    expect(!decision.ok && decision.error.message).toBe(
      "registerInstance takes the instance's own fields (instanceId, engine, engineVersion, storageType, status, databases); jobs is kept by the store, so leave it out",
    );
  });

  it("writes nothing when the fields are those already stored", async () => {
    const { store, calls } = spied();
    await registerInstance(store, INSTANCE);
    expect(await registerInstance(store, { ...INSTANCE, databases: [...INSTANCE.databases] })).toMatchObject({
      ok: true,
      created: false,
      state: { version: 1 },
    });
    expect(calls.compareAndSet).toBe(1);
  });

  it("refuses bad input with state.invalid naming the field, without touching the store", async () => {
    const { store, calls } = spied();
    const cases: [unknown, string][] = [
      [{ ...INSTANCE, status: "Sleeping" }, "state.status"],
      [{ ...INSTANCE, engine: "MariaDB", storageType: "local_ssd" }, "state.storageType"],
      [{ ...INSTANCE, colour: "red" }, "state.colour"],
      [{ ...INSTANCE, jobs: [] }, "state.jobs"],
      [{ ...INSTANCE, version: 9 }, "state.version"],
      [null, "state"],
    ];
    for (const [input, parameter] of cases) {
      expect(await registerInstance(store, input as never)).toMatchObject({
        ok: false,
        attempts: 0,
        error: { rule: "state.invalid", parameter },
      });
    }
    expect(calls).toEqual({ load: 0, compareAndSet: 0 });
  });

  it("leaves a damaged stored state as it is", async () => {
    const damaged = { instanceId: "rm-1", engine: "MySQL", version: 4 };
    const store = memoryStore({ "rm-1": damaged });
    const decision = await registerInstance(store, INSTANCE);
    expect(decision).toMatchObject({ ok: false, error: { rule: "state.invalid" } });
    expect(!decision.ok && decision.error.message).toContain("repair it by hand");
    expect(await store.load("rm-1")).toEqual(damaged);
  });

  it("never loses a job queued while it re-registers the instance", async () => {
    const inner = await registered();
    const { store } = spied(inner, async (call) => {
      if (call === 1) expect((await createBackupIn(inner, REQUEST, { now: NOW })).ok).toBe(true);
    });
    const decision = await registerInstance(store, { ...INSTANCE, status: "Stopped" }, NO_WAIT);
    expect(decision).toMatchObject({ ok: true, attempts: 2, state: { version: 3, status: "Stopped" } });
    expect(((await inner.load("rm-1")) as InstanceState).jobs).toHaveLength(1);
  });
});
