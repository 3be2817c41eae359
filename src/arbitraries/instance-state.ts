import fc from "fast-check";
import type { BackupJob, InstanceState } from "../domain/types";
import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  ENGINES,
  INSTANCE_STATUSES,
  JOB_MODES,
  JOB_STATUSES,
  LOCAL_STORAGE_TYPES,
  SINGLE_DATABASE_MYSQL_VERSIONS,
  STORAGE_TYPES,
  RETENTION,
  type DBInstanceStatus,
  type Engine,
  type JobStatus,
  type StorageType,
} from "../domain/vocabulary";
import { jobIdempotencyKey } from "./context";
import { decisionInstant, isoForm, writeIso, type IsoForm } from "./zones";

/**
 * MySQL versions on which single-database backups are not documented: older and newer ones,
 * including versions RDS shipped after the rule set was written (8.4, 9.1).
 */
export const OTHER_MYSQL_VERSIONS: readonly string[] = ["5.1", "5.5", "8.4", "9.1"];

/** Engine versions drawn for each engine: the ones RDS offers today and newer ones (versions are open-ended). */
const ENGINE_VERSIONS: Readonly<Record<Engine, readonly string[]>> = {
  MySQL: [...SINGLE_DATABASE_MYSQL_VERSIONS, ...OTHER_MYSQL_VERSIONS],
  SQLServer: ["2008r2", "2012_std_ha", "2016_ent_ha", "2017_std_ha", "2019_std_ha", "2022_std_sl", "2022_std_ha"],
  PostgreSQL: ["10.0", "11.0", "12.0", "13.0", "14.0", "15.0", "16.0", "17.0", "18.0"],
  MariaDB: ["10.3", "10.6"],
};

/** A MySQL version the rule set has never heard of: `major.minor` in digits. */
const UNHEARD_MYSQL_VERSION = fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 99 })).map(([major, minor]) => `${major}.${minor}`);
/** A version of another engine the rule set has never heard of: any non-empty string. */
const UNHEARD_VERSION = fc.string({ minLength: 1, maxLength: 16 });

/**
 * A version of the engine: mostly one RDS offers, sometimes one the rule set has never heard of
 * (any `major.minor` on MySQL, any non-empty string elsewhere), as versions are open-ended.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { engineVersion } from "./instance-state";
 *
 * expect(sampleValues(engineVersion("MySQL"), 50).every((version) => /^[0-9]+\.[0-9]+$/.test(version))).toBe(true);
 * expect(sampleValues(engineVersion("PostgreSQL"), 50).every((version) => version !== "")).toBe(true);
 * ```
 */
export function engineVersion(engine: Engine): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ENGINE_VERSIONS[engine]) },
    { weight: 1, arbitrary: engine === "MySQL" ? UNHEARD_MYSQL_VERSION : UNHEARD_VERSION },
  );
}

/** Cloud-disk storage types: every type but the local disks `local_ssd` and `ephemeral_ssd`. */
export const CLOUD_STORAGE_TYPES: readonly StorageType[] = STORAGE_TYPES.filter((type) => !LOCAL_STORAGE_TYPES.includes(type));

/** Ongoing job statuses. */
export const ONGOING_JOB_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter((status) => status !== "Finished" && status !== "Failed");

// The string arbitraries below are built once, at load: fast-check precomputes the bias of a
// string arbitrary with a custom unit (~70 µs a build, against ~10 µs a draw), and these are
// drawn inside `chain`, where a build per draw made most of a case's generation time.

const INSTANCE_ID_TEXT = fc
  .string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), minLength: 8, maxLength: 16 })
  .map((s) => `rm-${s}`);

/**
 * An instance id like `rm-uf6wjk5xxxxxxx`.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { instanceIdText } from "./instance-state";
 *
 * expect(sampleValues(instanceIdText(), 5).every((id) => /^rm-[a-z0-9]{8,16}$/.test(id))).toBe(true);
 * ```
 */
