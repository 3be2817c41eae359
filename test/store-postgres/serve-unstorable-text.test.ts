/**
 * Text a store cannot hold, through every route of `serve` on PostgreSQL (a real socket): an
 * instance id with U+0000 is 404 `instance-id.not-found` as on memory (test/server/
 * unstorable-text.test.ts), never the 503 the driver's refusal gave; a registration holding U+0000
 * or a lone surrogate is 400 `state.invalid`, and nothing is written.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openStore, serve } from "../../src/server/index";
import { databaseUrl } from "./support";

const JSON_TYPE = { "content-type": "application/json" };
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const REGISTRATION = { engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] };

describe("serve on PostgreSQL: text no store can hold", () => {
  it("answers every route as memory does: 404 for such an id, 400 state.invalid for such a registration", async () => {
    const opened = await openStore(databaseUrl(), []);
    if (!opened.ok) throw new Error(opened.message);
    const running = await serve({
      store: opened.store,
      commit: opened.commit,
      onClose: () => opened.close(),
      port: 0,
      log: false,
      handleSignals: false,
    });
    if (!running.ok) throw new Error(running.message);
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
    const send = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
      const answer = await fetch(`${running.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      return { status: answer.status, json: (await answer.json()) as { Code: string; Message: string } };
    };
    try {
      const id = `rm-nul-${process.pid}`;
      const routes = [
        await send("GET", `/?Action=CreateBackup&DBInstanceId=${id}%00`),
        await send("POST", "/", FORM, `Action=CreateBackup&DBInstanceId=${id}%00`),
        await send("GET", `/?Action=DescribeBackupTasks&DBInstanceId=${id}%00`),
        await send("GET", `/admin/instances/${id}%00`),
        await send("POST", `/admin/instances/${id}%00/jobs/1`, JSON_TYPE, '{"status":"Failed"}'),
      ];
      expect(routes.map((answer) => [answer.status, answer.json.Code])).toEqual(Array(5).fill([404, "InvalidDBInstanceId.NotFound"]));
      const nulId = await send("PUT", `/admin/instances/${id}%00`, JSON_TYPE, JSON.stringify(REGISTRATION));
      expect([nulId.status, nulId.json.Code]).toEqual([400, "InvalidInstanceState"]);
      for (const item of ["\\ud800", "orders\\u0000"]) {
        const body = JSON.stringify({ ...REGISTRATION, databases: ["@"] }).replace("@", item);
        const answer = await send("PUT", `/admin/instances/${id}`, JSON_TYPE, body);
        expect([answer.status, answer.json.Code]).toEqual([400, "InvalidInstanceState"]);
        expect(answer.json.Message).toContain("state.databases[0]");
      }
      const { rows } = await pool.query("SELECT instance_id FROM rds_backup_instances WHERE instance_id LIKE $1", [
        `rm-nul-${process.pid}%`,
      ]);
      expect(rows).toEqual([]);
    } finally {
      await pool.end();
      await running.close();
    }
  });
});
