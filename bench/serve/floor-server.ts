/**
 * The floor `npm run bench:serve` measures `serve` against: a bare Fastify route over the same
 * core, with nothing around it. `GET /?Action=CreateBackup&DBInstanceId=…` finds the instance by
 * Fastify's parsed query, decides with `createBackup` on its state and the query string, keeps an accepted state, and sends the
 * answer as JSON with an upper-case UUID `RequestId` (`toHttpResponse`); DescribeBackupTasks lists
 * the state's jobs as `serve` does (`backupTasks`). No logging, no metrics, no hooks, no checks
 * beyond the core's. The states live in a `Map`, or with `--store postgres://…` in a PostgreSQL
 * table of the store's shape, read and written with the store's statements (`SELECT state,
 * version … WHERE instance_id = $1`, then `UPDATE … WHERE instance_id = $1 AND version = $2`)
 * through a `pg` pool of the default size.
 *
 * Bundled by the bench with esbuild (as tsup bundles `dist/`), run as its own process:
 * `node floor-server.js --port P --daily-limit N [--store URL --table T]`. `POST /seed` with
 * `{"ids":[…]}` registers instances (the bench's registration, not measured).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import Fastify from "fastify";
import pg from "pg";
import { createBackup, toHttpResponse, type InstanceState } from "../../src/index";
import { backupTasks } from "../../src/server/describe-backup-tasks";

const { values } = parseArgs({
  options: { port: { type: "string" }, "daily-limit": { type: "string" }, store: { type: "string" }, table: { type: "string" } },
});
const policy = { dailyBackupLimit: Number(values["daily-limit"] ?? "20") };
const table = `"${values.table ?? "rds_backup_floor"}"`;

/** Where the floor keeps states: one load and one compare-and-set, as the store layer's contract. */
interface FloorStore {
  load(id: string): Promise<InstanceState | undefined>;
  compareAndSet(id: string, expected: number, next: InstanceState): Promise<boolean>;
  seed(ids: readonly string[]): Promise<void>;
}

const fresh = (instanceId: string): InstanceState => ({
  instanceId,
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
  jobs: [],
  version: 1,
});

function mapStore(): FloorStore {
  const states = new Map<string, InstanceState>();
  return {
    load: async (id) => states.get(id),
    compareAndSet: async (id, expected, next) => {
      if (states.get(id)?.version !== expected) return false;
      states.set(id, next);
      return true;
    },
    seed: async (ids) => {
      for (const id of ids) states.set(id, fresh(id));
    },
  };
}

function postgresStore(url: string): FloorStore {
  const pool = new pg.Pool({ connectionString: url });
  pool.on("error", () => undefined);
  const load = `SELECT state, version FROM ${table} WHERE instance_id = $1`;
  const update = `UPDATE ${table} SET state = $3::jsonb, version = $4, updated_at = now() WHERE instance_id = $1 AND version = $2`;
  const insert = `INSERT INTO ${table} (instance_id, state, version) VALUES ($1, $2::jsonb, $3) ON CONFLICT (instance_id) DO NOTHING`;
  return {
    load: async (id) => {
      const { rows } = await pool.query<{ state: InstanceState; version: string }>(load, [id]);
      const row = rows[0];
      return row === undefined ? undefined : { ...row.state, version: Number(row.version) };
    },
    compareAndSet: async (id, expected, next) =>
      (await pool.query(update, [id, expected, JSON.stringify(next), next.version])).rowCount === 1,
    seed: async (ids) => {
      for (const id of ids) await pool.query(insert, [id, JSON.stringify(fresh(id)), 1]);
    },
  };
}

const store = values.store === undefined ? mapStore() : postgresStore(values.store);
const app = Fastify();
type Query = Record<string, string | string[] | undefined>;

app.get("/", async (request, reply) => {
  const requestId = randomUUID().toUpperCase();
  const query = request.query as Query;
  const id = query.DBInstanceId;
  if (typeof id !== "string") return reply.code(400).send({ RequestId: requestId, Code: "MissingParameter" });
  if (query.Action === "DescribeBackupTasks") {
    const state = await store.load(id);
    if (state === undefined) return reply.code(404).send({ RequestId: requestId, Code: "InvalidDBInstanceId.NotFound" });
    return reply.send({ RequestId: requestId, Items: { BackupJob: backupTasks(state, { instanceId: id }) } });
  }
  for (let attempt = 1; ; attempt++) {
    const state = await store.load(id);
    if (state === undefined) return reply.code(404).send({ RequestId: requestId, Code: "InvalidDBInstanceId.NotFound" });
    // The core parses the query string itself (Fastify's parsed query is not a plain object, which the core refuses).
    const decision = createBackup(state, request.url.slice(request.url.indexOf("?") + 1), { now: new Date(), requestId, policy });
    if (decision.ok && decision.state.version !== state.version && !(await store.compareAndSet(id, state.version!, decision.state))) {
      if (attempt < 10) continue;
      return reply.code(409).send({ RequestId: requestId, Code: "ConcurrentModification" });
    }
    const { status, body } = toHttpResponse(decision, requestId);
    return reply.code(status).send(body);
  }
});

app.get("/healthz", async () => ({ Status: "ok" }));
app.post<{ Body: { ids: string[] } }>("/seed", async (request) => {
  await store.seed(request.body.ids);
  return { seeded: request.body.ids.length };
});

await app.listen({ host: "127.0.0.1", port: Number(values.port) });
const stop = () => void app.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
