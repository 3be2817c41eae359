import { measure } from "mitata";
import { advanceBackupJob, createBackup, type DecisionContext, type InstanceState } from "../src/index";
import { cpuTimeNs, median } from "./measure";
import { mulberry32 } from "./prng";

const DAY = 86_400_000;
const MINUTE = 60_000;

/** What the long chain of decisions showed. */
export interface ChainResult {
  readonly decisions: number;
  readonly days: number;
  readonly accepted: number;
  readonly refusedByDailyLimit: number;
  /** Median over blocks of 1% of the chain of the mean CPU time per decision, first and last 10%, ns. */
  readonly firstTenthNs: number;
  readonly lastTenthNs: number;
  /**
   * The same decisions replayed after the chain (each is pure, so it can be), the first and the
   * last 10% taking turns: mean CPU time per decision, median of the turns, ns. On a shared machine
   * this compares them under the same load, which the chain itself cannot.
   */
  readonly replayedFirstTenthNs: number;
  readonly replayedLastTenthNs: number;
  /** The largest job list any state of the chain held. */
  readonly maxJobs: number;
  /** The largest job list the state may hold: jobs kept 48 hours, at most one per decision. */
  readonly jobBound: number;
}

/** The requests the chain sends: mostly accepted ones, and a few refusals from several families. */
const CHAIN_REQUESTS: ReadonlyArray<readonly [weight: number, query: string]> = [
  [40, "Action=CreateBackup&DBInstanceId=rm-chain"],
  [15, "Action=CreateBackup&DBInstanceId=rm-chain&BackupMethod=Physical&BackupType=FullBackup"],
  [15, "Action=CreateBackup&DBInstanceId=rm-chain&BackupMethod=Logical&BackupStrategy=db&DBName=orders,users"],
  [10, "Action=CreateBackup&DBInstanceId=rm-chain&BackupMethod=Logical&BackupRetentionPeriod=30"],
  [5, "Action=CreateBackup&DBInstanceId=rm-chain&BackupMethod=Snapshot"],
  [5, "Action=CreateBackup&DBInstanceId=rm-chain&BackupMehtod=Physical"],
  [5, "Action=CreateBackup&DBInstanceId=rm-chain&DBName=orders"],
  [5, "Action=CreateBackup&DBInstanceId=rm-other"],
];

/**
 * A chain of `decisions` CreateBackup decisions on one MySQL instance over `days` simulated days,
 * each decision fed the state the previous one returned. Every accepted job is then advanced to
 * Finished (or, one time in six, Failed) a few minutes later, as a poller would. The daily limit
 * is 12, so some days end refused by rule 31. Only `createBackup` calls are timed (CPU time).
 */
export function runChain(decisions: number, days: number, seed: number): ChainResult {
  const rng = mulberry32(seed);
  const perDay = decisions / days;
  const spacing = DAY / perDay;
  const totalWeight = CHAIN_REQUESTS.reduce((sum, [weight]) => sum + weight, 0);
  const pickRequest = (): string => {
    let draw = rng.int(1, totalWeight);
    for (const [weight, query] of CHAIN_REQUESTS) if ((draw -= weight) <= 0) return query;
    return CHAIN_REQUESTS[0]?.[1] ?? "";
  };
  let state: InstanceState = {
    instanceId: "rm-chain",
    engine: "MySQL",
    engineVersion: "8.0",
    storageType: "local_ssd",
    status: "Running",
    databases: ["orders", "users", "billing"],
    jobs: [],
  };
  const policy = { dailyBackupLimit: 12, timeZone: "Asia/Shanghai" };
  const blockSize = decisions / 100;
  const blockNs: number[] = [];
  let blockTotal = 0;
  let accepted = 0;
  let refusedByDailyLimit = 0;
  let maxJobs = 0;
  const start = Date.UTC(2026, 0, 1);
  const tenth = decisions / 10;
  const firstTenth: Decision[] = [];
  const lastTenth: Decision[] = [];
  for (let i = 0; i < decisions; i++) {
    const now = start + i * spacing + rng.int(0, Math.floor(spacing / 2));
    const context: DecisionContext = { now: new Date(now).toISOString(), requestId: `req-${i}`, policy };
    const request = pickRequest();
    if (i < tenth) firstTenth.push({ state, request, context });
    else if (i >= decisions - tenth) lastTenth.push({ state, request, context });
    const t0 = cpuTimeNs();
    const decision = createBackup(state, request, context);
    blockTotal += cpuTimeNs() - t0;
    if (decision.ok) {
      accepted++;
      const finished = advanceBackupJob(
        decision.state,
        { jobId: decision.job.jobId, status: rng.chance(1 / 6) ? "Failed" : "Finished" },
        { now: new Date(now + rng.int(1, 10) * MINUTE).toISOString(), policy },
      );
      if (!finished.ok) throw new Error(`the chain could not advance job ${decision.job.jobId}: ${finished.error.message}`);
      state = finished.state;
    } else if (decision.error.rule === "instance.daily-limit-reached") {
      refusedByDailyLimit++;
    }
    maxJobs = Math.max(maxJobs, state.jobs.length);
    if ((i + 1) % blockSize === 0) {
      blockNs.push(blockTotal / blockSize);
      blockTotal = 0;
    }
  }
  const blocksInTenth = blockNs.length / 10;
  const replayed = replayInTurns(firstTenth, lastTenth, 7);
  return {
    decisions,
    days,
    accepted,
    refusedByDailyLimit,
    firstTenthNs: median(blockNs.slice(0, blocksInTenth)),
    lastTenthNs: median(blockNs.slice(-blocksInTenth)),
    replayedFirstTenthNs: replayed[0],
    replayedLastTenthNs: replayed[1],
    maxJobs,
    // A terminal job is kept while created within 48 hours; the day it was created and two more days hold at most 3 × perDay decisions.
    jobBound: Math.ceil(3 * perDay) + 1,
  };
}

