import type { BackupJob, Engine, InstanceState, JobStatus, StorageType } from "../../src/index";
import { LOCAL_STORAGE_TYPES, SINGLE_DATABASE_MYSQL_VERSIONS } from "../../src/domain/vocabulary";
import type { Random } from "../prng";

const SINGLE_DATABASE_VERSIONS: ReadonlySet<string> = new Set(SINGLE_DATABASE_MYSQL_VERSIONS);
const LOCAL_STORAGE: ReadonlySet<string> = new Set(LOCAL_STORAGE_TYPES);

/** A request as an ordered list of parameters, before it is rendered as a query string, object or URLSearchParams. */
export type Params = Array<[name: string, value: string]>;

/** A mutable instance state, so a refusal can be built by changing one thing. */
export type StateDraft = { -readonly [K in keyof InstanceState]: InstanceState[K] } & {
  databases: string[];
  jobs: JobDraft[];
};
/** A mutable backup job. */
export type JobDraft = { -readonly [K in keyof BackupJob]: BackupJob[K] };

/** A mutable decision context. */
export interface ContextDraft {
  now: Date | string;
  requestId?: string;
  jobId?: string;
  idempotencyKey?: string;
  policy?: { dailyBackupLimit?: number; timeZone?: string };
}

/** One decision to build: the state, the request's parameters and the context. */
export interface Scenario {
  readonly engine: Engine;
  state: StateDraft;
  params: Params;
  context: ContextDraft;
  /** The decision's clock, epoch milliseconds (what `context.now` says). */
  readonly now: number;
  /** The policy time zone the context names (UTC when it names none). */
  readonly timeZone: string;
}

/** What kind of accepted request to build; `kindsFor` says which ones an instance accepts. */
export type RequestKind = "physical" | "logical" | "logical-db" | "snapshot" | "full" | "full-db";

