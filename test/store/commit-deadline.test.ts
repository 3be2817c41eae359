/**
 * The commit loop's deadline (`deadlineMs`, default 15 s): a store that stops answering — a load or
 * a compare-and-set that never settles — is answered store.unavailable once the deadline passes,
 * by every operation, saying whether a write may have happened; lost races stop at it too.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  advanceBackupJobIn,
  createBackupIn,
  memoryStore,
  registerInstance,
  type InstanceRegistration,
  type StateStore,
} from "../../src/store/index";

afterEach(() => vi.useRealTimers());

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
const never = () => new Promise<never>(() => undefined);

/** A registered memory store whose load or compare-and-set stops answering when `hang` says so. */
async function hanging(hang: { load?: boolean; compareAndSet?: boolean }): Promise<StateStore> {
  const inner = memoryStore();
  await registerInstance(inner, INSTANCE);
  return {
    load: (id) => (hang.load === true ? never() : inner.load(id)),
    compareAndSet: (id, expected, next) => (hang.compareAndSet === true ? never() : inner.compareAndSet(id, expected, next)),
  };
}

describe("the commit loop's deadline", () => {
  it("a load that never answers: store.unavailable at the deadline, nothing written", async () => {
    const store = await hanging({ load: true });
    const decision = await createBackupIn(store, REQUEST, { now: NOW }, { deadlineMs: 30 });
    expect(decision).toMatchObject({
      ok: false,
      attempts: 1,
      error: { rule: "store.unavailable", httpStatus: 503, failed: "load", writeMayHaveHappened: false },
    });
    expect(!decision.ok && decision.error.message).toContain("TimeoutError: no answer within the deadline of 30 ms");
    expect(!decision.ok && decision.error.message).toContain("nothing was written");
  });

  it("a compare-and-set that never answers: store.unavailable saying the write may have happened", async () => {
    const store = await hanging({ compareAndSet: true });
    const decision = await createBackupIn(store, REQUEST, { now: NOW, idempotencyKey: "k-1" }, { deadlineMs: 30 });
    expect(decision).toMatchObject({
      ok: false,
      error: { rule: "store.unavailable", failed: "compareAndSet", writeMayHaveHappened: true },
    });
    expect(!decision.ok && decision.error.message).toContain("may or may not have been written; retry with the same idempotencyKey");
  });

  it("every operation: advanceBackupJobIn and registerInstance stop at the deadline too", async () => {
    const loads = await hanging({ load: true });
    expect(await advanceBackupJobIn(loads, "rm-1", { jobId: "2", status: "Finished" }, { now: NOW }, { deadlineMs: 20 })).toMatchObject({
      ok: false,
      error: { rule: "store.unavailable", operation: "advanceBackupJobIn", failed: "load" },
    });
    const writes = await hanging({ compareAndSet: true });
    expect(await registerInstance(writes, { ...INSTANCE, status: "Stopped" }, { deadlineMs: 20 })).toMatchObject({
      ok: false,
      error: { rule: "store.unavailable", operation: "registerInstance", failed: "compareAndSet", writeMayHaveHappened: true },
    });
  });

  it("defaults to 15 seconds, and leaves no timer behind once answered", async () => {
    vi.useFakeTimers();
    const store = await hanging({ load: true });
    let answered: unknown;
    void createBackupIn(store, REQUEST, { now: NOW }).then((decision) => (answered = decision));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(answered).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toMatchObject({ ok: false, error: { rule: "store.unavailable", failed: "load" } });
    expect((await createBackupIn(await hanging({}), REQUEST, { now: NOW })).ok).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the time is the whole call's: lost races and their backoff stop at the deadline", async () => {
    const inner = memoryStore();
    await registerInstance(inner, INSTANCE);
    const losing: StateStore = { load: (id) => inner.load(id), compareAndSet: async () => false };
    const decision = await createBackupIn(losing, REQUEST, { now: NOW }, { deadlineMs: 40, maxAttempts: 1_000, backoff: () => 15 });
    expect(decision).toMatchObject({ ok: false, error: { rule: "store.unavailable", failed: "load", writeMayHaveHappened: false } });
    expect(decision.attempts).toBeGreaterThan(1);
    expect(decision.attempts).toBeLessThan(10);
  });
});
