/**
 * One version per row: the row's `version` column is the version `load` gives and the one the
 * compare-and-set compares, so a row whose stored state says another version — a state restored
 * from `GET /admin/instances/{id}`, a row repaired by hand as the README says — is written again at
 * the next call, never an endless store.contention.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { InstanceState } from "../../src/index";
import { advanceBackupJobIn, createBackupIn, registerInstance, type StateStore } from "../../src/store/index";
import { migrate, postgresStore } from "../../src/store/postgres/index";
import { freshTable, newPool } from "./support";

const pool = newPool(undefined, 4);
afterAll(() => pool.end());

const INSTANCE = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
} as const;
const request = (now: string) => [`Action=CreateBackup&DBInstanceId=rm-1&BackupMethod=Physical`, { now }] as const;

async function storeWithHistory(): Promise<{ store: StateStore; table: string; saved: InstanceState }> {
  const table = freshTable("version");
  await migrate(pool, { table });
  const store = postgresStore(pool, { table });
  expect((await registerInstance(store, INSTANCE)).ok).toBe(true);
  const first = await createBackupIn(store, ...request("2026-03-02T08:00:00Z"));
  if (!first.ok) throw new Error(first.error.message);
  expect(
    (await advanceBackupJobIn(store, "rm-1", { jobId: first.job.jobId, status: "Finished" }, { now: "2026-03-02T09:00:00Z" })).ok,
  ).toBe(true);
  const saved = (await store.load("rm-1")) as InstanceState; // what GET /admin/instances/rm-1 shows: version 3
  expect(saved.version).toBe(3);
  expect((await registerInstance(store, { ...INSTANCE, databases: ["orders", "users"] })).ok).toBe(true); // version 4
  return { store, table, saved };
}

const row = async (table: string) =>
  (await pool.query<{ version: string; state: InstanceState }>(`SELECT version, state FROM "${table}" WHERE instance_id = 'rm-1'`))
    .rows[0]!;

/** The next CreateBackup and registration both write, at the first attempt, each raising the column by one. */
async function expectWritable(store: StateStore, table: string): Promise<void> {
  const before = Number((await row(table)).version);
  const created = await createBackupIn(store, ...request("2026-03-03T08:00:00Z"));
  expect(created).toMatchObject({ ok: true, attempts: 1 });
  expect(created.ok && created.state.version).toBe(before + 1);
  const registered = await registerInstance(store, { ...INSTANCE, status: "Stopped" });
  expect(registered).toMatchObject({ ok: true, attempts: 1, state: { version: before + 2, status: "Stopped" } });
  const after = await row(table);
  expect([Number(after.version), after.state.version]).toEqual([before + 2, before + 2]);
}

describe("one version per row on PostgreSQL", () => {
  it("load gives the row's version column as the state's version", async () => {
    const { store, table } = await storeWithHistory();
    await pool.query(`UPDATE "${table}" SET state = jsonb_set(state, '{version}', '41') WHERE instance_id = 'rm-1'`);
    expect(await store.load("rm-1")).toMatchObject({ version: 4 });
    await pool.query(`UPDATE "${table}" SET state = state - 'version' WHERE instance_id = 'rm-1'`);
    expect(await store.load("rm-1")).toMatchObject({ version: 4 });
  });

  it("a state restored from GET /admin/instances/{id} into the row, the column left as it is: written at the next call", async () => {
    const { store, table, saved } = await storeWithHistory();
    await pool.query(`UPDATE "${table}" SET state = $1::jsonb WHERE instance_id = 'rm-1'`, [JSON.stringify(saved)]);
    await expectWritable(store, table);
  });

  it("a restored state with the column raised, as the README says of any edit: written at the next call", async () => {
    const { store, table, saved } = await storeWithHistory();
    await pool.query(`UPDATE "${table}" SET state = $1::jsonb, version = version + 1 WHERE instance_id = 'rm-1'`, [JSON.stringify(saved)]);
    await expectWritable(store, table);
    // The versions kept rising over the restore: the job ids and RequestIds they make are new.
    expect(Number((await row(table)).version)).toBe(7);
  });

  it("a damaged row repaired by hand per the README (the state fixed, the version column raised): written at the next call", async () => {
    const { store, table } = await storeWithHistory();
    await pool.query(
      `UPDATE "${table}" SET state = jsonb_set(state, '{status}', '"Exploded"'), version = version + 1 WHERE instance_id = 'rm-1'`,
    );
    expect(await createBackupIn(store, ...request("2026-03-03T08:00:00Z"))).toMatchObject({
      ok: false,
      error: { rule: "state.invalid", parameter: "state.status" },
    });
    await pool.query(
      `UPDATE "${table}" SET state = jsonb_set(state, '{status}', '"Running"'), version = version + 1 WHERE instance_id = 'rm-1'`,
    );
    await expectWritable(store, table);
  });

  it("a row whose state's version was raised instead of the column: written at the next call", async () => {
    const { store, table } = await storeWithHistory();
    await pool.query(`UPDATE "${table}" SET state = jsonb_set(state, '{version}', to_jsonb(version + 1)) WHERE instance_id = 'rm-1'`);
    await expectWritable(store, table);
  });
});
