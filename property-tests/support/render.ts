/**
 * Writes a `Combination` (and, for the precedence property, input-level flaws) as the concrete
 * arguments of `createBackup`. `variant` picks the request form, the policy zone and other
 * incidental choices, so one combination can be written several ways.
 */
import type { Combination } from "../oracle/combination";

/** Problems with the arguments themselves (rules 1, 2, 3, 4, 5–8), for the precedence property. */
export interface Flaws {
  readonly context?: "now" | "time-zone" | "limit" | "job-id-taken";
  readonly state?: "version" | "created-at" | "duplicate-job";
  readonly notARequest?: boolean;
  readonly malformedParameter?: boolean;
  readonly action?: "missing" | "unsupported";
  readonly instanceId?: "missing" | "other";
  readonly unknownParameter?: boolean;
}

export interface Scenario {
  readonly combination: Combination;
  readonly flaws: Flaws;
  readonly variant: number;
}

export interface Arguments {
  readonly state: unknown;
  readonly request: unknown;
  readonly context: unknown;
}

const INSTANCE_ID = "rm-uf6wjk5xxxxxxx";
/** Each engine class with the versions it is written with (picked by variant). */
const ENGINES = {
  "MySQL documented": ["MySQL", ["5.6", "5.7", "8.0"]],
  "MySQL other": ["MySQL", ["5.5", "8.4", "5.1", "9.1"]],
  SQLServer: ["SQLServer", ["2019_std_ha", "2022_std_ha"]],
  PostgreSQL: ["PostgreSQL", ["16.0", "18.0"]],
  MariaDB: ["MariaDB", ["10.3", "10.6"]],
} as const;
const METHODS = ["Logical", "Physical", "Snapshot"];
const KEY = "retry 7/backup";
const KEYED_JOB_ID = "106";
/** The parameters a reused key may differ in, one picked by variant. */
const COMPARED = ["BackupMethod", "BackupStrategy", "DBName", "BackupType", "BackupRetentionPeriod"] as const;
const CLOUD_TYPES = ["cloud_ssd", "cloud_essd", "cloud_essd2", "cloud_essd3", "general_essd"];
const NOT_RUNNING = ["Stopped", "Creating", "Rebooting", "Restoring", "Released"];
/** Zones in which 12:00Z is at least 04:00 local on 2026-03-08, so "two hours ago" is still today. */
const ZONES = ["UTC", "America/New_York", "Europe/London", "Asia/Kathmandu", "Australia/Lord_Howe"];
const NOW = Date.parse("2026-03-08T12:00:00Z");
const HOUR = 3_600_000;
const DATABASES = ["orders", "Billing"];

const DB_NAMES = {
  existing: ["orders", "orders,Billing", "Billing"],
  "existing-other-case": ["ORDERS", "Orders,billing", "BILLING"],
  "not-existing": ["inventory", "orders,inventory", "Ledger"],
  malformed: ["orders,,Billing", "1orders", "orders,orders", "my db", ""],
} as const;

const pick = <T>(values: readonly T[], variant: number): T => values[variant % values.length] as T;
const iso = (ms: number) => new Date(ms).toISOString();

function job(jobId: string, status: string, createdAt: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { jobId, status, mode: "Manual", method: "Physical", backupType: "Auto", createdAt: iso(createdAt), ...extra };
}

/** What the request asks for, resolved as a job records it (invalid values stand in as the defaults). */
function requested(c: Combination, variant: number): Record<string, unknown> {
  const dbNames = c.dbName === "absent" || c.dbName === "malformed" ? undefined : pick(DB_NAMES[c.dbName], variant).split(",");
  return {
    method: c.method === "absent" || c.method === "invalid" ? "Physical" : c.method,
    backupType: c.type === "absent" || c.type === "invalid" ? "Auto" : c.type,
    ...(c.strategy === "db" || c.strategy === "instance" ? { strategy: c.strategy } : {}),
    ...(dbNames === undefined ? {} : { dbNames }),
    ...(c.retention === "valid" ? { retentionPeriod: Number(pick(["30", "-1", "730"], variant)) } : {}),
  };
}

/** The request's backup with one parameter (picked by variant) changed. */
function differing(backup: Record<string, unknown>, variant: number): Record<string, unknown> {
  const changed = { ...backup };
  switch (pick(COMPARED, Math.floor(variant / 3))) {
    case "BackupMethod":
      changed.method = pick(
        METHODS.filter((method) => method !== backup.method),
        variant,
      );
      break;
    case "BackupType":
      changed.backupType = backup.backupType === "Auto" ? "FullBackup" : "Auto";
      break;
    case "BackupStrategy":
      if (backup.strategy === "instance") delete changed.strategy;
      else changed.strategy = "instance";
      break;
    case "DBName":
      if (backup.dbNames === undefined) changed.dbNames = ["orders"];
      else delete changed.dbNames;
      break;
    case "BackupRetentionPeriod":
      if (backup.retentionPeriod === undefined) changed.retentionPeriod = 30;
      else delete changed.retentionPeriod;
      break;
  }
  return changed;
}

