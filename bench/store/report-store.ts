/**
 * The store part of docs/performance.md: settings, the section rendered from the measured cells,
 * and the marked region it lives in (`npm run bench` keeps the region when it rewrites the rest).
 */
import type { RawCell, StoreCell } from "./measure-store";
import type { ServerProfile } from "./server-profile";

export const STORE_SETTINGS = {
  replicas: [1, 4, 16],
  instances: [1, 1000],
  /** Measured seconds per cell, after a warm-up of its own (BENCH_STORE_SECONDS overrides it, for a quick look). */
  seconds: Number(process.env.BENCH_STORE_SECONDS ?? 8),
  warmupSeconds: 2,
  /** The target: on 1,000 instances with 16 replicas, at least this share of the raw statement rate. */
  target: { instances: 1000, replicas: 16, share: 0.5 },
} as const;

export interface StoreReport {
  readonly cells: readonly {
    readonly store: StoreCell;
    readonly raw: RawCell;
    readonly storeServer?: ServerProfile;
    readonly rawServer?: ServerProfile;
  }[];
  readonly server: string;
  readonly machine: string;
  readonly date: string;
}

const fixed = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–";
const percent = (value: number) => `${(value * 100).toFixed(0)} %`;

export function renderStoreSection(report: StoreReport): string {
  const { target } = STORE_SETTINGS;
  const targetCell = report.cells.find(({ store }) => store.instances === target.instances && store.replicas === target.replicas);
  const share = targetCell === undefined ? Number.NaN : targetCell.store.acceptedPerSecond / targetCell.raw.writesPerSecond;
  const hot = report.cells.filter(({ store }) => store.instances === 1);
  const maxAttempts = Math.max(...hot.flatMap(({ store }) => Object.keys(store.attempts).map(Number)));
  return [
    "## The store layer through PostgreSQL",
    "",
    `Measured ${report.date} by \`npm run bench:store\` on ${report.server}; ${report.machine}. Each replica is one caller with its own pool of one ` +
      "connection, all in the bench's Node.js process; each unit is a `createBackupIn` accepted and written, then `advanceBackupJobIn` moving its job to Finished " +
      `(two loads, two compare-and-sets), with a clock two hours further on each call so that states keep their usual size. Each cell runs ${STORE_SETTINGS.seconds} s after a ` +
      `${STORE_SETTINGS.warmupSeconds} s warm-up. The raw rate is the store's own compare-and-set \`UPDATE … WHERE instance_id = $1 AND version = $2\`, ` +
      "with the same state JSON, issued directly by as many clients for as long (on 1,000 instances each client updates rows of its own, so every statement writes; " +
      "on the hot instance they all update the one row with the version last seen written).",
    "",
    "| instances | replicas | accepted + finished /s | p50 | p99 | store statements /s | raw UPDATE /s (writing) | raw p50 | raw p99 | accepted / raw writes | store / raw statements | machine busy |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...report.cells.map(
      ({ store, raw }) =>
        `| ${[
          fixed(store.instances),
          store.replicas,
          fixed(store.acceptedPerSecond),
          `${fixed(store.p50Ms, 1)} ms`,
          `${fixed(store.p99Ms, 1)} ms`,
          fixed(store.statementsPerSecond),
          `${fixed(raw.statementsPerSecond)} (${fixed(raw.writesPerSecond)})`,
          `${fixed(raw.p50Ms, 1)} ms`,
          `${fixed(raw.p99Ms, 1)} ms`,
          fixed(store.acceptedPerSecond / raw.writesPerSecond, 2),
          fixed(store.statementsPerSecond / raw.statementsPerSecond, 2),
          `${percent(store.machineBusy)} / ${percent(raw.machineBusy)}`,
        ].join(" | ")} |`,
    ),
    "",
    "Latencies are of one unit (both calls) for the store, of one statement for the raw rate. Store statements are the SELECTs of `load` and the UPDATEs of " +
      "`compareAndSet` the replicas issued. Machine busy is the share of both cores busy during the store run / the raw run (PostgreSQL, the bench, and whatever " +
      "else ran on the shared machine).",
    "",
    "### Attempts per call on the hot instance",
    "",
    "`createBackupIn` calls by the number of load-decide-write rounds they took. On one instance only one backup can be ongoing, so most calls are refused by " +
      "`instance.backup-in-progress` after one round; a call takes more rounds when another replica's write landed between its load and its compare-and-set.",
    "",
    `| replicas | calls | accepted | ${Array.from({ length: maxAttempts }, (_, index) => `${index + 1}`).join(" | ")} |`,
    `|---:|---:|---:|${Array.from({ length: maxAttempts }, () => "---:").join("|")}|`,
    ...hot.map(({ store }) => {
      const calls = Object.values(store.attempts).reduce((sum, count) => sum + count, 0);
      const cells = Array.from({ length: maxAttempts }, (_, index) => {
        const count = store.attempts[index + 1] ?? 0;
        return count === 0 ? "" : `${fixed(count)} (${((count / calls) * 100).toFixed(count / calls < 0.01 ? 2 : 0)} %)`;
      });
      return `| ${store.replicas} | ${fixed(calls)} | ${fixed(store.outcomes.accepted ?? 0)} | ${cells.join(" | ")} |`;
    }),
    "",
    ...hot.map(
      ({ store }) =>
        `- ${store.replicas} replica(s): outcomes ${Object.entries(store.outcomes)
          .map(([outcome, count]) => `${outcome} ${fixed(count)}`)
          .join(", ")}.`,
    ),
    "",
    "### Where the callers' time goes",
    "",
    "Shares of the callers' wall time (replicas × run time) spent waiting for the SELECT of `load`, for the UPDATE (or INSERT) of `compareAndSet`, and everything else: " +
      "deciding with the pure core, JSON, the loop, and waiting for a CPU that PostgreSQL and Node.js share.",
    "",
    "| instances | replicas | load | compareAndSet | other |",
    "|---:|---:|---:|---:|---:|",
    ...report.cells.map(
      ({ store }) =>
        `| ${fixed(store.instances)} | ${store.replicas} | ${percent(store.split.load)} | ${percent(store.split.compareAndSet)} | ${percent(store.split.other)} |`,
    ),
    "",
    ...renderServerProfiles(report),
    "### Target",
    "",
    `On ${fixed(target.instances)} instances with ${target.replicas} replicas, accepted CreateBackups (with their advance) per second at least ${target.share} × the raw ` +
      `rate of writing UPDATEs: **${Number.isFinite(share) ? `${share.toFixed(2)} ×, ${share >= target.share ? "met" : "missed"}` : "not measured"}**.`,
    "",
    ...(targetCell === undefined || share >= target.share
      ? []
      : explainMiss(targetCell.store, targetCell.raw, targetCell.storeServer, targetCell.rawServer)),
  ].join("\n");
}

