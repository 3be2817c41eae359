/**
 * Deadlines against a PostgreSQL that stops answering without closing its sockets (packets
 * dropped), through a proxy that can freeze: every store call of `openStore`'s pool answers
 * store.unavailable within its deadline (connect, statement, request), `close` and `ping` return
 * within their bounds, and the pool serves again once the database answers again.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/server/index";
import { advanceBackupJobIn, createBackupIn, registerInstance, type StateStore } from "../../src/store/index";
import { startFreezableProxy, type FreezableProxy } from "../support/freezable-proxy";
import { databaseUrl } from "./support";

const NOW = "2026-03-02T08:00:00Z";
/** What a bound may overrun by on a busy two-core machine: timers, connection set-up and teardown. */
const SLACK_MS = 1_500;

let proxy: FreezableProxy;
let instances = 0;
beforeEach(async () => {
  const target = new URL(databaseUrl());
  proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
});
afterEach(() => proxy.close());

function throughProxy(): string {
  const url = new URL(databaseUrl());
  url.hostname = proxy.host;
  url.port = String(proxy.port);
  return url.toString();
}

async function opened(timeouts: Parameters<typeof openStore>[2]) {
  const store = await openStore(throughProxy(), [], timeouts);
  if (!store.ok) throw new Error(store.message);
  return store;
}

/** A fresh instance with one backup queued; its id and the job's. */
async function instanceWithJob(store: StateStore): Promise<{ instanceId: string; jobId: string }> {
  instances += 1;
  const instanceId = `rm-deadline-${process.pid}-${instances}`;
  expect(
    (
      await registerInstance(store, {
        instanceId,
        engine: "MySQL",
        engineVersion: "8.0",
        storageType: "local_ssd",
        status: "Running",
        databases: ["orders"],
      })
    ).ok,
  ).toBe(true);
  const created = await createBackupIn(store, `Action=CreateBackup&DBInstanceId=${instanceId}`, { now: NOW });
  if (!created.ok) throw new Error(created.error.message);
  return { instanceId, jobId: created.job.jobId };
}

/** The answer of `call` and how long it took. */
async function timed<T>(call: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now();
  const answer = await call();
  return { answer, ms: performance.now() - started };
}