export function instanceIdText(): fc.Arbitrary<string> {
  return INSTANCE_ID_TEXT;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const NAME_CHARACTER = fc.constantFrom(...`${LETTERS}0123456789_-`);
const DATABASE_NAME = fc
  .tuple(
    fc.constantFrom(...LETTERS),
    fc.oneof(
      { weight: 5, arbitrary: fc.string({ unit: NAME_CHARACTER, maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: NAME_CHARACTER, minLength: 50, maxLength: 63 }) },
    ),
  )
  .map(([head, rest]) => head + rest);

/**
 * A well-formed database name (a DBName item): a letter, then up to 63 letters, digits, `_` or `-`.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { databaseName } from "./instance-state";
 *
 * expect(sampleValues(databaseName(), 20).every((name) => /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name))).toBe(true);
 * ```
 */
export function databaseName(): fc.Arbitrary<string> {
  return DATABASE_NAME;
}

/**
 * Distinct database names (distinct even ignoring case), `minLength` to `maxLength` of them.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { databaseNames } from "./instance-state";
 *
 * const [names] = sampleValues(databaseNames(2, 5), 1);
 * expect(new Set(names!.map((n) => n.toLowerCase())).size).toBe(names!.length);
 * ```
 */
export function databaseNames(minLength: number, maxLength: number): fc.Arbitrary<string[]> {
  return fc.uniqueArray(databaseName(), { minLength, maxLength, selector: (name) => name.toLowerCase() });
}

/** The parts of an instance the rules look at, besides its id and jobs. */
export interface InstanceShape {
  readonly engine: Engine;
  readonly engineVersion: string;
  readonly storageType: StorageType;
  readonly status: DBInstanceStatus;
  readonly databases: readonly string[];
}

/** What an instance shape may be constrained to; every field left out is drawn freely. */
export interface ShapeConstraints {
  readonly engines?: readonly Engine[];
  readonly storage?: "local" | "cloud";
  /** MySQL versions to draw from (other engines draw from all their versions). */
  readonly mysqlVersions?: readonly string[];
  readonly statuses?: readonly DBInstanceStatus[];
  readonly databases?: fc.Arbitrary<readonly string[]>;
}

/**
 * An instance shape within the constraints. MariaDB is never on a local disk (a valid state).
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { instanceShape } from "./instance-state";
 *
 * const shapes = sampleValues(instanceShape({ engines: ["MariaDB"] }), 10);
 * expect(shapes.every((shape) => shape.storageType !== "local_ssd" && shape.storageType !== "ephemeral_ssd")).toBe(true);
 * ```
 */
export function instanceShape(constraints: ShapeConstraints = {}): fc.Arbitrary<InstanceShape> {
  const engines = (constraints.engines ?? ENGINES).filter((engine) => !(engine === "MariaDB" && constraints.storage === "local"));
  return fc.constantFrom(...engines).chain((engine) => {
    const version =
      engine === "MySQL" && constraints.mysqlVersions !== undefined ? fc.constantFrom(...constraints.mysqlVersions) : engineVersion(engine);
    const storage =
      constraints.storage === "local"
        ? LOCAL_STORAGE_TYPES
        : constraints.storage === "cloud" || engine === "MariaDB"
          ? CLOUD_STORAGE_TYPES
          : STORAGE_TYPES;
    return fc.record({
      engine: fc.constant(engine),
      engineVersion: version,
      storageType: fc.constantFrom(...storage),
      status: fc.constantFrom(...(constraints.statuses ?? INSTANCE_STATUSES)),
      databases: constraints.databases ?? databaseNames(0, 5),
    });
  });
}

/**
 * A BackupJob id: 1 to 9 decimal digits. Ids the generators put in context (`jobId`) have 10 or
 * more digits, so they never collide with a job of a generated state.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { stateJobIds } from "./instance-state";
 *
 * expect(sampleValues(stateJobIds(3), 5).every((ids) => ids.length === 3 && new Set(ids).size === 3)).toBe(true);
 * ```
 */
export function stateJobIds(count: number): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: 999_999_999 }).map(String), { minLength: count, maxLength: count });
}

/** Everything about a job but its id, creation instant and status; `statusPick` chooses the status. */
export interface JobDetails {
  /** Chooses among the statuses a job may have: `statuses[statusPick % statuses.length]`. */
  readonly statusPick: number;
  readonly mode: BackupJob["mode"];
  readonly method: BackupJob["method"];
  readonly strategy?: BackupJob["strategy"];
  readonly dbNames?: string[];
  readonly backupType: BackupJob["backupType"];
  readonly retentionPeriod?: number;
  readonly createdAtForm: IsoForm;
  /** Whether the job carries an idempotency key (made unique by its id). */
  readonly keyed: boolean;
}

// Built once and drawn for every job of every generated state: building a record arbitrary per job
// inside `chain` cost more than drawing it. 420 is divisible by every count of statuses from 1 to 7,
// so the modulo in `jobOf` favours no status.
const JOB_DETAILS: fc.Arbitrary<JobDetails> = fc.record(
  {
    statusPick: fc.nat({ max: 419 }),
    mode: fc.constantFrom(...JOB_MODES),
    method: fc.constantFrom(...BACKUP_METHODS),
    strategy: fc.constantFrom(...BACKUP_STRATEGIES),
    dbNames: databaseNames(1, 3),
    backupType: fc.constantFrom(...BACKUP_TYPES),
    retentionPeriod: fc.oneof(fc.integer({ min: RETENTION.min, max: RETENTION.max }), fc.constant(RETENTION.longTerm)),
    createdAtForm: isoForm(),
    keyed: fc.boolean(),
  },
  { requiredKeys: ["statusPick", "mode", "method", "backupType", "createdAtForm", "keyed"] },
);

/**
 * The details of `count` jobs, drawn at once.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { jobDetails } from "./instance-state";
 *
 * const [details] = sampleValues(jobDetails(4), 1);
 * expect(details).toHaveLength(4);
 * ```
 */
export function jobDetails(count: number): fc.Arbitrary<JobDetails[]> {
  return fc.array(JOB_DETAILS, { minLength: count, maxLength: count });
}