/** Why the target cell is under the target, from its own numbers. */
function explainMiss(store: StoreCell, raw: RawCell, storeServer?: ServerProfile, rawServer?: ServerProfile): string[] {
  const perUnit = store.statementsPerSecond / store.acceptedPerSecond;
  const server =
    storeServer === undefined || rawServer === undefined
      ? []
      : [
          `On the server, an UPDATE of the store executed in ${storeServer.updateMeanMs.toFixed(3)} ms and a SELECT in ${storeServer.selectMeanMs.toFixed(3)} ms ` +
            `(the raw UPDATE: ${rawServer.updateMeanMs.toFixed(3)} ms), against ${fixed(store.p50Ms, 1)} ms for a whole unit at the median: a call waits mostly for its commit, ` +
            `not for its statement. The store's ${fixed(storeServer.commits)} transactions (half of them reads) went with ${fixed(storeServer.walFsyncs)} WAL flushes ` +
            `(${storeServer.walFsyncMeanMs.toFixed(2)} ms each); the raw run's ${fixed(rawServer.commits)} with ${fixed(rawServer.walFsyncs)}. With a share of each ` +
            "replica's time spent on its reads, fewer writes wait for each flush, so the store's writes share fewer flushes between them than the raw clients' do.",
          "",
        ];
  return [
    "Why, from the profile above. One accepted unit is not one statement: the loop loads, decides and compare-and-sets for the CreateBackup, and again for the " +
      `advance to Finished — ${perUnit.toFixed(1)} statements per unit here, two of them committed writes. So even with free reads and a free loop the ceiling is ` +
      `0.5 × the raw rate of writing UPDATEs; with the server's CPU and WAL as the limit (the machine was ${percent(store.machineBusy)} busy during the store run), ` +
      `reads cost their share too. Per statement the store keeps up: it issued ${fixed(store.statementsPerSecond)} statements/s, ` +
      `${(store.statementsPerSecond / raw.statementsPerSecond).toFixed(2)} × the raw statement rate, and the callers spent ${percent(store.split.load)} of their time waiting for ` +
      `SELECTs, ${percent(store.split.compareAndSet)} for UPDATEs and only ${percent(store.split.other)} on everything else (deciding with the pure core, JSON, the loop). ` +
      `Node.js used ${percent(store.clientCpu / 2)} of the machine's CPU. What would raise it is fewer statements per unit, not a faster loop ([decision 0097](decisions/0097-store-bench-unit-and-target.md)).`,
    "",
    ...server,
  ];
}

/** The server's side of each cell, when it could be profiled. */
function renderServerProfiles(report: StoreReport): string[] {
  const profiled = report.cells.filter((cell) => cell.storeServer !== undefined && cell.rawServer !== undefined);
  if (profiled.length === 0) return [];
  return [
    "### The server's side",
    "",
    "From the server's statistics over each run (pg_stat_statements, pg_stat_database, pg_stat_io): mean execution time of the store's statements and of the raw " +
      "UPDATE, transactions committed (each statement is one; the store's reads count too, though a read-only one needs no flush), and WAL flushes with the " +
      "transactions per flush in brackets (group commit).",
    "",
    "| instances | replicas | store SELECT | store UPDATE | raw UPDATE | store commits / WAL flushes | raw commits / WAL flushes | WAL flush |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...profiled.map(
      ({ store, storeServer, rawServer }) =>
        `| ${fixed(store.instances)} | ${store.replicas} | ${storeServer!.selectMeanMs.toFixed(3)} ms | ${storeServer!.updateMeanMs.toFixed(3)} ms | ${rawServer!.updateMeanMs.toFixed(3)} ms | ` +
        `${fixed(storeServer!.commits)} / ${fixed(storeServer!.walFsyncs)} (${storeServer!.commitsPerFsync.toFixed(1)}) | ${fixed(rawServer!.commits)} / ${fixed(rawServer!.walFsyncs)} (${rawServer!.commitsPerFsync.toFixed(1)}) | ` +
        `${storeServer!.walFsyncMeanMs.toFixed(2)} ms |`,
    ),
    "",
  ];
}
