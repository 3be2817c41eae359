/**
 * Exactly once on a real PostgreSQL: concurrent calls with one idempotency key from separate
 * pools queue one job and all answer its BackupJobId; a call whose compare-and-set is cut off
 * (its connection terminated by the server mid-UPDATE, or a write whose answer was lost) returns
 * store.unavailable, and its retry with the same key yields exactly one backup.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { InstanceState } from "../../src/index";
import { createBackupIn, registerInstance } from "../../src/store/index";
import { loseNextAnswer } from "../support/lost-answer";
import { instanceOf } from "../support/replica-workload";
import { exactlyOnceProblems } from "../support/store-invariants";
import { freshTable, migrateWithHistory, newPool, readHistory, storeOn } from "./support";

const REQUEST = "Action=CreateBackup&DBInstanceId=rm-hot-0";
const admin = newPool();
const pools = Array.from({ length: 6 }, () => newPool(undefined, 2, "replica"));
afterAll(() => Promise.all([admin, ...pools].map((pool) => pool.end())));

async function oneInstance(prefix: string): Promise<string> {
  const table = freshTable(prefix);
  await migrateWithHistory(admin, table);
  expect((await registerInstance(storeOn(admin, table), instanceOf("rm-hot-0"))).ok).toBe(true);
  return table;
}

describe("exactly once on PostgreSQL", () => {
  it("12 concurrent calls with one key, from 6 pools, queue one job and all answer its id", async () => {
    const table = await oneInstance("once");
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        createBackupIn(storeOn(pools[index % pools.length]!, table), REQUEST, {
          now: "2026-03-02T08:00:00Z",
          requestId: `r-${index}`,
          idempotencyKey: "nightly-2026-03-02",
        }),
      ),
    );
    expect(decisions.every((decision) => decision.ok)).toBe(true);
    const ids = new Set(decisions.map((decision) => (decision.ok ? decision.response.BackupJobId : "")));
    expect(ids.size).toBe(1);
    expect(decisions.filter((decision) => decision.ok && decision.replayed !== true)).toHaveLength(1);
    const { written, finals } = await readHistory(admin, table);
    expect(finals.get("rm-hot-0")).toMatchObject({ version: 2, jobs: [{ jobId: [...ids][0], idempotencyKey: "nightly-2026-03-02" }] });
    const keyed = decisions.map((decision) => ({
      instanceId: "rm-hot-0",
      idempotencyKey: "nightly-2026-03-02",
      jobId: decision.ok ? decision.response.BackupJobId : undefined,
    }));
    expect(exactlyOnceProblems(written, keyed)).toEqual([]);
  });

  it("a compare-and-set whose connection the server terminates mid-UPDATE: store.unavailable, and the retry with the same key queues exactly one backup", async () => {
    const table = await oneInstance("cut");
    // Hold every UPDATE of the table for a moment, so that the server can terminate it mid-statement.
    await admin.query(
      `CREATE FUNCTION "${table}_slow"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.5); RETURN NEW; END $$`,
    );
    await admin.query(`CREATE TRIGGER "${table}_slow" BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${table}_slow"()`);
    const context = { now: "2026-03-02T08:00:00Z", requestId: "r-1", idempotencyKey: "order-7731" };
    const pending = createBackupIn(storeOn(pools[0]!, table), REQUEST, context);
    let terminated = 0;
    for (let round = 0; round < 50 && terminated === 0; round++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await admin.query(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'replica' AND query LIKE 'UPDATE%' AND state = 'active'`,
      );
      terminated = (rows[0] as { n: number }).n;
    }
    expect(terminated).toBe(1);
    const first = await pending;
    expect(first).toMatchObject({ ok: false, error: { rule: "store.unavailable", failed: "compareAndSet", writeMayHaveHappened: true } });
    await admin.query(`DROP TRIGGER "${table}_slow" ON "${table}"`);
    const retry = await createBackupIn(storeOn(pools[1]!, table), REQUEST, { ...context, requestId: "r-2" });
    expect(retry).toMatchObject({ ok: true });
    expect(retry.ok && retry.replayed).not.toBe(true); // the terminated UPDATE was rolled back: the retry queued the job
    const final = (await readHistory(admin, table)).finals.get("rm-hot-0") as InstanceState;
    expect(final.jobs.map((job) => [job.jobId, job.idempotencyKey])).toEqual([[retry.ok ? retry.response.BackupJobId : "?", "order-7731"]]);
  });

  it("a write whose answer was lost: store.unavailable, and the retry with the same key replays the job it wrote", async () => {
    const table = await oneInstance("lost");
    const context = { now: "2026-03-02T08:00:00Z", requestId: "r-1", idempotencyKey: "order-7732" };
    const first = await createBackupIn(loseNextAnswer(storeOn(pools[0]!, table), "after writing"), REQUEST, context);
    expect(first).toMatchObject({ ok: false, error: { rule: "store.unavailable", writeMayHaveHappened: true } });
    const retry = await createBackupIn(storeOn(pools[1]!, table), REQUEST, { ...context, requestId: "r-2" });
    expect(retry).toMatchObject({ ok: true, replayed: true });
    const final = (await readHistory(admin, table)).finals.get("rm-hot-0") as InstanceState;
    expect(final).toMatchObject({
      version: 2,
      jobs: [{ jobId: retry.ok ? retry.response.BackupJobId : "?", idempotencyKey: "order-7732" }],
    });
  });
});
