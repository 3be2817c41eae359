/**
 * One cell of the store benchmark: `replicas` callers, each with its own one-connection pool,
 * each running accepted CreateBackups (each followed by advancing its job to Finished) through
 * the PostgreSQL store for a fixed time, on one hot instance or on many cold ones; and, beside it,
 * the raw rate of the store's compare-and-set UPDATE issued directly by as many clients.
 */
import os from "node:os";
import pg from "pg";
import { advanceBackupJobIn, createBackupIn, registerInstance, type StateStore } from "../../src/store/index";
import { migrate, postgresStore } from "../../src/store/postgres/index";
import { mulberry32 } from "../prng";

export interface CellSpec {
  readonly replicas: number;
  readonly instances: number;
  readonly seconds: number;
}

export interface StoreCell extends CellSpec {
  /** Accepted CreateBackups, each followed by its job moved to Finished, per second. */
  readonly acceptedPerSecond: number;
  /** createBackupIn calls per second (accepted or refused). */
  readonly callsPerSecond: number;
  /** Latency of one accepted CreateBackup plus its advance to Finished, ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** createBackupIn calls by attempts taken: attempts → count. */
  readonly attempts: Readonly<Record<number, number>>;
  /** Outcomes of createBackupIn by rule ("accepted" for ok). */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Where the callers' wall time went, as shares: SELECT, UPDATE/INSERT, the rest (deciding, JSON, the loop, waiting for the CPU). */
  readonly split: { readonly load: number; readonly compareAndSet: number; readonly other: number };
  /** Node's CPU time over the wall time of the run (2 = both cores busy). */
  readonly clientCpu: number;
  /** Statements the store issued per second (loads and compare-and-sets). */
  readonly statementsPerSecond: number;
  /** The machine's busy share of all its cores during the run (PostgreSQL, Node.js and anything else running). */
  readonly machineBusy: number;
}

export interface RawCell extends CellSpec {
  /** UPDATE statements executed per second. */
  readonly statementsPerSecond: number;
  /** Of which wrote a row. */
  readonly writesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly clientCpu: number;
  readonly machineBusy: number;
}

/** The machine's CPU counters, to compute its busy share over a run. */
export function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

const busyShare = (before: { busy: number; total: number }) => {
  const after = machineTimes();
  return (after.busy - before.busy) / Math.max(1, after.total - before.total);
};

const BASE = Date.parse("2026-03-02T00:00:00Z");
const POLICY = { dailyBackupLimit: 100_000 };

export const instanceIds = (count: number) => Array.from({ length: count }, (_, index) => `rm-bench-${String(index).padStart(4, "0")}`);

export function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on("error", () => undefined);
  return pool;
}

/** A fresh table with `instances` registered instances. */
export async function prepareTable(admin: pg.Pool, table: string, instances: number): Promise<void> {
  await admin.query(`DROP TABLE IF EXISTS "${table}"`);
  await migrate(admin, { table });
  const store = postgresStore(admin, { table });
  const ids = instanceIds(instances);
  for (let index = 0; index < ids.length; index += 50) {
    await Promise.all(
      ids.slice(index, index + 50).map((instanceId) =>
        registerInstance(store, {
          instanceId,
          engine: "MySQL",
          engineVersion: "8.0",
          storageType: "local_ssd",
          status: "Running",
          databases: ["orders"],
        }),
      ),
    );
  }
}

/** Times spent in the store's calls, summed over all callers. */
function timed(store: StateStore, totals: { load: number; compareAndSet: number; statements: number }): StateStore {
  return {
    load: async (id) => {
      totals.statements++;
      const start = performance.now();
      try {
        return await store.load(id);
      } finally {
        totals.load += performance.now() - start;
      }
    },
    compareAndSet: async (id, expected, next) => {
      totals.statements++;
      const start = performance.now();
      try {
        return await store.compareAndSet(id, expected, next);
      } finally {
        totals.compareAndSet += performance.now() - start;
      }
    },
  };
}

