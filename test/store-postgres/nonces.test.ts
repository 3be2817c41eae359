/**
 * postgresNonces and the nonce table on a real PostgreSQL: the same answers as memoryNonces, one
 * fresh answer among replicas (separate pools) racing with one nonce, a replay to another replica
 * used, expired rows removed, and migrate adding the table to a database an older version migrated.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/server/index";
import { memoryNonces } from "../../src/store/index";
import { migrate, postgresNonces } from "../../src/store/postgres/index";
import { nonceCalls } from "../support/nonce-calls";
import { databaseUrl, freshTable, newPool } from "./support";

const admin = newPool(undefined, 4);
const replicas = [newPool(undefined, 4, "replica"), newPool(undefined, 4, "replica")] as const;
afterAll(() => Promise.all([admin, ...replicas].map((pool) => pool.end())));

const at = (minutes: number) => new Date(Date.parse("2026-03-02T08:00:00Z") + minutes * 60_000);

async function nonceTable(): Promise<string> {
  const nonceTable = freshTable("nonces");
  await migrate(admin, { table: freshTable("instances"), nonceTable });
  return nonceTable;
}

const rows = async (table: string) =>
  (await admin.query<{ nonce: string }>(`SELECT nonce FROM "${table}" ORDER BY nonce`)).rows.map((row) => row.nonce);

describe("postgresNonces", () => {
  it("answers as memoryNonces, call by call (fast-check, fixed seed)", async () => {
    const table = await nonceTable();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(nonceCalls(30), async (calls) => {
        run += 1;
        const shared = postgresNonces(replicas[run % 2]!, { table });
        const memory = memoryNonces();
        for (const [index, call] of calls.entries()) {
          const keyId = `${call.accessKeyId}-run-${run}`; // each run its own key ids: the runs share the table
          const inPostgres = await shared.remember(keyId, call.nonce, call.expiresAt, call.now);
          expect(inPostgres, `call ${index}`).toBe(await memory.remember(keyId, call.nonce, call.expiresAt, call.now));
        }
      }),
      { seed: 19, numRuns: 40 },
    );
  });

  it("one nonce remembered at once by two replicas: exactly one fresh; replayed to the other replica later: used", async () => {
    const table = await nonceTable();
    const [first, second] = replicas.map((pool) => postgresNonces(pool, { table }));
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, index) => (index % 2 === 0 ? first! : second!).remember("AK", "race", at(15), at(0))),
    );
    expect(answers.filter((answer) => answer === "fresh")).toHaveLength(1);
    expect(answers.filter((answer) => answer === "used")).toHaveLength(15);
    expect(await first!.remember("AK", "replayed", at(15), at(0))).toBe("fresh");
    expect(await second!.remember("AK", "replayed", at(15), at(1))).toBe("used");
    expect(await second!.remember("AK", "replayed", at(30), at(15))).toBe("fresh"); // its window has passed
  });

  it("removes expired rows now and then (once a minute by the callers' clock)", async () => {
    const table = await nonceTable();
    const nonces = postgresNonces(admin, { table });
    expect(await nonces.remember("AK", "a", at(0.5), at(0))).toBe("fresh");
    expect(await nonces.remember("AK", "b", at(15), at(0.2))).toBe("fresh");
    expect(await rows(table)).toEqual(["a", "b"]);
    expect(await nonces.remember("AK", "c", at(15), at(0.8))).toBe("fresh"); // "a" expired, but the last sweep was 48 s ago
    expect(await rows(table)).toEqual(["a", "b", "c"]);
    expect(await nonces.remember("AK", "d", at(15), at(1.1))).toBe("fresh");
    expect(await rows(table)).toEqual(["b", "c", "d"]);
  });

  it("sends nothing for what no nonce store takes: a RangeError, as memoryNonces gives", async () => {
    const statements: string[] = [];
    const counting = { query: (text: string, values?: unknown[]) => (statements.push(text), admin.query(text, values)) };
    const nonces = postgresNonces(counting, { table: await nonceTable() });
    for (const nonce of ["", "n".repeat(15_000), "n\u0000", "n\uDC00"])
      await expect(nonces.remember("AK", nonce, at(15), at(0))).rejects.toThrow(RangeError);
    expect(statements).toEqual([]);
  });
});

describe("migrate and the nonce table", () => {
  it("creates the nonce table with its key and expiry index, on a database an older version migrated, idempotently", async () => {
    const table = freshTable("old");
    const nonceTable = freshTable("old_nonces");
    // What migrate created before nonces were kept in PostgreSQL: the instances' table alone.
    await admin.query(
      `CREATE TABLE "${table}" (instance_id text PRIMARY KEY, state jsonb NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    await admin.query(`INSERT INTO "${table}" (instance_id, state, version) VALUES ('rm-kept', '{"version": 1}', 1)`);
    await Promise.all(Array.from({ length: 4 }, () => migrate(admin, { table, nonceTable })));
    await migrate(admin, { table, nonceTable });
    const columns = await admin.query(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
      [nonceTable],
    );
    expect(columns.rows).toEqual([
      { column_name: "access_key_id", data_type: "text", is_nullable: "NO" },
      { column_name: "nonce", data_type: "text", is_nullable: "NO" },
      { column_name: "expires_at", data_type: "timestamp with time zone", is_nullable: "NO" },
    ]);
    const indexes = await admin.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY indexname`, [
      nonceTable,
    ]);
    expect(indexes.rows.map((row) => row.indexdef.replace(/^.* USING /, ""))).toEqual([
      "btree (expires_at)",
      "btree (access_key_id, nonce)",
    ]);
    expect((await admin.query(`SELECT instance_id FROM "${table}"`)).rows).toEqual([{ instance_id: "rm-kept" }]);
  });

  it("uses the default table rds_backup_nonces", async () => {
    await migrate(admin);
    const nonces = postgresNonces(admin);
    const nonce = `default-${process.pid}-${Date.now()}`;
    expect(await nonces.remember("AK", nonce, at(15), at(0))).toBe("fresh");
    expect((await admin.query(`SELECT count(*)::int AS n FROM rds_backup_nonces WHERE nonce = $1`, [nonce])).rows).toEqual([{ n: 1 }]);
  });
});

describe("openStore's nonces", () => {
  it("two servers opened on one database share them: a call replayed to the other is used", async () => {
    const [first, second] = await Promise.all([openStore(databaseUrl(), []), openStore(databaseUrl(), [])]);
    try {
      if (!first?.ok || !second?.ok) throw new Error("openStore failed");
      const nonce = `shared-${process.pid}-${Date.now()}`;
      expect(await first.nonces.remember("AK", nonce, at(15), at(0))).toBe("fresh");
      expect(await second.nonces.remember("AK", nonce, at(15), at(1))).toBe("used");
      const memory = await openStore(undefined, []);
      expect(memory.ok && (await memory.nonces.remember("AK", nonce, at(15), at(1)))).toBe("fresh"); // memory is one process's own
    } finally {
      await Promise.all([first, second].map((opened) => (opened?.ok ? opened.close() : Promise.resolve())));
    }
  });
});
