import { readNonceCall, type NonceOutcome, type NonceStore } from "../nonce-store";
import type { Queryable } from "./queryable";
import { DEFAULT_NONCE_TABLE, quotedTableName } from "./table-name";

/** Options of `postgresNonces`. */
export interface PostgresNoncesOptions {
  /** The table (created by `migrate`, option `nonceTable`): an identifier or `schema.identifier`; default `"rds_backup_nonces"`. */
  readonly table?: string;
}

/** How often, by the callers' clock, one store removes the expired rows: once a minute. */
const SWEEP_EVERY_MS = 60_000;

/**
 * A `NonceStore` over PostgreSQL (`pg@8`), shared by every replica on the database: one row per
 * key id and nonce in the table `migrate` creates, so a signed call replayed to another replica is
 * `used`. `remember` is one statement — `INSERT … ON CONFLICT DO UPDATE … WHERE` the kept row has
 * expired — so of two replicas remembering one nonce at once exactly one gets `fresh`. Expired rows
 * are deleted after a call at most once a minute (by `now`). Never `full`: the table holds one
 * signature window of nonces. Rejects with the pool's error (the caller refuses the call with 503),
 * and with a `RangeError`, sending nothing, for what `readNonceCall` refuses.
 *
 * @example
 * ```ts
 * import { postgresNonces } from "rds-backup-rules/store/postgres";
 *
 * // A stand-in pool whose INSERT writes one row, then none: a real pool (pg.Pool) in production.
 * let inserted = 0;
 * const pool = { query: async (text: string) => ({ rows: [], rowCount: text.startsWith("INSERT") && inserted++ === 0 ? 1 : 0 }) };
 * const nonces = postgresNonces(pool);
 * const until = new Date("2026-03-02T08:15:00Z");
 * const now = new Date("2026-03-02T08:00:00Z");
 * expect(await nonces.remember("AK", "n-1", until, now)).toBe("fresh");
 * expect(await nonces.remember("AK", "n-1", until, now)).toBe("used");
 * expect(() => postgresNonces(pool, { table: "no such; table" })).toThrow(RangeError);
 * ```
 */
export function postgresNonces(pool: Queryable, options: PostgresNoncesOptions = {}): NonceStore {
  const table = quotedTableName(options.table ?? DEFAULT_NONCE_TABLE);
  const insert = `INSERT INTO ${table} AS kept (access_key_id, nonce, expires_at) VALUES ($1, $2, $3)
    ON CONFLICT (access_key_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE kept.expires_at <= $4`;
  const sweep = `DELETE FROM ${table} WHERE expires_at <= $1`;
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    async remember(accessKeyId: string, nonce: string, expiresAt: Date, now: Date): Promise<NonceOutcome> {
      const call = readNonceCall(accessKeyId, nonce, expiresAt, now);
      if (call instanceof RangeError) throw call;
      const { rowCount } = await pool.query(insert, [accessKeyId, nonce, expiresAt, now]);
      if (Math.abs(call.now - lastSweep) >= SWEEP_EVERY_MS) {
        lastSweep = call.now;
        await pool.query(sweep, [now]).catch(() => undefined); // a failed sweep only leaves rows for the next one
      }
      return rowCount === 1 ? "fresh" : "used";
    },
  };
}
