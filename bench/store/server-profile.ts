/**
 * A profile of the PostgreSQL server over one run, from its own statistics: how often each of the
 * store's statements ran and how long it executed (pg_stat_statements), how many transactions
 * committed, and how many WAL flushes (fsyncs) they needed and how long those took (pg_stat_io).
 * Counters are cumulative, so a profile is the difference of two snapshots.
 */
import type pg from "pg";

export interface ServerSnapshot {
  readonly statements: Readonly<Record<"SELECT" | "UPDATE" | "INSERT", { readonly calls: number; readonly execMs: number }>>;
  readonly commits: number;
  readonly walFsyncs: number;
  readonly walFsyncMs: number;
}

export interface ServerProfile {
  readonly selectCalls: number;
  readonly selectMeanMs: number;
  readonly updateCalls: number;
  readonly updateMeanMs: number;
  readonly commits: number;
  readonly walFsyncs: number;
  /** Commits per WAL flush: how much group commit shares one fsync. */
  readonly commitsPerFsync: number;
  readonly walFsyncMeanMs: number;
}

/** Whether the server can profile (the embedded server is started with pg_stat_statements; DATABASE_URL may not be). */
export async function enableProfiling(admin: pg.Pool): Promise<boolean> {
  try {
    await admin.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await admin.query("SELECT count(*) FROM pg_stat_statements");
    return true;
  } catch {
    return false;
  }
}

export async function snapshot(admin: pg.Pool, table: string): Promise<ServerSnapshot> {
  const statements = await admin.query<{ kind: "SELECT" | "UPDATE" | "INSERT"; calls: string; exec_ms: number }>(
    `SELECT upper(split_part(ltrim(query), ' ', 1)) AS kind, sum(calls)::text AS calls, sum(total_exec_time) AS exec_ms
       FROM pg_stat_statements WHERE query LIKE $1 GROUP BY 1`,
    [`%"${table}"%`],
  );
  const commits = await admin.query<{ commits: string }>(
    `SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = current_database()`,
  );
  const wal = await admin.query<{ fsyncs: string; fsync_ms: number }>(
    `SELECT coalesce(sum(fsyncs), 0)::text AS fsyncs, coalesce(sum(fsync_time), 0) AS fsync_ms FROM pg_stat_io WHERE object = 'wal'`,
  );
  const of = (kind: "SELECT" | "UPDATE" | "INSERT") => {
    const row = statements.rows.find((each) => each.kind === kind);
    return { calls: Number(row?.calls ?? 0), execMs: Number(row?.exec_ms ?? 0) };
  };
  return {
    statements: { SELECT: of("SELECT"), UPDATE: of("UPDATE"), INSERT: of("INSERT") },
    commits: Number(commits.rows[0]?.commits ?? 0),
    walFsyncs: Number(wal.rows[0]?.fsyncs ?? 0),
    walFsyncMs: Number(wal.rows[0]?.fsync_ms ?? 0),
  };
}

export function profileBetween(before: ServerSnapshot, after: ServerSnapshot): ServerProfile {
  const delta = (kind: "SELECT" | "UPDATE") => ({
    calls: after.statements[kind].calls - before.statements[kind].calls,
    execMs: after.statements[kind].execMs - before.statements[kind].execMs,
  });
  const select = delta("SELECT");
  const update = delta("UPDATE");
  const walFsyncs = after.walFsyncs - before.walFsyncs;
  const commits = after.commits - before.commits;
  return {
    selectCalls: select.calls,
    selectMeanMs: select.execMs / Math.max(1, select.calls),
    updateCalls: update.calls,
    updateMeanMs: update.execMs / Math.max(1, update.calls),
    commits,
    walFsyncs,
    commitsPerFsync: commits / Math.max(1, walFsyncs),
    walFsyncMeanMs: (after.walFsyncMs - before.walFsyncMs) / Math.max(1, walFsyncs),
  };
}
