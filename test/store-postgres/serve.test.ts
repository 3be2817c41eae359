/**
 * `serve` over a real PostgreSQL (the run's server, see global-setup.ts): `openStore` with a
 * postgres:// URL migrates and serves from the table, over a real socket; closing the server ends
 * the pool; a database that does not answer is a one-line message, not a crash; and the CLI as a
 * process with `--store`, stopped by SIGTERM with its connections closed.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore, serve } from "../../src/server/index";
import { bundleCli } from "../server/serve-process";
import { freePort } from "../support/embedded-postgres";
import { databaseUrl } from "./support";

describe("serve --store postgres://…", () => {
  it("migrates, registers through the admin API, creates and lists backups from the table", async () => {
    const opened = await openStore(databaseUrl(), []);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.name).toBe("postgres");
    const running = await serve({
      store: opened.store,
      onClose: async () => void (await opened.close()),
      port: 0,
      log: false,
      handleSignals: false,
    });
    if (!running.ok) throw new Error(running.message);
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
    try {
      const id = `rm-serve-pg-${process.pid}`;
      const put = await fetch(`${running.url}/admin/instances/${id}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          engine: "PostgreSQL",
          engineVersion: "16.0",
          storageType: "cloud_essd",
          status: "Running",
          databases: ["app"],
        }),
      });
      expect(put.status).toBe(200);
      const created = (await (await fetch(`${running.url}/?Action=CreateBackup&DBInstanceId=${id}&BackupMethod=Snapshot`)).json()) as {
        BackupJobId: string;
      };
      expect(created.BackupJobId).toMatch(/^\d+$/);
      const listed = (await (await fetch(`${running.url}/?Action=DescribeBackupTasks&DBInstanceId=${id}`)).json()) as {
        Items: { BackupJob: { BackupJobId: string; BackupMethod: string }[] };
      };
      expect(listed.Items.BackupJob).toMatchObject([{ BackupJobId: created.BackupJobId, BackupMethod: "Snapshot" }]);
      const { rows } = await pool.query<{ version: string; state: { jobs: { jobId: string }[] } }>(
        "SELECT version, state FROM rds_backup_instances WHERE instance_id = $1",
        [id],
      );
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

describe("rds-backup-rules serve --store as a process", () => {
  let cli: Awaited<ReturnType<typeof bundleCli>>;
  beforeAll(async () => {
    cli = await bundleCli();
  });
  afterEach(() => cli?.stopAll());
  afterAll(() => cli?.remove());

  it("serves from PostgreSQL, and on SIGTERM exits 0 with its connections closed", async () => {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
    try {
      const name = `serve-cli-${process.pid}`;
      const storeUrl = `${databaseUrl()}${databaseUrl().includes("?") ? "&" : "?"}application_name=${name}`;
      const { child, url, output, exited } = await cli.start(["--store", storeUrl, "--port", "0"]);
      expect(output()).toContain('"store":"postgres"');
      const id = `rm-serve-cli-${process.pid}`;
      const put = await fetch(`${url}/admin/instances/${id}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] }),
      });
      expect(put.status).toBe(200);
      expect((await fetch(`${url}/?Action=CreateBackup&DBInstanceId=${id}`)).status).toBe(200);
      const { rows } = await pool.query<{ version: string }>("SELECT version FROM rds_backup_instances WHERE instance_id = $1", [id]);
      expect(rows.map((row) => Number(row.version))).toEqual([2]);
      const connections = async () =>
        Number(
          (await pool.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1", [name])).rows[0]?.n,
        );
      expect(await connections()).toBeGreaterThan(0);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output()).toContain('"msg":"stopped"');
      // The backends notice a closed connection as the client goes; give them a moment.
      for (let tries = 0; tries < 50 && (await connections()) > 0; tries++) await new Promise((done) => setTimeout(done, 100));
      expect(await connections()).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it("refuses a database that does not answer, in one line, exit 2", async () => {
    const port = await freePort();
    const child = cli.run(["serve", "--store", `postgres://postgres:x@127.0.0.1:${port}/postgres`, "--port", "0"]);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.once("exit", (exit) => done(exit)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rds-backup-rules: --store: cannot prepare the PostgreSQL store: .*ECONNREFUSED.*\n$/);
  });
});
