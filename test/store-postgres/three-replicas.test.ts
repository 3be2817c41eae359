/**
 * Several replicas are one service (server.md section 6): three `rds-backup-rules serve` processes
 * on one PostgreSQL database (a fresh one, with a history trigger on the instances' table), signed
 * calls spread over them by a client. No nonce is accepted twice — every signed call replayed to
 * another replica is SignatureNonceUsed, and one sent to all three at once is taken by one — six
 * concurrent retries with one ClientToken give one job, the token for another backup is
 * IdempotentParameterMismatch, and the invariants of store.md section 5 hold on what was stored.
 * The processes are stopped by SIGTERM (exit 0), or killed if the test fails first.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bundleCli, type ServeProcess } from "../server/serve-process";
import { KEY_ID, KEY_SECRET, v1Call, v3Call, type TestCall } from "../server/support";
import { exactlyOnceProblems, storeInvariantProblems, type AcceptedBackup, type KeyedCall } from "../support/store-invariants";
import { databaseUrl, migrateWithHistory, newPool, readHistory } from "./support";

const DATABASE = `three_replicas_${process.pid}`;
const INSTANCES = ["rm-3r-0", "rm-3r-1", "rm-3r-2", "rm-3r-3"];
const TOKEN_INSTANCE = "rm-3r-token";
const DAILY_LIMIT = 20;
const CALLS = 48;

const admin = newPool();
let cli: Awaited<ReturnType<typeof bundleCli>>;
const scratch = mkdtempSync(join(tmpdir(), "rds-three-replicas-"));

beforeAll(async () => {
  cli = await bundleCli();
});
afterEach(() => cli?.stopAll());
afterAll(async () => {
  cli?.remove();
  rmSync(scratch, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).catch(() => undefined);
  await admin.end();
});

/** The run's server URL, naming another database. */
function urlOf(database: string): string {
  const url = new URL(databaseUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

async function send(replica: ServeProcess, call: TestCall): Promise<Answer> {
  const response = await fetch(new URL(call.url, replica.url), {
    method: call.method,
    headers: { ...call.headers },
    ...(call.body === undefined ? {} : { body: call.body }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const nonceOf = (call: TestCall): string =>
  call.headers?.["x-acs-signature-nonce"] ??
  new URLSearchParams(call.url.split("?")[1] ?? call.body?.toString() ?? "").get("SignatureNonce")!;
const SIGNATURE_CODES = ["SignatureNonceUsed", "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound"];
const nonceUsed = (answer: Answer) => answer.status === 403 && answer.json.Code === "SignatureNonceUsed";

describe("three serve processes on one PostgreSQL", () => {
  it("are one service: no nonce taken twice, one job per ClientToken, the store's invariants", async () => {
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    const url = urlOf(DATABASE);
    const pool = newPool(url, 2);
    try {
      await migrateWithHistory(pool, "rds_backup_instances");
      const keys = join(scratch, "access-keys");
      writeFileSync(keys, `${KEY_ID}:${KEY_SECRET}\n`, { mode: 0o600 });
      chmodSync(keys, 0o600);
      const replicas = await Promise.all(
        [0, 1, 2].map(() => cli.start(["--store", url, "--port", "0", "--access-keys-file", keys, "--daily-limit", String(DAILY_LIMIT)])),
      );
      for (const id of [...INSTANCES, TOKEN_INSTANCE]) {
        const body = JSON.stringify({
          engine: "MySQL",
          engineVersion: "8.0",
          storageType: "local_ssd",
          status: "Running",
          databases: ["orders"],
        });
        const put = await fetch(new URL(`/admin/instances/${id}`, replicas[0]!.url), {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body,
        });
        expect(put.status).toBe(200);
      }

      // A client spreading signed calls: each sent to one replica, then replayed to the next; every fourth sent to all three at once.
      const answersByNonce = new Map<string, Answer[]>();
      const note = (call: TestCall, answer: Answer) =>
        answersByNonce.set(nonceOf(call), [...(answersByNonce.get(nonceOf(call)) ?? []), answer]);
      const accepted: AcceptedBackup[] = [];
      const METHODS = ["Physical", "Logical"];
      const runCall = async (index: number) => {
        // Calls 2k and 2k+1 (one per client, at about the same time) go to one instance: they race.
        const instance = INSTANCES[Math.floor(index / 2) % INSTANCES.length]!;
        const create = index % 3 !== 2;
        const params = create ? { DBInstanceId: instance, BackupMethod: METHODS[index % METHODS.length]! } : { DBInstanceId: instance };
        const call =
          index % 2 === 0
            ? v3Call(params, { action: create ? "CreateBackup" : "DescribeBackupTasks", date: new Date() })
            : v1Call(
                { Action: create ? "CreateBackup" : "DescribeBackupTasks", ...params },
                { date: new Date(), method: index % 4 === 1 ? "POST" : "GET" },
              );
        const first = replicas[index % 3]!;
        let taken: Answer;
        if (index % 4 === 3) {
          const all = await Promise.all(replicas.map((replica) => send(replica, call)));
          all.forEach((answer) => note(call, answer));
          expect(all.filter(nonceUsed)).toHaveLength(2);
          taken = all.find((answer) => !nonceUsed(answer))!;
        } else {
          taken = await send(first, call);
          note(call, taken);
          const replayed = await send(replicas[(index + 1) % 3]!, call);
          note(call, replayed);
          expect(replayed.json).toMatchObject({ Code: "SignatureNonceUsed" });
        }
        expect(SIGNATURE_CODES, JSON.stringify(taken.json)).not.toContain(taken.json.Code);
        expect(taken.status).toBeLessThan(500);
        if (create && taken.status === 200) {
          const jobId = String(taken.json.BackupJobId);
          accepted.push({ instanceId: instance, jobId });
          // The worker reports the job finished, through yet another replica.
          const done = await fetch(new URL(`/admin/instances/${instance}/jobs/${jobId}`, replicas[(index + 2) % 3]!.url), {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: '{"status":"Finished"}',
          });
          expect(done.status).toBe(200);
        }
      };
      // Two clients at once, each its own share of the calls.
      await Promise.all(
        [0, 1].map(async (client) => {
          for (let index = client; index < CALLS; index += 2) await runCall(index);
        }),
      );
      expect(accepted.length).toBeGreaterThan(10);
      for (const [nonce, answers] of answersByNonce)
        expect(
          answers.filter((answer) => !nonceUsed(answer)),
          nonce,
        ).toHaveLength(1);

      // Six retries with one ClientToken, at once, two per replica, each a freshly signed call.
      const token = `retry-${process.pid}`;
      const keyed = { DBInstanceId: TOKEN_INSTANCE, BackupMethod: "Physical", ClientToken: token };
      const retries = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((retry) =>
          send(
            replicas[retry % 3]!,
            retry % 2 === 0 ? v3Call(keyed, { date: new Date() }) : v1Call({ Action: "CreateBackup", ...keyed }, { date: new Date() }),
          ),
        ),
      );
      expect(retries.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const jobIds = new Set(retries.map((answer) => answer.json.BackupJobId));
      expect(jobIds.size).toBe(1);
      const other = await send(
        replicas[1]!,
        v3Call({ ...keyed, BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders" }, { date: new Date() }),
      );
      expect(other.status).toBe(400);
      expect(other.json).toMatchObject({ Code: "IdempotentParameterMismatch" });
      const keyedCalls: KeyedCall[] = retries.map((answer) => ({
        instanceId: TOKEN_INSTANCE,
        idempotencyKey: token,
        jobId: String(answer.json.BackupJobId),
      }));
      accepted.push({ instanceId: TOKEN_INSTANCE, jobId: String(retries[0]!.json.BackupJobId) });

      // Every nonce taken is one row of the shared nonce table.
      const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM rds_backup_nonces");
      expect(Number(rows[0]!.n)).toBe(answersByNonce.size + retries.length + 1);

      // SIGTERM: each replica finishes and exits 0.
      for (const replica of replicas) replica.child.kill("SIGTERM");
      expect(await Promise.all(replicas.map((replica) => replica.exited))).toEqual([0, 0, 0]);

      const { written, finals } = await readHistory(pool, "rds_backup_instances");
      expect(
        storeInvariantProblems({ written, finals, accepted, dailyBackupLimit: DAILY_LIMIT, latestNow: new Date().toISOString() }),
      ).toEqual([]);
      expect(exactlyOnceProblems(written, keyedCalls)).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