function renderState(c: Combination, flaws: Flaws, variant: number): Record<string, unknown> {
  const [engine, versions] = ENGINES[c.engine];
  const engineVersion = pick(versions, variant);
  const jobs = [job("101", "Finished", NOW - 30 * HOUR), job("102", "Failed", NOW - 2 * HOUR), job("103", "Finished", NOW - 1 * HOUR)];
  if (c.quotaReached) jobs.push(job("104", "Finished", NOW - 2 * HOUR, { mode: "Automated" }));
  if (c.ongoingJob) jobs.push(job("105", pick(["Uploading", "NoStart", "Checking", "Preparing", "Waiting"], variant), NOW - 26 * HOUR));
  if (c.key !== "absent") {
    // Created yesterday and over, so it counts for no limit and holds no backup in progress.
    const backup = c.key === "same" ? requested(c, variant) : differing(requested(c, variant), variant);
    jobs.splice(
      variant % (jobs.length + 1),
      0,
      job(KEYED_JOB_ID, pick(["Finished", "Failed"], variant), NOW - 31 * HOUR, { ...backup, idempotencyKey: KEY }),
    );
  }
  if (flaws.state === "created-at") (jobs[0] as Record<string, unknown>).createdAt = "2026-03-07T06:00:00";
  if (flaws.state === "duplicate-job") jobs.push(job("101", "Failed", NOW - 3 * HOUR));
  return {
    instanceId: INSTANCE_ID,
    engine,
    engineVersion,
    storageType: c.storage === "cloud" ? pick(CLOUD_TYPES, variant) : c.storage,
    status: c.running ? "Running" : pick(NOT_RUNNING, variant),
    databases: c.hasDatabases ? DATABASES : [],
    jobs,
    ...(flaws.state === "version" ? { version: -1 } : variant % 2 === 0 ? {} : { version: 7 }),
  };
}

function renderPairs(c: Combination, flaws: Flaws, variant: number): [string, unknown][] {
  const pairs: [string, unknown][] = [];
  if (flaws.action !== "missing") pairs.push(["Action", flaws.action === "unsupported" ? "DescribeBackups" : "CreateBackup"]);
  if (flaws.instanceId !== "missing") pairs.push(["DBInstanceId", flaws.instanceId === "other" ? "rm-another" : INSTANCE_ID]);
  if (c.method !== "absent") pairs.push(["BackupMethod", c.method === "invalid" ? pick(["logical", "Snapshoot", ""], variant) : c.method]);
  if (c.strategy !== "absent")
    pairs.push(["BackupStrategy", c.strategy === "invalid" ? pick(["DB", "database", ""], variant) : c.strategy]);
  if (c.dbName !== "absent") pairs.push(["DBName", pick(DB_NAMES[c.dbName], variant)]);
  if (c.type !== "absent") pairs.push(["BackupType", c.type === "invalid" ? pick(["Full", "auto", ""], variant) : c.type]);
  if (c.retention !== "absent")
    pairs.push([
      "BackupRetentionPeriod",
      c.retention === "invalid" ? pick(["5", "731", "0", "7.5"], variant) : pick(["30", "-1", "730"], variant),
    ]);
  if (flaws.unknownParameter) pairs.push(["Colour", "red"]);
  if (variant % 4 === 1) pairs.push(["RegionId", "cn-hangzhou"]);
  return pairs;
}

function renderRequest(c: Combination, flaws: Flaws, variant: number): unknown {
  if (flaws.notARequest) return pick<unknown>([42, null, ["Action=CreateBackup"], new Map()], variant);
  const pairs = renderPairs(c, flaws, variant);
  const form = variant % 3;
  if (form === 0) {
    const record: Record<string, unknown> = Object.fromEntries(pairs);
    if (flaws.malformedParameter) record.OwnerId = { id: 1 };
    return record;
  }
  const params = new URLSearchParams(pairs.map(([name, value]): [string, string] => [name, String(value)]));
  if (flaws.malformedParameter) {
    params.append("OwnerId", "1");
    params.append("OwnerId", "2");
  }
  return form === 1 ? params : `?${params.toString()}`;
}

function renderContext(c: Combination, flaws: Flaws, variant: number): Record<string, unknown> {
  const timeZone = flaws.context === "time-zone" ? "Mars/Olympus_Mons" : pick(ZONES, variant);
  const dailyBackupLimit = flaws.context === "limit" ? 0 : 2;
  const now = flaws.context === "now" ? "2026-03-08T12:00:00" : variant % 2 === 0 ? new Date(NOW) : iso(NOW);
  // Without a kept job's key, every other context carries a key no job has (a new backup); a
  // retry sometimes repeats the job id it was given the first time.
  const key = c.key !== "absent" ? KEY : variant % 2 === 0 ? undefined : `fresh-${variant}`;
  const jobId = flaws.context === "job-id-taken" ? "101" : c.key === "same" && variant % 5 === 0 ? KEYED_JOB_ID : undefined;
  return {
    now,
    requestId: `req-${variant}`,
    ...(jobId === undefined ? {} : { jobId }),
    ...(key === undefined ? {} : { idempotencyKey: key }),
    policy: { timeZone, dailyBackupLimit },
  };
}

/**
 * The arguments of a scenario. The state always holds a Finished job of today and a Failed one
 * (which never counts), and one of yesterday; with the daily limit at 2, "quota reached" adds a
 * second non-failed job of today. The ongoing job, when there is one, was created yesterday, so it
 * does not count for today. With a key class other than "absent", a terminal job of yesterday
 * carries the context's key, with the request's backup or one differing in one parameter.
 */
export function render({ combination, flaws, variant }: Scenario): Arguments {
  return {
    state: renderState(combination, flaws, variant),
    request: renderRequest(combination, flaws, variant),
    context: renderContext(combination, flaws, variant),
  };
}
