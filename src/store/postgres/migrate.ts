import type { Queryable } from "./queryable";
import { DEFAULT_TABLE, quotedTableName } from "./table-name";

/** SQLSTATEs of a `CREATE TABLE IF NOT EXISTS` that lost a race with another one creating the same table. */
const CREATED_CONCURRENTLY = new Set(["23505", "42P07"]);

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
 * const statements: string[] = [];
 * await migrate({ query: async (text) => (statements.push(text), { rows: [], rowCount: 0 }) }, { table: "ops.backup_state" });
 * expect(statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS "ops"\."backup_state" \(instance_id text PRIMARY KEY/);
 * ```
 */
export async function migrate(pool: Queryable, options: { readonly table?: string } = {}): Promise<void> {
  const table = quotedTableName(options.table ?? DEFAULT_TABLE);
  const create = `CREATE TABLE IF NOT EXISTS ${table} (instance_id text PRIMARY KEY, state jsonb NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;
  try {
    await pool.query(create);
  } catch (error) {
    const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
    if (typeof code !== "string" || !CREATED_CONCURRENTLY.has(code)) throw error;
    await pool.query(create); // the other creator has committed by now: this one finds the table
  }
}