/**
 * The job with the given id, creation instant and details, its status one of `statuses`.
 *
 * @example
 * ```ts
 * import { jobOf } from "./instance-state";
 *
 * const details = { statusPick: 3, mode: "Manual", method: "Physical", backupType: "FullBackup", createdAtForm: { offsetMinutes: 0, zulu: true }, keyed: false } as const;
 * expect(jobOf("7", Date.UTC(2026, 0, 1), ["NoStart", "Failed"], details, undefined)).toEqual({
 *   jobId: "7", status: "Failed", mode: "Manual", method: "Physical", backupType: "FullBackup", createdAt: "2026-01-01T00:00:00Z",
 * });
 * ```
 */
export function jobOf(
  jobId: string,
  createdAt: number,
  statuses: readonly JobStatus[],
  details: JobDetails,
  idempotencyKey: string | undefined,
): BackupJob {
  const { statusPick, strategy, dbNames, retentionPeriod, createdAtForm } = details;
  return {
    jobId,
    status: statuses[statusPick % statuses.length] as JobStatus,
    mode: details.mode,
    method: details.method,
    ...(strategy === undefined ? {} : { strategy }),
    ...(dbNames === undefined ? {} : { dbNames }),
    backupType: details.backupType,
    ...(retentionPeriod === undefined ? {} : { retentionPeriod }),
    createdAt: writeIso(createdAt, createdAtForm),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  };
}

/** Where a job goes: its creation instant, and the statuses it may have. */
export interface JobSlot {
  readonly instant: number;
  readonly statuses: readonly JobStatus[];
}

/**
 * One job per slot, in slot order, with distinct ids and every other field drawn; about half carry
 * an idempotency key, never one a fresh key of a generated context equals.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { backupJobsAt } from "./instance-state";
 *
 * const [jobs] = sampleValues(backupJobsAt([0, 1, 2].map((instant) => ({ instant, statuses: ["Failed"] }))), 1);
 * expect(jobs!.map((job) => job.status)).toEqual(["Failed", "Failed", "Failed"]);
 * ```
 */
export function backupJobsAt(slots: readonly JobSlot[]): fc.Arbitrary<BackupJob[]> {
  return fc
    .tuple(stateJobIds(slots.length), jobDetails(slots.length))
    .chain(([ids, details]) =>
      fc
        .tuple(...ids.map((id, index) => (details[index]?.keyed ? jobIdempotencyKey(id) : fc.constant(undefined))))
        .map((keys) =>
          slots.map((slot, index) => jobOf(ids[index] as string, slot.instant, slot.statuses, details[index] as JobDetails, keys[index])),
        ),
    );
}

/**
 * The optimistic-concurrency version: absent (meaning 0) or a non-negative integer.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { stateVersion } from "./instance-state";
 *
 * expect(sampleValues(stateVersion(), 20).every((v) => v === undefined || (Number.isInteger(v) && v >= 0))).toBe(true);
 * ```
 */
export function stateVersion(): fc.Arbitrary<number | undefined> {
  return fc.option(fc.oneof(fc.nat({ max: 50 }), fc.nat({ max: 1_000_000_000 })), { nil: undefined });
}

/**
 * Assembles an `InstanceState` from its parts, leaving `version` out when it is undefined.
 *
 * @example
 * ```ts
 * import { assembleState } from "./instance-state";
 *
 * const shape = { engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [] } as const;
 * expect(assembleState("rm-1", shape, [], undefined)).not.toHaveProperty("version");
 * ```
 */
export function assembleState(
  instanceId: string,
  shape: InstanceShape,
  jobs: readonly BackupJob[],
  version: number | undefined,
): InstanceState {
  const state: InstanceState = { instanceId, ...shape, databases: [...shape.databases], jobs: [...jobs] };
  return version === undefined ? state : { ...state, version };
}

/**
 * A valid instance state: every engine (at versions RDS offers and ones the rule set has never
 * heard of), storage type, instance status, job status and mode,
 * optional job field and version, with jobs created at any time from 2000 to 2099 (ids unique,
 * `createdAt` in UTC or at any offset). Whether a request on it is accepted depends on the request.
 *
 * @example
 * ```ts
 * import { parseInstanceState } from "rds-backup-rules";
 * import { instanceState, sampleValues } from "rds-backup-rules/arbitraries";
 *
 * const states = sampleValues(instanceState(), 50);
 * expect(states.every((state) => parseInstanceState(state).ok)).toBe(true);
 * expect(new Set(states.map((state) => state.engine)).size).toBe(4);
 * expect(states.some((state) => state.engine === "MySQL" && !["5.5", "5.6", "5.7", "8.0"].includes(state.engineVersion))).toBe(true);
 * ```
 */
export function instanceState(): fc.Arbitrary<InstanceState> {
  return fc
    .record({
      instanceId: instanceIdText(),
      shape: instanceShape(),
      instants: fc.array(decisionInstant(), { maxLength: 5 }),
      version: stateVersion(),
    })
    .chain(({ instanceId, shape, instants, version }) =>
      backupJobsAt(instants.map((instant) => ({ instant, statuses: JOB_STATUSES }))).map((jobs) =>
        assembleState(instanceId, shape, jobs, version),
      ),
    );
}
