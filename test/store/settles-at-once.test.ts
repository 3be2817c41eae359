/**
 * The commit loop over a store that settles at once (memoryStore): its first attempt goes through
 * the store's synchronous calls, and decides exactly as the promise-based calls would.
 */
import { describe, expect, it } from "vitest";
import type { InstanceState } from "../../src/index";
import { createBackupIn, memoryStore, registerInstance } from "../../src/store/index";
import { settlesAtOnce } from "../../src/store/settles-at-once";
import { BASE, INSTANCE_ID, instance } from "../support/builders";
import { throughPromises } from "../support/through-promises";

const { jobs: _jobs, version: _version, ...INSTANCE } = instance();
const REQUEST = BASE;
const NO_WAIT = { backoff: () => 0 };

describe("a store that settles at once", () => {
  it("decides every call as the same store through its promises does", async () => {
    const atOnce = memoryStore();
    const promised = throughPromises(memoryStore());
    const requests = [REQUEST, `${REQUEST}&BackupMethod=Snapshot`, "Action=CreateBackup&DBInstanceId=rm-other", "Action=CreateBackup"];
    for (const store of [atOnce, promised]) expect((await registerInstance(store, INSTANCE)).ok).toBe(true);
    for (const [index, request] of requests.entries()) {
      const context = { now: `2026-03-02T08:0${index}:00Z`, requestId: `r-${index}`, ...(index === 1 ? { idempotencyKey: "k" } : {}) };
      const [first, second] = [await createBackupIn(atOnce, request, context), await createBackupIn(promised, request, context)];
      expect(first).toEqual(second);
    }
    expect(await atOnce.load(INSTANCE_ID)).toEqual(await promised.load(INSTANCE_ID));
  });

  it("hands out a state nobody can change: a replayed decision's state is frozen, and what is stored stays", async () => {
    const store = memoryStore();
    await registerInstance(store, INSTANCE);
    const context = { now: "2026-03-02T08:00:00Z", idempotencyKey: "retry-1" };
    expect((await createBackupIn(store, REQUEST, context)).ok).toBe(true);
    const stored = await store.load(INSTANCE_ID);
    const replayed = await createBackupIn(store, REQUEST, context);
    if (!replayed.ok) throw new Error(replayed.error.message);
    expect(replayed).toMatchObject({ replayed: true, attempts: 1 });
    expect(() => (replayed.state.databases as string[]).push("mine")).toThrow(TypeError);
    expect(await store.load(INSTANCE_ID)).toEqual(stored);
  });

  it("goes on through the promises, from attempt 2, when its compare-and-set at once is lost", async () => {
    const inner = memoryStore();
    await registerInstance(inner, INSTANCE);
    let promisedLoads = 0;
    const store = settlesAtOnce(
      {
        load: (id: string) => ((promisedLoads += 1), inner.load(id)),
        compareAndSet: (id: string, expected: number | null, next: InstanceState) => inner.compareAndSet(id, expected, next),
      },
      { load: () => instance({ version: 1 }), compareAndSet: () => false },
    );
    const decision = await createBackupIn(store, REQUEST, { now: "2026-03-02T08:00:00Z" }, NO_WAIT);
    expect(decision).toMatchObject({ ok: true, attempts: 2 });
    expect(promisedLoads).toBe(1);
    const once = await createBackupIn(store, REQUEST, { now: "2026-03-02T09:00:00Z" }, { ...NO_WAIT, maxAttempts: 1 });
    expect(!once.ok && [once.error.rule, once.attempts]).toEqual(["store.contention", 1]);
  });

  it("turns a synchronous call that throws into store.unavailable naming it", async () => {
    const state = instance({ version: 1 });
    const never = { load: () => Promise.reject(new Error("not called")), compareAndSet: () => Promise.reject(new Error("not called")) };
    const failingLoad = settlesAtOnce(
      { ...never },
      {
        load: () => {
          throw new Error("disk gone");
        },
        compareAndSet: () => true,
      },
    );
    const failingWrite = settlesAtOnce(
      { ...never },
      {
        load: () => state,
        compareAndSet: () => {
          throw new TypeError("cyclic");
        },
      },
    );
    const loaded = await createBackupIn(failingLoad, REQUEST, { now: "2026-03-02T08:00:00Z" });
    const written = await createBackupIn(failingWrite, REQUEST, { now: "2026-03-02T08:00:00Z" });
    expect(!loaded.ok && [loaded.error.rule, loaded.error.message]).toEqual(["store.unavailable", expect.stringContaining("disk gone")]);
    expect(!written.ok && [written.error.rule, written.error.message]).toEqual([
      "store.unavailable",
      expect.stringContaining("compareAndSet"),
    ]);
  });
});
