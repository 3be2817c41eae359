/**
 * Helpers of the PostgreSQL suites: pools on the run's server, a fresh table per test with a
 * history of every row version written (a trigger, so it holds the writes of every replica and
 * process in commit order, even of one killed mid-loop), and the invariants over it.
 */
import pg from "pg";
import { inject } from "vitest";
import type { InstanceState } from "../../src/index";
import { migrate, postgresStore } from "../../src/store/postgres/index";
import { registerInstance, type StateStore } from "../../src/store/index";
import { storeInvariantProblems, type AcceptedBackup } from "../support/store-invariants";
import { coldIds, DAILY_LIMIT, hotIds, instanceOf, LATEST_NOW, type Outcome } from "../support/replica-workload";

export const databaseUrl = (): string => inject("databaseUrl");

/** A pool whose idle-connection errors are ignored (the next query reports them); replicas' pools are named "replica" in pg_stat_activity. */
export function newPool(url = databaseUrl(), max = 4, applicationName = "admin"): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, application_name: applicationName });
  pool.on("error", () => undefined);
  return pool;
}

let tables = 0;
/** A table name no other test of this run uses. */
export function freshTable(prefix = "t"): string {
  tables += 1;
  return `${prefix}_${process.pid}_${tables}`;
}

/** Creates the store's table and its history (a trigger records every row version written). */
export async function migrateWithHistory(pool: pg.Pool, table: string): Promise<void> {
  await migrate(pool, { table });
  await pool.query(
    `CREATE TABLE "${table}_history" (seq bigserial PRIMARY KEY, instance_id text NOT NULL, version bigint NOT NULL, state jsonb NOT NULL)`,
  );
  await pool.query(`CREATE FUNCTION "${table}_record"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO "${table}_history" (instance_id, version, state) VALUES (NEW.instance_id, NEW.version, NEW.state); RETURN NEW; END $$`);
  await pool.query(
    `CREATE TRIGGER "${table}_record" AFTER INSERT OR UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${table}_record"()`,
  );
}

/** A fresh table with its history, `hot` hot and `cold` cold instances registered in it. */
export async function raceTable(
  pool: pg.Pool,
  prefix: string,
  hot: number,
  cold: number,
): Promise<{ table: string; hot: string[]; cold: string[] }> {
  const table = freshTable(prefix);
  await migrateWithHistory(pool, table);
  const ids = { hot: hotIds(hot), cold: coldIds(cold) };
  await registerAll(storeOn(pool, table), [...ids.hot, ...ids.cold]);
  return { table, ...ids };
}

export async function registerAll(store: StateStore, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const registered = await registerInstance(store, instanceOf(id));
    if (!registered.ok) throw new Error(`could not register ${id}: ${registered.error.message}`);
  }
}

/** Every row version written, in commit order, and the final rows. */
export async function readHistory(pool: pg.Pool, table: string) {
  const history = await pool.query<{ instance_id: string; state: InstanceState }>(
    `SELECT instance_id, state FROM "${table}_history" ORDER BY seq`,
  );
  const rows = await pool.query<{ instance_id: string; state: InstanceState }>(`SELECT instance_id, state FROM "${table}"`);
  return {
    written: history.rows.map((row) => ({ instanceId: row.instance_id, state: row.state })),
    finals: new Map(rows.rows.map((row) => [row.instance_id, row.state])),
  };
}

/** The accepted CreateBackups among outcomes. */
export function acceptedOf(outcomes: readonly Outcome[]): AcceptedBackup[] {
  return outcomes.flatMap((outcome) =>
    outcome.kind === "create" && outcome.decision.ok && "response" in outcome.decision
      ? [{ instanceId: outcome.instanceId, jobId: outcome.decision.response.BackupJobId }]
      : [],
  );
}

/** The invariants over the table's history and final rows, for the accepted backups the callers saw. */
export async function invariantProblems(
  pool: pg.Pool,
  table: string,
  accepted: readonly AcceptedBackup[],
  skip: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const { written, finals } = await readHistory(pool, table);
  return storeInvariantProblems({
    written: written.filter((each) => !skip.has(each.instanceId)),
    finals,
    accepted: accepted.filter((each) => !skip.has(each.instanceId)),
    dailyBackupLimit: DAILY_LIMIT,
    latestNow: LATEST_NOW,
  });
}

export function storeOn(pool: pg.Pool, table: string): StateStore {
  return postgresStore(pool, { table });
}
