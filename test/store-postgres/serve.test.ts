/**
 * `serve` over a real PostgreSQL (the run's server, see global-setup.ts): `openStore` with a
 * postgres:// URL migrates and serves from the table, over a real socket; closing the server ends
 * the pool; a database that does not answer is a one-line message, not a crash.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openStore, serve } from "../../src/server/index";
import { freePort } from "../support/embedded-postgres";
import { databaseUrl } from "./support";

describe("serve --store postgres://…", () => {
  it("migrates, registers through the admin API, creates and lists backups from the table", async () => {
    const opened = await openStore(databaseUrl(), []);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.name).toBe("postgres");
    const running = await serve({ store: opened.store, onClose: opened.close, port: 0, log: false, handleSignals: false });
    if (!running.ok) throw new Error(running.message);
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
    try {
      const id = `rm-serve-pg-${process.pid}`;
      const put = await fetch(`${running.url}/admin/instances/${id}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ engine: "PostgreSQL", engineVersion: "16.0", storageType: "cloud_essd", status: "Running", databases: ["app"] }),
      });
      expect(put.status).toBe(200);
      const created = (await (await fetch(`${running.url}/?Action=CreateBackup&DBInstanceId=${id}&BackupMethod=Snapshot`)).json()) as { BackupJobId: string };
      expect(created.BackupJobId).toMatch(/^\d+$/);
      const listed = (await (await fetch(`${running.url}/?Action=DescribeBackupTasks&DBInstanceId=${id}`)).json()) as { Items: { BackupJob: { BackupJobId: string; BackupMethod: string }[] } };
      expect(listed.Items.BackupJob).toMatchObject([{ BackupJobId: created.BackupJobId, BackupMethod: "Snapshot" }]);
      const { rows } = await pool.query<{ version: string; state: { jobs: { jobId: string }[] } }>("SELECT version, state FROM rds_backup_instances WHERE instance_id = $1", [id]);
      expect(rows.map((row) => [Number(row.version), row.state.jobs.map((job) => job.jobId)])).toEqual([[2, [created.BackupJobId]]]);
    } finally {
      await pool.end();
      await running.close();
    }
    // The server's close ended the store's pool: it takes no more queries.
    await expect(opened.store.load("rm-any")).rejects.toThrow();
  });

  it("answers a database that does not answer with one line", async () => {
    const port = await freePort();
    const opened = await openStore(`postgres://postgres:x@127.0.0.1:${port}/postgres`, []);
    expect(opened).toEqual({ ok: false, message: expect.stringMatching(/^cannot prepare the PostgreSQL store: .*ECONNREFUSED/) });
  });
});
