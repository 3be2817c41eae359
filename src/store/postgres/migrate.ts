import type { Queryable } from "./queryable";
import { DEFAULT_TABLE, quotedTableName } from "./table-name";

/** The advisory lock key `migrate` holds while it creates the table (an arbitrary constant of this package). */
const MIGRATION_LOCK = 7_305_206_113;

/**
 * Creates the adapter's table if it does not exist: one row per instance, `instance_id text
 * primary key`, `state jsonb not null`, `version bigint not null`, `updated_at timestamptz not
 * null default now()`. Idempotent, and safe when several replicas run it at once at startup.
 * Rejects with the database's error when it cannot create the table (a `RangeError` for an
 * invalid table name).
 *
 * @example
 * ```ts
 * import { migrate } from "rds-backup-rules/store/postgres";
 *
 * const down = { query: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")) };
 * await expect(migrate(down)).rejects.toThrow("ECONNREFUSED");
 * await expect(migrate(down, { table: "not a name" })).rejects.toThrow(RangeError);
 * ```
 */
export async function migrate(pool: Queryable, options: { readonly table?: string } = {}): Promise<void> {
  const table = quotedTableName(options.table ?? DEFAULT_TABLE);
  // One statement, one transaction: the advisory lock (held until it commits) makes replicas that
  // migrate at once create the table one after the other, so the second finds it.
  await pool.query(`DO $$ BEGIN
    PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK});
    CREATE TABLE IF NOT EXISTS ${table} (instance_id text PRIMARY KEY, state jsonb NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
  END $$`);
}
