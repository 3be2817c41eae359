/**
 * Text a store cannot hold, answered alike by every store: a DBInstanceId with U+0000 or a lone
 * surrogate is an instance that cannot exist (instance-id.not-found, 404), a registration holding
 * such text is state.invalid, and the store is never asked to load or write such text. Run over
 * memory (test/store) and over PostgreSQL (test/store-postgres) with the same cases.
 */
import { expect, it } from "vitest";
import { advanceBackupJobIn, createBackupIn, registerInstance, type InstanceRegistration, type StateStore } from "../../src/store/index";

const NOW = "2026-03-02T08:00:00Z";
const INSTANCE: InstanceRegistration = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
};

/** Instance ids no store can hold, by what is wrong with them. */
export const UNSTORABLE_IDS: Readonly<Record<string, string>> = {
  "U+0000": "rm-1\u0000",
  "a lone high surrogate": "rm-\uD800",
  "a lone low surrogate": "\uDC00rm-1",
  "a high surrogate at the end": "rm-1\uD83D",
};

/** A store that records every instance id it is asked about. */
function asked(store: StateStore): { store: StateStore; ids: string[] } {
  const ids: string[] = [];
  return {
    ids,
    store: {
      load: (id) => (ids.push(id), store.load(id)),
      compareAndSet: (id, expected, next) => (ids.push(id), store.compareAndSet(id, expected, next)),
    },
  };
}

export function unstorableTextCases(makeStore: () => Promise<StateStore>): void {
  for (const [what, id] of Object.entries(UNSTORABLE_IDS)) {
    it(`a DBInstanceId with ${what} is not found by createBackupIn and advanceBackupJobIn, and never sent to the store`, async () => {
      const spy = asked(await makeStore());
      expect((await registerInstance(spy.store, INSTANCE)).ok).toBe(true);
      const created = await createBackupIn(spy.store, { Action: "CreateBackup", DBInstanceId: id }, { now: NOW });
      expect(created).toMatchObject({ ok: false, error: { rule: "instance-id.not-found", httpStatus: 404 } });
      const advanced = await advanceBackupJobIn(spy.store, id, { jobId: "2", status: "Finished" }, { now: NOW });
      expect(advanced).toMatchObject({ ok: false, error: { rule: "instance-id.not-found", httpStatus: 404 } });
      const registered = await registerInstance(spy.store, { ...INSTANCE, instanceId: id });
      expect(registered).toMatchObject({ ok: false, error: { rule: "state.invalid", parameter: "state.instanceId" } });
      expect(spy.ids.every((each) => each === "rm-1")).toBe(true);
    });
  }

  it("a lone surrogate does not name the instance whose id has U+FFFD in its place (as a driver would send it)", async () => {
    const store = await makeStore();
    expect((await registerInstance(store, { ...INSTANCE, instanceId: "rm-\uFFFD" })).ok).toBe(true);
    expect(await createBackupIn(store, { Action: "CreateBackup", DBInstanceId: "rm-\uD800" }, { now: NOW })).toMatchObject({
      ok: false,
      error: { rule: "instance-id.not-found" },
    });
    expect(await advanceBackupJobIn(store, "rm-\uD800", { jobId: "2", status: "Finished" }, { now: NOW })).toMatchObject({
      ok: false,
      error: { rule: "instance-id.not-found" },
    });
    expect((await createBackupIn(store, { Action: "CreateBackup", DBInstanceId: "rm-\uFFFD" }, { now: NOW })).ok).toBe(true);
  });

  it("a registration with such text in its databases is state.invalid naming the path, and writes nothing", async () => {
    const spy = asked(await makeStore());
    const registered = await registerInstance(spy.store, { ...INSTANCE, databases: ["orders", "bad\u0000"] });
    expect(registered).toMatchObject({ ok: false, error: { rule: "state.invalid", parameter: "state.databases[1]" } });
    expect(await registerInstance(spy.store, { ...INSTANCE, databases: ["\uDFFF"] })).toMatchObject({
      ok: false,
      error: { rule: "state.invalid" },
    });
    expect(spy.ids).toEqual([]);
  });
}