export async function measureStore(url: string, table: string, spec: CellSpec): Promise<StoreCell> {
  const ids = instanceIds(spec.instances);
  const pools = Array.from({ length: spec.replicas }, () => newPool(url, 1));
  const totals = { load: 0, compareAndSet: 0, statements: 0 };
  const latencies: number[] = [];
  const attempts: Record<number, number> = {};
  const outcomes: Record<string, number> = {};
  let clock = 0;
  let calls = 0;
  let accepted = 0;
  const machineBefore = machineTimes();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const until = start + spec.seconds * 1000;
  await Promise.all(
    pools.map(async (pool, replica) => {
      const store = timed(postgresStore(pool, { table }), totals);
      const random = mulberry32(9000 + replica);
      while (performance.now() < until) {
        const instanceId = ids.length === 1 ? ids[0]! : random.pick(ids);
        // A shared clock two hours apart per call: the state keeps 48 hours of jobs, so it stays small.
        const now = new Date(BASE + clock++ * 2 * 3600_000).toISOString();
        const began = performance.now();
        const created = await createBackupIn(store, `Action=CreateBackup&DBInstanceId=${instanceId}`, {
          now,
          requestId: `r${replica}-${calls}`,
          policy: POLICY,
        });
        calls++;
        attempts[created.attempts] = (attempts[created.attempts] ?? 0) + 1;
        const outcome = created.ok ? "accepted" : created.error.rule;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (!created.ok) continue;
        const finished = await advanceBackupJobIn(
          store,
          instanceId,
          { jobId: created.job.jobId, status: "Finished" },
          { now, policy: POLICY },
        );
        if (!finished.ok) throw new Error(`advancing ${created.job.jobId} of ${instanceId} failed: ${finished.error.message}`);
        latencies.push(performance.now() - began);
        accepted++;
      }
    }),
  );
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(pools.map((pool) => pool.end()));
  const callerTime = wall * spec.replicas;
  return {
    ...spec,
    acceptedPerSecond: accepted / (wall / 1000),
    callsPerSecond: calls / (wall / 1000),
    ...percentiles(latencies),
    attempts,
    outcomes,
    split: {
      load: totals.load / callerTime,
      compareAndSet: totals.compareAndSet / callerTime,
      other: 1 - (totals.load + totals.compareAndSet) / callerTime,
    },
    clientCpu: (cpu.user + cpu.system) / 1000 / wall,
    statementsPerSecond: totals.statements / (wall / 1000),
    machineBusy: busyShare(machineBefore),
  };
}

/**
 * The store's own limit: the same UPDATE statement, with a state of the same size, issued
 * directly by `replicas` clients for the same time. On many instances each client updates rows
 * of its own, so every statement writes; on one hot instance all clients update the one row with
 * the version last seen written, so some statements find a newer version and write nothing.
 * Run it after `measureStore` on the same table: each statement then carries its row's state as the
 * store left it.
 */
export async function measureRaw(url: string, table: string, spec: CellSpec): Promise<RawCell> {
  const ids = instanceIds(spec.instances);
  const pools = Array.from({ length: spec.replicas }, () => newPool(url, 1));
  const { rows } = await pools[0]!.query(`SELECT instance_id, state, version::int AS version FROM "${table}"`);
  const versions = new Map<string, number>(
    (rows as { instance_id: string; version: number }[]).map((row) => [row.instance_id, row.version]),
  );
  // Each row's own state as the store left it (jobs included), so the statements carry the same JSON.
  const states = new Map<string, object>((rows as { instance_id: string; state: object }[]).map((row) => [row.instance_id, row.state]));
  const update = `UPDATE "${table}" SET state = $3::jsonb, version = $4, updated_at = now() WHERE instance_id = $1 AND version = $2`;
  const latencies: number[] = [];
  let statements = 0;
  let writes = 0;
  const machineBefore = machineTimes();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const until = start + spec.seconds * 1000;
  await Promise.all(
    pools.map(async (pool, client) => {
      const random = mulberry32(7000 + client);
      const own = ids.length === 1 ? ids : ids.filter((_, index) => index % spec.replicas === client);
      while (performance.now() < until) {
        const instanceId = own.length === 1 ? own[0]! : random.pick(own);
        const version = versions.get(instanceId)!;
        const text = JSON.stringify({ ...states.get(instanceId), version: version + 1 });
        const began = performance.now();
        const { rowCount } = await pool.query(update, [instanceId, version, text, version + 1]);
        latencies.push(performance.now() - began);
        statements++;
        if (rowCount === 1) {
          writes++;
          versions.set(instanceId, Math.max(versions.get(instanceId)!, version + 1));
        }
      }
    }),
  );
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  await Promise.all(pools.map((pool) => pool.end()));
  return {
    ...spec,
    statementsPerSecond: statements / (wall / 1000),
    writesPerSecond: writes / (wall / 1000),
    ...percentiles(latencies),
    clientCpu: (cpu.user + cpu.system) / 1000 / wall,
    machineBusy: busyShare(machineBefore),
  };
}

function percentiles(values: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}
