/**
 * The retry recipe: a CreateBackup whose compare-and-set failed (store.unavailable, a write may
 * have happened) retried with the same idempotency key yields exactly one backup, whether the lost
 * write happened or not.
 */
import { describe, expect, it } from "vitest";
import type { InstanceState } from "../../src/index";
import { createBackupIn, memoryStore, registerInstance } from "../../src/store/index";
import { loseNextAnswer } from "../support/lost-answer";

const REQUEST = "Action=CreateBackup&DBInstanceId=rm-1";
const INSTANCE = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
} as const;

describe("a retry with the same key after store.unavailable during the compare-and-set", () => {
  for (const when of ["after writing", "before writing"] as const) {
    it(`yields exactly one backup when the store failed ${when}`, async () => {
      const inner = memoryStore();
      await registerInstance(inner, INSTANCE);
      const store = loseNextAnswer(inner, when);
      const context = { now: "2026-03-02T08:00:00Z", requestId: "r-1", idempotencyKey: "order-7731" };
      const first = await createBackupIn(store, REQUEST, context);
      expect(first).toMatchObject({ ok: false, error: { rule: "store.unavailable", failed: "compareAndSet", writeMayHaveHappened: true } });
      const retry = await createBackupIn(store, REQUEST, { ...context, now: "2026-03-02T08:00:05Z", requestId: "r-2" });
      expect(retry.ok).toBe(true);
      // The lost write happened: the retry replays its job. It did not: the retry queues the job now.
      expect(retry.ok && retry.replayed === true).toBe(when === "after writing");
      const final = (await inner.load("rm-1")) as InstanceState;
      expect(final.jobs).toHaveLength(1);
      expect(final.jobs[0]).toMatchObject({ idempotencyKey: "order-7731", jobId: retry.ok ? retry.response.BackupJobId : "?" });
      expect(final.version).toBe(2);
      // And again: the same job, nothing written.
      const again = await createBackupIn(store, REQUEST, { ...context, requestId: "r-3" });
      expect(again).toMatchObject({ ok: true, replayed: true, response: { BackupJobId: final.jobs[0]!.jobId, RequestId: "r-3" } });
      expect(((await inner.load("rm-1")) as InstanceState).version).toBe(2);
    });
  }

  it("without a key, the retry after a lost write is refused: the backup is queued, but the caller cannot know it is its own", async () => {
    const inner = memoryStore();
    await registerInstance(inner, INSTANCE);
    const store = loseNextAnswer(inner, "after writing");
    const context = { now: "2026-03-02T08:00:00Z" };
    expect((await createBackupIn(store, REQUEST, context)).ok).toBe(false);
    const retry = await createBackupIn(store, REQUEST, context);
    expect(!retry.ok && retry.error.rule).toBe("instance.backup-in-progress");
  });
});
