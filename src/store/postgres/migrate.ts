import type { Queryable } from "./queryable";
import { DEFAULT_NONCE_TABLE, DEFAULT_TABLE, quotedTableName } from "./table-name";

/** The advisory lock key `migrate` holds while it creates the tables (an arbitrary constant of this package). */
const MIGRATION_LOCK = 7_305_206_113;

/** Options of `migrate`: the tables of `postgresStore` and of `postgresNonces`. */
export interface MigrateOptions {
  /** The instances' table; default `"rds_backup_instances"`. */
  readonly table?: string;
  /** The nonces' table; default `"rds_backup_nonces"`. */
  readonly nonceTable?: string;
}

/**
 * Creates the adapter's tables if they do not exist: the instances (one row per instance,
 * `instance_id text primary key`, `state jsonb not null`, `version bigint not null`, `updated_at
 * timestamptz not null default now()`) and the nonces of signed calls (`access_key_id text`,
 * `nonce text`, their primary key, `expires_at timestamptz not null` with an index). Idempotent,
 * safe when several replicas run it at once at startup, and meant to run on every start: on a
 * database an older version migrated, it adds what that version did not create. Rejects with the
 * database's error when it cannot create them (a `RangeError` for an invalid table name).
 *
 * @example
 * ```ts
 * import { migrate } from "rds-backup-rules/store/postgres";
 *
 * const down = { query: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")) };
 * await expect(migrate(down)).rejects.toThrow("ECONNREFUSED");
 * await expect(migrate(down, { table: "not a name" })).rejects.toThrow(RangeError);
 * await expect(migrate(down, { nonceTable: "x;y" })).rejects.toThrow(RangeError);
 * ```
 */
export async function migrate(pool: Queryable, options: MigrateOptions = {}): Promise<void> {
  const table = quotedTableName(options.table ?? DEFAULT_TABLE);
  const nonceName = options.nonceTable ?? DEFAULT_NONCE_TABLE;
  const nonces = quotedTableName(nonceName);
  // An index name is not schema-qualified (it lives in its table's schema), and at most 63 characters.
  const expiryIndex = `"${nonceName.split(".").at(-1)!.slice(0, 50)}_expires_at"`;
  // One statement, one transaction: the advisory lock (held until it commits) makes replicas that
  // migrate at once create the tables one after the other, so the second finds them.
  await pool.query(`DO $$ BEGIN
    PERFORM pg_advisory_xact_lock(${MIGRATION_LOCK});
    CREATE TABLE IF NOT EXISTS ${table} (instance_id text PRIMARY KEY, state jsonb NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS ${nonces} (access_key_id text NOT NULL, nonce text NOT NULL, expires_at timestamptz NOT NULL, PRIMARY KEY (access_key_id, nonce));
    CREATE INDEX IF NOT EXISTS ${expiryIndex} ON ${nonces} (expires_at);
  END $$`);
}