/** Constraints on the instance a scenario runs on. */
export interface InstanceOptions {
  readonly storage?: "local" | "cloud";
  readonly engineVersion?: string;
  /** How many databases the instance has. */
  readonly databaseCount?: number;
  /** The kind of request; a random kind the instance accepts when absent. */
  readonly kind?: RequestKind;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const FIRST_DAY = Date.UTC(2026, 2, 1);

const VERSIONS: Readonly<Record<Engine, readonly string[]>> = {
  MySQL: ["5.5", "5.6", "5.7", "8.0", "8.0"],
  SQLServer: ["2016_web", "2017_ent_ha", "2019_std_ha", "2022_std_ha"],
  PostgreSQL: ["13.0", "14.0", "15.0", "16.0"],
  MariaDB: ["10.3"],
};
const LOCAL_SHARE: Readonly<Record<Engine, number>> = { MySQL: 0.5, SQLServer: 0.4, PostgreSQL: 0.4, MariaDB: 0 };
const CLOUD_STORAGE: readonly StorageType[] = ["cloud_ssd", "cloud_essd", "cloud_essd2", "cloud_essd3", "general_essd"];
const DATABASE_NAMES = ["orders", "users", "billing", "inventory", "audit_log", "sales-2026", "Reports", "metrics", "crm", "ledger"];
const DAY_LATER_STATUSES: readonly JobStatus[] = ["Finished", "Finished", "Finished", "Failed"];

/**
 * Policy time zones with the UTC hour of their local noon (standard time). A decision's clock is
 * put within three hours of local noon, so jobs created in the hour before it fall on the same
 * policy day.
 */
const ZONES: ReadonlyArray<{ readonly name: string | undefined; readonly noonUtcHour: number; readonly weight: number }> = [
  { name: undefined, noonUtcHour: 12, weight: 55 },
  { name: "UTC", noonUtcHour: 12, weight: 10 },
  { name: "Asia/Shanghai", noonUtcHour: 4, weight: 15 },
  { name: "America/New_York", noonUtcHour: 17, weight: 10 },
  { name: "Europe/Berlin", noonUtcHour: 11, weight: 10 },
];

/** The request kinds an instance accepts (every other rule passing). */
export function kindsFor(state: StateDraft): RequestKind[] {
  const local = LOCAL_STORAGE.has(state.storageType);
  const hasDatabases = state.databases.length > 0;
  switch (state.engine) {
    case "MySQL":
      if (!local) return ["snapshot"];
      return [
        "physical",
        ...(hasDatabases ? (["logical"] as const) : []),
        ...(hasDatabases && SINGLE_DATABASE_VERSIONS.has(state.engineVersion) ? (["logical-db"] as const) : []),
      ];
    case "SQLServer":
      return ["physical", "full", ...(hasDatabases ? (["full-db"] as const) : []), ...(local ? [] : (["snapshot"] as const))];
    case "PostgreSQL":
      return local ? ["physical"] : ["physical", "snapshot"];
    case "MariaDB":
      return ["physical"];
  }
}

/**
 * A scenario that `createBackup` accepts: a Running instance with recent terminal jobs (some older
 * than 48 hours, so the new state drops them), a context, and a valid request of the given kind.
 */
export function acceptedScenario(rng: Random, engine: Engine, options: InstanceOptions = {}): Scenario {
  const zone = weightedZone(rng);
  const now = FIRST_DAY + rng.int(0, 59) * 24 * HOUR + zone.noonUtcHour * HOUR + rng.int(-180, 180) * MINUTE;
  const state = instanceState(rng, engine, options, now);
  const kinds = kindsFor(state);
  const kind = options.kind ?? rng.pick(kinds);
  if (!kinds.includes(kind)) throw new Error(`a ${engine} ${state.storageType} instance does not accept a ${kind} request`);
  return {
    engine,
    state,
    params: requestParams(rng, state, kind),
    context: decisionContext(rng, now, zone.name),
    now,
    timeZone: zone.name ?? "UTC",
  };
}

/** A job of the scenario's instance, created `minutesAgo` before its clock, with an unused id. */
export function addJob(scenario: Scenario, status: JobStatus, minutesAgo: number): JobDraft {
  const ids = scenario.state.jobs.map((job) => Number(job.jobId));
  const job: JobDraft = {
    jobId: String(Math.max(5_000_000, ...ids) + 7),
    status,
    mode: "Manual",
    method: scenario.engine === "MySQL" && !LOCAL_STORAGE.has(scenario.state.storageType) ? "Snapshot" : "Physical",
    backupType: "Auto",
    createdAt: new Date(scenario.now - minutesAgo * MINUTE).toISOString(),
  };
  scenario.state.jobs.push(job);
  return job;
}

/** Sets a parameter, replacing it where present and appending it otherwise. */
export function setParam(params: Params, name: string, value: string): void {
  const entry = params.find(([key]) => key === name);
  if (entry === undefined) params.push([name, value]);
  else entry[1] = value;
}

/** Removes a parameter. */
export function removeParam(params: Params, name: string): void {
  const index = params.findIndex(([key]) => key === name);
  if (index >= 0) params.splice(index, 1);
}

/** A parameter's value, or `undefined`. */
export function getParam(params: Params, name: string): string | undefined {
  return params.find(([key]) => key === name)?.[1];
}

function weightedZone(rng: Random): (typeof ZONES)[number] {
  let draw = rng.int(
    1,
    ZONES.reduce((sum, zone) => sum + zone.weight, 0),
  );
  for (const zone of ZONES) {
    draw -= zone.weight;
    if (draw <= 0) return zone;
  }
  return ZONES[0] as (typeof ZONES)[number];
}

function instanceState(rng: Random, engine: Engine, options: InstanceOptions, now: number): StateDraft {
  const local = options.storage === undefined ? rng.chance(LOCAL_SHARE[engine]) : options.storage === "local";
  const databaseCount = options.databaseCount ?? rng.int(1, 6);
  const state: StateDraft = {
    instanceId: `rm-${randomText(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 14)}`,
    engine,
    engineVersion: options.engineVersion ?? rng.pick(VERSIONS[engine]),
    storageType: local ? "local_ssd" : rng.pick(CLOUD_STORAGE),
    status: "Running",
    databases: rng.sample(DATABASE_NAMES, databaseCount),
    jobs: terminalJobs(rng, engine, now),
  };
  if (rng.chance(0.8)) state.version = rng.int(0, 500);
  return state;
}

/** Up to 12 Finished or Failed jobs from the last 72 hours: under any daily limit the workload uses. */
function terminalJobs(rng: Random, engine: Engine, now: number): JobDraft[] {
  let jobId = rng.int(1_000, 4_000_000);
  return Array.from({ length: rng.int(0, 12) }, () => {
    jobId += rng.int(1, 50);
    const createdAt = new Date(now - rng.int(5, 72 * 60) * MINUTE);
    return {
      jobId: String(jobId),
      status: rng.pick(DAY_LATER_STATUSES),
      mode: rng.chance(0.5) ? "Automated" : "Manual",
      method: engine === "MySQL" ? rng.pick(["Physical", "Logical", "Snapshot"] as const) : "Physical",
      backupType: "Auto",
      createdAt: rng.chance(0.9) ? createdAt.toISOString() : createdAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
  });
}

function decisionContext(rng: Random, now: number, timeZone: string | undefined): ContextDraft {
  const context: ContextDraft = { now: renderNow(rng, now) };
  if (rng.chance(0.85)) context.requestId = `req-${randomText(rng, "0123456789abcdef", 12)}`;
  if (rng.chance(0.15)) context.jobId = String(rng.int(10_000_000, 99_999_999));
  const policy: NonNullable<ContextDraft["policy"]> = {};
  if (timeZone !== undefined) policy.timeZone = timeZone;
  if (rng.chance(0.2)) policy.dailyBackupLimit = rng.int(13, 40);
  if (Object.keys(policy).length > 0) context.policy = policy;
  return context;
}

/** The clock as an ISO string in UTC, a Date, or an ISO string with a +08:00 offset. */
function renderNow(rng: Random, now: number): Date | string {
  const draw = rng.next();
  if (draw < 0.7) return new Date(now).toISOString();
  if (draw < 0.85) return new Date(now);
  return new Date(now + 8 * HOUR).toISOString().replace("Z", "+08:00");
}

function requestParams(rng: Random, state: StateDraft, kind: RequestKind): Params {
  const params: Params = [
    ["Action", "CreateBackup"],
    ["DBInstanceId", state.instanceId],
  ];
  const retention = (): string => (rng.chance(0.2) ? "-1" : String(rng.int(7, 730)));
  switch (kind) {
    case "physical":
      if (rng.chance(0.5)) params.push(["BackupMethod", "Physical"]);
      if (rng.chance(0.5)) params.push(["BackupType", rng.pick(["Auto", "FullBackup"])]);
      break;
    case "snapshot":
      params.push(["BackupMethod", "Snapshot"]);
      if (rng.chance(0.2)) params.push(["BackupType", "Auto"]);
      break;
    case "logical":
      params.push(["BackupMethod", "Logical"]);
      if (rng.chance(0.5)) params.push(["BackupStrategy", "instance"]);
      break;
    case "logical-db":
      params.push(["BackupMethod", "Logical"], ["BackupStrategy", "db"], ["DBName", someDatabases(rng, state, false)]);
      break;
    case "full":
      if (rng.chance(0.5)) params.push(["BackupMethod", "Physical"]);
      params.push(["BackupType", "FullBackup"]);
      if (rng.chance(0.5)) params.push(["BackupStrategy", "instance"]);
      break;
    case "full-db":
      params.push(
        ["BackupMethod", "Physical"],
        ["BackupType", "FullBackup"],
        ["BackupStrategy", "db"],
        ["DBName", someDatabases(rng, state, true)],
      );
      if (rng.chance(0.3)) params.push(["BackupRetentionPeriod", retention()]);
      break;
  }
  if (state.engine === "MySQL" && rng.chance(0.2)) params.push(["BackupRetentionPeriod", retention()]);
  if (rng.chance(0.3)) params.push(["RegionId", rng.pick(["cn-hangzhou", "cn-shanghai", "ap-southeast-1"])]);
  if (rng.chance(0.15)) params.push(["Format", "JSON"], ["Version", "2014-08-15"]);
  if (rng.chance(0.1)) params.push(["ResourceOwnerId", String(rng.int(1_000_000, 9_999_999))]);
  return rng.chance(0.3) ? rng.shuffle(params) : params;
}

/** Some of the instance's databases, comma-separated; on SQL Server, sometimes in another letter case. */
export function someDatabases(rng: Random, state: StateDraft, foldCase: boolean): string {
  const names = rng.sample(state.databases, rng.int(1, state.databases.length));
  return names.map((name) => (foldCase && rng.chance(0.3) ? name.toUpperCase() : name)).join(",");
}

function randomText(rng: Random, alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[rng.int(0, alphabet.length - 1)];
  return text;
}
