/**
 * postgresStore and migrate on a real PostgreSQL: the StateStore contract (checkStateStore), the
 * table and its statements, identifiers and parameters, and a row damaged by hand.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { InstanceState } from "../../src/index";
import { checkStateStore, createBackupIn, registerInstance } from "../../src/store/index";
import { migrate, postgresStore } from "../../src/store/postgres/index";
import { freshTable, newPool } from "./support";

const pool = newPool(undefined, 10);
afterAll(() => pool.end());

const NOW = "2026-03-02T08:00:00Z";
const INSTANCE = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
} as const;

describe("postgresStore", () => {
  it("keeps the StateStore contract (checkStateStore), on a fresh table per clause", async () => {
    await checkStateStore(async () => {
      const table = freshTable("contract");
      await migrate(pool, { table });
      return postgresStore(pool, { table });
    });
  });

  it("stores one row per instance: the state as jsonb and its version", async () => {
    const table = freshTable();
    await migrate(pool, { table });
    const store = postgresStore(pool, { table });
    await registerInstance(store, INSTANCE);
    const created = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-1", { now: NOW });
    expect(created.ok).toBe(true);
    const { rows } = await pool.query<Record<string, unknown>>(`SELECT instance_id, state, version, updated_at FROM "${table}"`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      instance_id: "rm-1",
      version: "2",
      state: created.ok ? JSON.parse(JSON.stringify(created.state)) : {},
    });
    expect(rows[0]?.updated_at).toBeInstanceOf(Date);
    const columns = await pool.query(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    expect(columns.rows).toEqual([
      { column_name: "instance_id", data_type: "text", is_nullable: "NO" },
      { column_name: "state", data_type: "jsonb", is_nullable: "NO" },
      { column_name: "version", data_type: "bigint", is_nullable: "NO" },
      { column_name: "updated_at", data_type: "timestamp with time zone", is_nullable: "NO" },
    ]);
  });

  it("uses the default table rds_backup_instances", async () => {
    await migrate(pool);
    const store = postgresStore(pool);
    await store.compareAndSet("rm-default-table", null, { ...INSTANCE, instanceId: "rm-default-table", jobs: [], version: 1 });
    const { rows } = await pool.query(`SELECT version FROM rds_backup_instances WHERE instance_id = 'rm-default-table'`);
    expect(rows).toEqual([{ version: "1" }]);
  });

  it("migrates idempotently, also when several replicas migrate at once", async () => {
    const table = freshTable();
    await Promise.all(Array.from({ length: 6 }, () => migrate(pool, { table })));
    await migrate(pool, { table });
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = $1`, [table]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("refuses a table name that is not an identifier, and never pastes one into SQL", async () => {
    for (const table of ['x"; DROP TABLE users; --', "a.b.c", "1table", "", "a-b", "x".repeat(64)]) {
      expect(() => postgresStore(pool, { table })).toThrow(RangeError);
      await expect(migrate(pool, { table })).rejects.toThrow(RangeError);
    }
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ops`);
    const table = `ops.${freshTable("Mixed")}`;
    await migrate(pool, { table });
    expect(await postgresStore(pool, { table }).load("rm-1")).toBeUndefined();
  });

  it("sends instance ids and states as parameters, whatever they hold", async () => {
    const table = freshTable();
    await migrate(pool, { table });
    const store = postgresStore(pool, { table });
    const id = `rm-'); DROP TABLE "${table}"; --`;
    const state: InstanceState = { ...INSTANCE, instanceId: id, databases: ["it's", 'quo"te', "$1"], jobs: [], version: 1 };
    expect(await store.compareAndSet(id, null, state)).toBe(true);
    expect(await store.load(id)).toEqual(state);
  });

  it("refuses a row damaged by hand with state.invalid for that instance alone, and leaves it as it is", async () => {
    const table = freshTable();
    await migrate(pool, { table });
    const store = postgresStore(pool, { table });
    await registerInstance(store, INSTANCE);
    await registerInstance(store, { ...INSTANCE, instanceId: "rm-2" });
    await pool.query(`UPDATE "${table}" SET state = jsonb_set(state, '{status}', '"Exploded"') WHERE instance_id = 'rm-2'`);
    const damaged = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-2", { now: NOW });
    expect(damaged).toMatchObject({ ok: false, attempts: 1, error: { rule: "state.invalid", parameter: "state.status" } });
    expect(await registerInstance(store, { ...INSTANCE, instanceId: "rm-2" })).toMatchObject({
      ok: false,
      error: { rule: "state.invalid" },
    });
    expect((await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-1", { now: NOW })).ok).toBe(true);
    const { rows } = await pool.query(`SELECT state->>'status' AS status, version FROM "${table}" WHERE instance_id = 'rm-2'`);
    expect(rows).toEqual([{ status: "Exploded", version: "1" }]);
  });
});