describe("a PostgreSQL that stops answering (packets dropped)", () => {
  it("every store call answers store.unavailable within the connect and statement deadlines, and the pool recovers after thaw", async () => {
    const db = await opened({ connectTimeoutMs: 400, statementTimeoutMs: 400 });
    try {
      const { instanceId, jobId } = await instanceWithJob(db.store);
      proxy.freeze();
      const bound = 400 + 400 + SLACK_MS;
      const calls = {
        createBackupIn: () =>
          createBackupIn(
            db.store,
            `Action=CreateBackup&DBInstanceId=${instanceId}&BackupMethod=Physical`,
            { now: NOW, idempotencyKey: "k-1" },
            db.commit,
          ),
        advanceBackupJobIn: () => advanceBackupJobIn(db.store, instanceId, { jobId, status: "Running" }, { now: NOW }, db.commit),
        registerInstance: () =>
          registerInstance(
            db.store,
            { instanceId, engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Stopped", databases: [] },
            db.commit,
          ),
      };
      for (const [operation, call] of Object.entries(calls)) {
        const { answer, ms } = await timed<unknown>(call);
        expect(answer, operation).toMatchObject({
          ok: false,
          error: { rule: "store.unavailable", httpStatus: 503, operation, failed: "load" },
        });
        expect(ms, operation).toBeLessThan(bound);
      }
      const load = await timed(() =>
        db.store.load(instanceId).then(
          () => "answered",
          (error: unknown) => error,
        ),
      );
      expect(load.answer).toBeInstanceOf(Error);
      expect(load.ms).toBeLessThan(bound);
      proxy.thaw();
      const after = await createBackupIn(
        db.store,
        `Action=CreateBackup&DBInstanceId=${instanceId}&BackupMethod=Physical`,
        { now: "2026-03-02T09:00:00Z" },
        db.commit,
      );
      expect(after).toMatchObject({ ok: false, error: { rule: "instance.backup-in-progress" } }); // it read the row again
      expect(await advanceBackupJobIn(db.store, instanceId, { jobId, status: "Finished" }, { now: NOW }, db.commit)).toMatchObject({
        ok: true,
      });
      await db.ping();
    } finally {
      proxy.thaw();
      expect(await db.close(5_000)).toEqual({ clean: true });
    }
  });

  it("the request deadline bounds the whole call: a compare-and-set cut off says the write may have happened, and its retry gives exactly one backup", async () => {
    const db = await opened({ connectTimeoutMs: 10_000, statementTimeoutMs: 10_000, requestTimeoutMs: 500 });
    try {
      const { instanceId, jobId } = await instanceWithJob(db.store);
      expect((await advanceBackupJobIn(db.store, instanceId, { jobId, status: "Finished" }, { now: NOW }, db.commit)).ok).toBe(true);
      const freezingBeforeWrite: StateStore = {
        load: (id) => db.store.load(id),
        compareAndSet: (id, expected, next) => {
          proxy.freeze();
          return db.store.compareAndSet(id, expected, next);
        },
      };
      const request = `Action=CreateBackup&DBInstanceId=${instanceId}`;
      const context = { now: "2026-03-02T10:00:00Z", idempotencyKey: "order-1" };
      const cut = await timed(() => createBackupIn(freezingBeforeWrite, request, context, db.commit));
      expect(cut.answer).toMatchObject({
        ok: false,
        error: { rule: "store.unavailable", failed: "compareAndSet", writeMayHaveHappened: true },
      });
      expect(!cut.answer.ok && cut.answer.error.message).toContain("may or may not have been written");
      expect(cut.ms).toBeLessThan(500 + SLACK_MS);
      const read = await timed(() =>
        registerInstance(
          db.store,
          { instanceId, engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Stopped", databases: [] },
          db.commit,
        ),
      );
      expect(read.answer).toMatchObject({ ok: false, error: { rule: "store.unavailable", failed: "load" } });
      expect(read.ms).toBeLessThan(500 + SLACK_MS);
      proxy.thaw();
      const retry = await createBackupIn(db.store, request, context, db.commit);
      expect(retry).toMatchObject({ ok: true });
      const stored = (await db.store.load(instanceId)) as { jobs: { idempotencyKey?: string }[] };
      expect(stored.jobs.filter((job) => job.idempotencyKey === "order-1")).toHaveLength(1);
    } finally {
      proxy.thaw();
      await db.close(5_000);
    }
  });

  it("close() returns within its bound while a statement hangs, and says the close was not clean", async () => {
    const db = await opened({ statementTimeoutMs: 10_000 });
    const { instanceId } = await instanceWithJob(db.store);
    proxy.freeze();
    const hung = db.store.load(instanceId).catch(() => "rejected");
    await new Promise((resolve) => setTimeout(resolve, 50)); // the statement is sent, and gets no answer
    const closing = await timed(() => db.close(300));
    expect(closing.answer).toEqual({ clean: false });
    expect(closing.ms).toBeLessThan(300 + SLACK_MS);
    expect(await db.close(300)).toEqual({ clean: false }); // a second close answers as the first
    await proxy.close(); // the hung connection is reset: the query ends
    expect(await hung).toBe("rejected");
  });

  it("ping rejects within its own deadline, and resolves once the database answers again", async () => {
    const db = await opened({});
    try {
      await db.ping();
      proxy.freeze();
      const frozen = await timed(() =>
        db.ping(300).then(
          () => "answered",
          (error: unknown) => error,
        ),
      );
      expect(frozen.answer).toBeInstanceOf(Error);
      expect(String(frozen.answer)).toContain("did not answer SELECT 1 within 300 ms");
      expect(frozen.ms).toBeLessThan(300 + SLACK_MS);
      proxy.thaw();
      await db.ping(5_000);
    } finally {
      proxy.thaw();
      await db.close(5_000);
    }
  });

  it("openStore on a database that accepts the connection but never answers fails within the connect deadline, in one line", async () => {
    proxy.freeze();
    const { answer, ms } = await timed(() => openStore(throughProxy(), [], { connectTimeoutMs: 300 }));
    expect(answer).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^cannot prepare the PostgreSQL store: [^\n]*timeout[^\n]*$/),
    });
    expect(ms).toBeLessThan(300 + SLACK_MS);
  });
});
