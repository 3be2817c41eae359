import { isStorableText, type InstanceState } from "../../index";
import type { StateStore } from "../state-store";
import { storedVersion } from "../stored-version";
import type { Queryable } from "./queryable";
import { DEFAULT_TABLE, quotedTableName } from "./table-name";

/** Options of `postgresStore`. */
export interface PostgresStoreOptions {
  /** The table (created by `migrate`): an identifier or `schema.identifier`; default `"rds_backup_instances"`. */
  readonly table?: string;
}

/**
 * A `StateStore` over PostgreSQL (`pg@8`): one row per instance in the table `migrate` creates.
 * The row's `version` column is the one version of the row: `load` gives the stored state with
 * that `version` (whatever the JSON says), and the compare-and-set compares it, so a state restored
 * or repaired by hand is written again at the next call (raise the column with any edit).
 * Each compare-and-set is one statement, so it needs no transaction and holds under READ
 * COMMITTED: `UPDATE … WHERE instance_id = $1 AND version = $2`, or `INSERT … ON CONFLICT DO
 * NOTHING` for an instance not stored yet. Values always travel as parameters; the table name is
 * a validated identifier (`RangeError` here, at setup, otherwise). Errors of the pool (connection
 * refused or lost, timeouts) reject, and the commit loop turns them into `store.unavailable`. An
 * instance id no row can have (U+0000, a lone surrogate, which the driver would send as U+FFFD) is
 * never sent: `load` resolves `undefined`, and `compareAndSet` rejects with a `RangeError`. If the
 * pool has no `error` listener, one that ignores the error is added, so that an idle connection
 * the server closes does not crash the process (the next query reports it).
 *
 * @example
 * ```ts
 * import { createBackupIn } from "rds-backup-rules/store";
 * import { postgresStore } from "rds-backup-rules/store/postgres";
 *
 * // A pool whose server is down: the store rejects, and the commit loop answers store.unavailable.
 * const down = { query: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")) };
 * const decision = await createBackupIn(postgresStore(down), "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-03-02T08:00:00Z" });
 * expect(!decision.ok && decision.error).toMatchObject({ rule: "store.unavailable", httpStatus: 503, failed: "load", writeMayHaveHappened: false });
 * expect(() => postgresStore(down, { table: 'backups"; DROP TABLE users; --' })).toThrow(RangeError);
 * // A row whose state was restored by hand: the version column is the version.
 * const restored = { query: async () => ({ rows: [{ state: { instanceId: "rm-1", version: 3 }, version: "7" }], rowCount: 1 }) };
 * expect(await postgresStore(restored).load("rm-1")).toEqual({ instanceId: "rm-1", version: 7 });
 * expect(await postgresStore(restored).load("rm-1\u0000")).toBeUndefined();
 * ```
 */
export function postgresStore(pool: Queryable, options: PostgresStoreOptions = {}): StateStore {
  const table = quotedTableName(options.table ?? DEFAULT_TABLE);
  keepIdleErrorsFromCrashing(pool);
  const load = `SELECT state, version FROM ${table} WHERE instance_id = $1`;
  const insert = `INSERT INTO ${table} (instance_id, state, version) VALUES ($1, $2::jsonb, $3) ON CONFLICT (instance_id) DO NOTHING`;
  const update = `UPDATE ${table} SET state = $3::jsonb, version = $4, updated_at = now() WHERE instance_id = $1 AND version = $2`;
  return {
    async load(instanceId: string): Promise<unknown> {
      if (!isStorableText(instanceId)) return undefined; // no row can have this id: nothing is sent
      const { rows } = await pool.query(load, [instanceId]);
      const row = rows[0] as { state?: unknown; version?: unknown } | undefined;
      return row === undefined ? undefined : withRowVersion(row.state, row.version);
    },
    async compareAndSet(instanceId: string, expectedVersion: number | null, next: InstanceState): Promise<boolean> {
      if (!isStorableText(instanceId))
        throw new RangeError(
          `PostgreSQL cannot hold the instance id ${JSON.stringify(instanceId)} (U+0000 or a lone surrogate); nothing was sent`,
        );
      const text = JSON.stringify(next);
      const { rowCount } =
        expectedVersion === null
          ? await pool.query(insert, [instanceId, text, storedVersion(next)])
          : await pool.query(update, [instanceId, expectedVersion, text, storedVersion(next)]);
      return rowCount === 1;
    },
  };
}

function keepIdleErrorsFromCrashing(pool: unknown): void {
  const emitter = pool as { on?: unknown; listenerCount?: unknown };
  if (typeof emitter.on !== "function" || typeof emitter.listenerCount !== "function") return;
  if ((emitter.listenerCount as (event: string) => number).call(pool, "error") === 0) {
    (emitter.on as (event: string, listener: () => void) => void).call(pool, "error", () => undefined);
  }
}

/** The state as the row holds it, its `version` the row's column (pg reads a bigint as text); anything but an object as it is. */
function withRowVersion(state: unknown, version: unknown): unknown {
  if (typeof state !== "object" || state === null || Array.isArray(state)) return state;
  return { ...state, version: Number(version) };
}
