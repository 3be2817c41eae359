/**
 * loadInstanceState: the parsed state of an instance for a call that only reads it, through any
 * store, and through memoryStore without a copy or a second parse of a stored version.
 */
import { describe, expect, it } from "vitest";
import { createBackupIn, loadInstanceState, memoryStore, registerInstance, type StateStore } from "../../src/store/index";
import { BASE, INSTANCE_ID, NOW, instance } from "../support/builders";
import { throughPromises } from "../support/through-promises";

const { jobs: _jobs, version: _version, ...REGISTRATION } = instance();

describe("loadInstanceState", () => {
  it("reads each new version of the state, through memoryStore and through any store alike", async () => {
    const atOnce = memoryStore();
    for (const store of [atOnce, throughPromises(atOnce)]) {
      const missing = await loadInstanceState(store, INSTANCE_ID, "DescribeBackupTasks");
      expect(!missing.ok && missing.error.rule).toBe("instance-id.not-found");
    }
    await registerInstance(atOnce, REGISTRATION);
    const first = await loadInstanceState(atOnce, INSTANCE_ID, "DescribeBackupTasks");
    expect(first.ok && [first.state.version, first.state.jobs.length]).toEqual([1, 0]);
    expect((await createBackupIn(atOnce, BASE, { now: NOW })).ok).toBe(true);
    for (const store of [atOnce, throughPromises(atOnce)]) {
      const next = await loadInstanceState(store, INSTANCE_ID, "DescribeBackupTasks");
      expect(next.ok && [next.state.version, next.state.jobs.length]).toEqual([2, 1]);
    }
  });

  it("hands out a frozen state, so no caller changes what the next one reads", async () => {
    const store = memoryStore();
    await registerInstance(store, REGISTRATION);
    const loaded = await loadInstanceState(store, INSTANCE_ID, "DescribeBackupTasks");
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(() => (loaded.state.databases as string[]).push("mine")).toThrow(TypeError);
    const again = await loadInstanceState(store, INSTANCE_ID, "DescribeBackupTasks");
    expect(again.ok && again.state.databases).toEqual(REGISTRATION.databases);
  });

  it("names a damaged state's field, an id no store can hold, and a failing store", async () => {
    const store = memoryStore({ "rm-broken": { instanceId: "rm-broken", engine: "Oracle" } });
    const broken = await loadInstanceState(store, "rm-broken", "DescribeBackupTasks");
    expect(!broken.ok && [broken.error.rule, "parameter" in broken.error && broken.error.parameter]).toEqual([
      "state.invalid",
      "state.engine",
    ]);
    const unstorable = await loadInstanceState(store, "rm-\u0000", "DescribeBackupTasks");
    expect(!unstorable.ok && unstorable.error.rule).toBe("instance-id.not-found");
    const down: StateStore = { load: () => Promise.reject(new Error("connection lost")), compareAndSet: async () => false };
    const failed = await loadInstanceState(down, INSTANCE_ID, "DescribeBackupTasks");
    expect(!failed.ok && [failed.error.rule, failed.error.message]).toEqual([
      "store.unavailable",
      expect.stringContaining("connection lost"),
    ]);
  });
});
