/**
 * checkStateStore, the contract as an executable check: it passes for memoryStore() (the
 * PostgreSQL store is checked in test/store-postgres/) and rejects deliberately broken stores with
 * a message naming the clause they break.
 */
import { describe, expect, it } from "vitest";
import type { InstanceState } from "../../src/index";
import { checkStateStore, memoryStore, type StateStore } from "../../src/store/index";

/** A store over a Map whose compareAndSet is given as a function of the stored row. */
function mapStore(
  compareAndSet: (rows: Map<string, InstanceState>, id: string, expected: number | null, next: InstanceState) => Promise<boolean>,
): StateStore {
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
    await expect(checkStateStore(twoSteps)).rejects.toThrow(
      /^StateStore contract broken: 8 concurrent compareAndSets on one version: exactly one wins, and its state is stored; 8 of 8 writers won .*: the compare and the set are not atomic$/,
    );
  });

  it("fails a store that refuses null on an absent instance, one that loses what it writes, and one that throws", async () => {
    await expect(checkStateStore(() => mapStore(async () => false))).rejects.toThrow(
      "StateStore contract broken: round trip: a state written with compareAndSet(id, null, state) loads back equal; compareAndSet on an absent instance resolved false, not true",
    );
    const forgetful = (): StateStore => ({ load: async () => undefined, compareAndSet: async () => true });
    await expect(checkStateStore(forgetful)).rejects.toThrow(/round trip: .* but loaded undefined$/);
    const absentIsNull = (): StateStore => ({ ...memoryStore(), load: async () => null });
    await expect(checkStateStore(absentIsNull)).rejects.toThrow("load of an absent instance resolves undefined; load resolved null");
    const down = (): StateStore => ({
      load: () => Promise.reject(new Error("ECONNREFUSED")),
      compareAndSet: () => Promise.reject(new Error("ECONNREFUSED")),
    });
    await expect(checkStateStore(down)).rejects.toThrow("load of an absent instance resolves undefined; it threw Error: ECONNREFUSED");
  });

  it("passes for a store that hands back keys in another order (as PostgreSQL's jsonb does)", async () => {
    const reorder = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reorder)
        : typeof value === "object" && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, item]) => [key, reorder(item)]),
            )
          : value;
    const reordering = (): StateStore => {
      const inner = memoryStore();
      return {
        load: async (id) => reorder(await inner.load(id)),
        compareAndSet: (id, expected, next) => inner.compareAndSet(id, expected, next),
      };
    };
    await expect(checkStateStore(reordering)).resolves.toBeUndefined();
  });

  it("names what a broken store did, clause by clause", async () => {
    const cases: [string, () => StateStore, string][] = [
      [
        "says true for null on a stored instance without writing",
        () => mapStore(async (rows, id, expected, next) => (expected === null && rows.has(id) ? true : (rows.set(id, next), true))),
        "StateStore contract broken: compareAndSet with null is refused when a state exists; the second compareAndSet with null resolved true, not false",
      ],
      [
        "writes even when it answers false",
        () =>
          mapStore(async (rows, id, expected, next) => {
            const matches = expected === null ? !rows.has(id) : (rows.get(id)?.version ?? 0) === expected;
            rows.set(id, next);
            return matches;
          }),
        "StateStore contract broken: compareAndSet with null is refused when a state exists; the refused write changed the state to",
      ],
      [
        "writes on a stale version but answers false",
        () =>
          mapStore(async (rows, id, expected, next) => {
            const current = rows.get(id);
            if (expected === null) return current === undefined ? (rows.set(id, next), true) : false;
            const matches = (current?.version ?? 0) === expected;
            rows.set(id, next);
            return matches;
          }),
        'StateStore contract broken: compareAndSet on a stale version is refused, on the stored version it writes; a refused write changed the state to {"instanceId":"rds-backup-rules-check-stale-version","engine":"MySQL","engineVersion":"8.0","storageType":"local_ssd","status":"Running","databases":["stale"],"jobs":[],"version":2}',
      ],
      [
        "lets one writer win but keeps the last one's state",
        () => {
          let inFlight = 0;
          return mapStore(async (rows, id, expected, next) => {
            inFlight++;
            await tick();
            const current = rows.get(id);
            const matches = expected === null ? current === undefined : (current?.version ?? 0) === expected;
            // The winner is picked atomically, but a loser still writes while other writers are in flight.
            if (matches || inFlight > 1) rows.set(id, next);
            inFlight--;
            return matches;
          });
        },
        "StateStore contract broken: 8 concurrent compareAndSets on one version: exactly one wins, and its state is stored; writer 0 won but the stored state is",
      ],
      [
        "loses a field",
        () =>
          mapStore(async (rows, id, expected, next) => {
            const { databases: _, ...rest } = next;
            rows.set(id, rest as InstanceState);
            return true;
          }),
        'StateStore contract broken: round trip: a state written with compareAndSet(id, null, state) loads back equal; wrote {"instanceId":"rds-backup-rules-check-round-trip","engine":"MySQL","engineVersion":"8.0","storageType":"local_ssd","status":"Running","databases":["orders","users"],"jobs":[],"version":1} but loaded {"instanceId":"rds-backup-rules-check-round-trip"',
      ],
    ];
    for (const [what, makeStore, message] of cases) {
      const error = await checkStateStore(makeStore).then(
        () => undefined,
        (thrown: unknown) => thrown as Error,
      );
      expect(error?.message, what).toContain(message);
    }
  });

  it("reports every writer's answer when several win, and shortens what it quotes", async () => {
    const allWin = () => mapStore(async (rows, id, _expected, next) => (rows.set(id, next), true));
    await expect(checkStateStore(allWin)).rejects.toThrow(
      "compareAndSet with null is refused when a state exists; the second compareAndSet with null resolved true, not false",
    );
    const huge = { instanceId: "x", databases: Array.from({ length: 100 }, (_, index) => `database-${index}`) };
    const hoarder = (): StateStore => ({ load: async () => huge, compareAndSet: async () => true });
    const error = await checkStateStore(hoarder).catch((thrown: Error) => thrown);
    expect((error as Error).message).toBe(
      `StateStore contract broken: load of an absent instance resolves undefined; load resolved ${JSON.stringify(huge).slice(0, 300)}…`,
    );
    const racing = () =>
      mapStore(async (rows, id, expected, next) => {
        const matches = expected === null ? !rows.has(id) : (rows.get(id)?.version ?? 0) === expected;
        await tick();
        if (matches) rows.set(id, next);
        return matches;
      });
    await expect(checkStateStore(racing)).rejects.toThrow(
      "8 of 8 writers won (results: true, true, true, true, true, true, true, true): the compare and the set are not atomic",
    );
  });
});
