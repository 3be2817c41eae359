/**
 * checkStateStore, the contract as an executable check: it passes for memoryStore() (the
 * PostgreSQL store is checked in test/store-postgres/) and rejects deliberately broken stores with
 * a message naming the clause they break.
 */
import { describe, expect, it } from "vitest";
import type { InstanceState } from "../../src/index";
import { checkStateStore, memoryStore, type StateStore } from "../../src/store/index";

/** A store over a Map whose compareAndSet is given as a function of the stored row. */
function mapStore(compareAndSet: (rows: Map<string, InstanceState>, id: string, expected: number | null, next: InstanceState) => Promise<boolean>): StateStore {
  const rows = new Map<string, InstanceState>();
  return { load: async (id) => rows.get(id), compareAndSet: (id, expected, next) => compareAndSet(rows, id, expected, next) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("checkStateStore", () => {
  it("passes for memoryStore()", async () => {
    await expect(checkStateStore(() => memoryStore())).resolves.toBeUndefined();
  });

  it("fails a store whose compareAndSet ignores the version", async () => {
    const ignoresVersion = () =>
      mapStore(async (rows, id, expected, next) => {
        if (expected === null && rows.has(id)) return false;
        rows.set(id, next);
        return true;
      });
    await expect(checkStateStore(ignoresVersion)).rejects.toThrow(
      "StateStore contract broken: compareAndSet on a stale version is refused, on the stored version it writes; compareAndSet(id, 1, …) on version 2 resolved true, not false: the version is not compared",
    );
  });

  it("fails a store that compares and sets in two steps (not atomic under concurrency)", async () => {
    const twoSteps = () =>
      mapStore(async (rows, id, expected, next) => {
        const current = rows.get(id);
        const matches = expected === null ? current === undefined : current !== undefined && (current.version ?? 0) === expected;
        await tick(); // another request runs between the read and the write
        if (matches) rows.set(id, next);
        return matches;
      });
    await expect(checkStateStore(twoSteps)).rejects.toThrow(/^StateStore contract broken: 8 concurrent compareAndSets on one version: exactly one wins, and its state is stored; 8 of 8 writers won .*: the compare and the set are not atomic$/);
  });

  it("fails a store that refuses null on an absent instance, one that loses what it writes, and one that throws", async () => {
    await expect(checkStateStore(() => mapStore(async () => false))).rejects.toThrow(
      "StateStore contract broken: round trip: a state written with compareAndSet(id, null, state) loads back equal; compareAndSet on an absent instance resolved false, not true",
    );
    const forgetful = (): StateStore => ({ load: async () => undefined, compareAndSet: async () => true });
    await expect(checkStateStore(forgetful)).rejects.toThrow(/round trip: .* but loaded undefined$/);
    const absentIsNull = (): StateStore => ({ ...memoryStore(), load: async () => null });
    await expect(checkStateStore(absentIsNull)).rejects.toThrow("load of an absent instance resolves undefined; load resolved null");
    const down = (): StateStore => ({ load: () => Promise.reject(new Error("ECONNREFUSED")), compareAndSet: () => Promise.reject(new Error("ECONNREFUSED")) });
    await expect(checkStateStore(down)).rejects.toThrow("load of an absent instance resolves undefined; it threw Error: ECONNREFUSED");
  });
});
