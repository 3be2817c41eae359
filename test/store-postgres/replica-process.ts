/**
 * One replica as its own OS process, for test/store-postgres/processes.test.ts: runs a seeded
 * workload (test/support/replica-workload.ts) on its own pool and reports every outcome to the
 * parent over IPC as it happens, so that what a killed replica answered before it died is known.
 * Argument: JSON { url, table, seed, operations, hot, cold }.
 */
import pg from "pg";
import { postgresStore } from "../../src/store/postgres/index";
import { runReplica } from "../support/replica-workload";

const { url, table, seed, operations, hot, cold } = JSON.parse(process.argv[2] ?? "{}") as {
  url: string;
  table: string;
  seed: number;
  operations: number;
  hot: string[];
  cold: string[];
};
const pool = new pg.Pool({ connectionString: url, max: 2, application_name: "replica" });
const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

await runReplica(postgresStore(pool, { table }), {
  seed,
  operations,
  hot,
  cold,
  hotShare: 0.7,
  onOutcome: ({ kind, instanceId, decision }) =>
    send({
      type: "outcome",
      kind,
      instanceId,
      ok: decision.ok,
      jobId: decision.ok && "response" in decision ? decision.response.BackupJobId : undefined,
      rule: decision.ok ? undefined : decision.error.rule,
    }),
});
await pool.end();
await send({ type: "done" });
process.disconnect();