/** One decision's arguments. */
interface Decision {
  readonly state: InstanceState;
  readonly request: string;
  readonly context: DecisionContext;
}

/** Mean CPU time per decision of two lists, timed in alternating turns; the median of `turns` each. */
function replayInTurns(first: readonly Decision[], last: readonly Decision[], turns: number): [number, number] {
  const time = (decisions: readonly Decision[]): number => {
    const t0 = cpuTimeNs();
    for (const { state, request, context } of decisions) createBackup(state, request, context);
    return (cpuTimeNs() - t0) / decisions.length;
  };
  const firstTimes: number[] = [];
  const lastTimes: number[] = [];
  for (let turn = 0; turn < turns; turn++) {
    if (turn % 2 === 0) {
      firstTimes.push(time(first));
      lastTimes.push(time(last));
    } else {
      lastTimes.push(time(last));
      firstTimes.push(time(first));
    }
  }
  return [median(firstTimes), median(lastTimes)];
}

/** Time per decision for one DBName size. */
export interface DbNameResult {
  readonly engine: "MySQL" | "SQLServer";
  readonly items: number;
  readonly meanNs: number;
}

/**
 * CPU time per decision of an accepted single-database backup whose DBName lists `items`
 * databases, on an instance with exactly those databases (on SQL Server in another letter case,
 * so each name is folded), for each size. The sizes take turns in each of `rounds` rounds (after a
 * warm-up of all of them), so load and compilation weigh on all alike; the median per size.
 */
export async function timeDbNames(engine: "MySQL" | "SQLServer", sizes: readonly number[], rounds: number): Promise<DbNameResult[]> {
  const cases = sizes.map((items) => dbNameCase(engine, items));
  for (const decide of cases) for (const warmUpUntil = cpuTimeNs() + 100e6; cpuTimeNs() < warmUpUntil;) decide();
  const means: number[][] = sizes.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, decide] of cases.entries()) {
      // `gc: false`: a forced full collection before each size would time its recompilation too (measure.ts).
      const stats = await measure(decide, { gc: false, batch_threshold: -1, min_cpu_time: 150e6, now: cpuTimeNs });
      means[index]?.push(stats.avg);
    }
  }
  return sizes.map((items, index) => ({ engine, items, meanNs: median(means[index] ?? []) }));
}

/** One DBName decision of the given size, checked to be accepted. */
function dbNameCase(engine: "MySQL" | "SQLServer", items: number): () => unknown {
  const databases = Array.from({ length: items }, (_, i) => `db_${String(i).padStart(5, "0")}`);
  const state: InstanceState = {
    instanceId: "rm-many",
    engine,
    engineVersion: engine === "MySQL" ? "8.0" : "2019_std_ha",
    storageType: "local_ssd",
    status: "Running",
    databases,
    jobs: [],
  };
  const dbName = (engine === "SQLServer" ? databases.map((name) => name.toUpperCase()) : databases).join(",");
  const request =
    engine === "MySQL"
      ? { Action: "CreateBackup", DBInstanceId: "rm-many", BackupMethod: "Logical", BackupStrategy: "db", DBName: dbName }
      : {
          Action: "CreateBackup",
          DBInstanceId: "rm-many",
          BackupMethod: "Physical",
          BackupType: "FullBackup",
          BackupStrategy: "db",
          DBName: dbName,
        };
  const context = { now: "2026-03-01T12:00:00Z", requestId: "req-many" };
  const check = createBackup(state, request, context);
  if (!check.ok) throw new Error(`the DBName case with ${items} items was refused: ${check.error.message}`);
  return () => createBackup(state, request, context);
}

/**
 * The exponent k of the cost's growth in the number of DBName items, cost ≈ fixed + c·n^k, from
 * the three sizes: the extra time of 10,000 items over 1, against that of 100 items over 1, on a
 * log scale. 1 is linear, 2 quadratic (n log n gives about 1.15 here).
 */
export function growthExponent(results: readonly DbNameResult[]): number {
  const [one, hundred, tenThousand] = [1, 100, 10_000].map((items) => results.find((result) => result.items === items));
  if (one === undefined || hundred === undefined || tenThousand === undefined)
    throw new Error("the 1, 100 and 10,000 item sizes are needed");
  const small = hundred.meanNs - one.meanNs;
  const large = tenThousand.meanNs - one.meanNs;
  if (small <= 0 || large <= 0) return NaN;
  return Math.log(large / small) / Math.log((tenThousand.items - one.items) / (hundred.items - one.items));
}
