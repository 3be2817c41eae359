/**
 * The closed vocabularies of the CreateBackup domain. Every other module reads its value sets
 * from here, so a value is added in one place. Every list is frozen: the root entry exports the
 * ones a service needs at run time (engines, storage types and the local ones, statuses, methods…).
 *
 * @example
 * ```ts
 * import { BACKUP_METHODS, LOCAL_STORAGE_TYPES } from "rds-backup-rules";
 *
 * expect(BACKUP_METHODS).toEqual(["Logical", "Physical", "Snapshot"]);
 * expect(LOCAL_STORAGE_TYPES).toEqual(["local_ssd", "ephemeral_ssd"]);
 * expect(Object.isFrozen(BACKUP_METHODS)).toBe(true);
 * ```
 */

/** Database engines an instance may run. */
export const ENGINES = Object.freeze(["MySQL", "SQLServer", "PostgreSQL", "MariaDB"] as const);
/** A database engine. */
export type Engine = (typeof ENGINES)[number];

/**
 * The MySQL versions whose single-database backups (BackupStrategy=db) are documented (rule 24
 * names them). Engine versions themselves are open-ended: see `isEngineVersion`.
 */
export const SINGLE_DATABASE_MYSQL_VERSIONS = Object.freeze(["5.6", "5.7", "8.0"] as const);

const MYSQL_VERSION = /^[0-9]+\.[0-9]+$/;

/**
 * Whether a string is a valid version of an engine. Versions are open-ended, because RDS adds
 * them: on MySQL `major.minor` in digits (`5.1`, `8.4`, `9.1`…), on the other engines any
 * non-empty string (`"18.0"`, `"2022_std_ha"`).
 *
 * @example
 * ```ts
 * import { isEngineVersion } from "./vocabulary";
 *
 * expect(isEngineVersion("MySQL", "8.4")).toBe(true);
 * expect(isEngineVersion("MySQL", "8")).toBe(false);
 * expect(isEngineVersion("SQLServer", "2022_std_ha")).toBe(true);
 * expect(isEngineVersion("PostgreSQL", "")).toBe(false);
 * ```
 */
export function isEngineVersion(engine: Engine, version: string): boolean {
  return engine === "MySQL" ? MYSQL_VERSION.test(version) : version !== "";
}

/** Storage types; `local_ssd` and `ephemeral_ssd` (Premium Local SSD) are the local disks. */
export const STORAGE_TYPES = Object.freeze([
  "local_ssd",
  "ephemeral_ssd",
  "cloud_ssd",
  "cloud_essd",
  "cloud_essd2",
  "cloud_essd3",
  "general_essd",
] as const);
/** A storage type. */
export type StorageType = (typeof STORAGE_TYPES)[number];

/** The local disks: `local_ssd`, and `ephemeral_ssd` (Premium Local SSD); every other type is a cloud disk. */
export const LOCAL_STORAGE_TYPES: readonly StorageType[] = Object.freeze(["local_ssd", "ephemeral_ssd"] as const);

/**
 * Whether a storage type is a local disk (`local_ssd` or `ephemeral_ssd`); every other type is a
 * cloud disk.
 *
 * @example
 * ```ts
 * import { isLocalDisk } from "rds-backup-rules";
 *
 * expect(isLocalDisk("ephemeral_ssd")).toBe(true);
 * expect(isLocalDisk("cloud_essd")).toBe(false);
 * ```
 */
export function isLocalDisk(storageType: StorageType): boolean {
  return LOCAL_STORAGE_TYPES.includes(storageType);
}

/** The values of DBInstanceStatus. */
export const INSTANCE_STATUSES = Object.freeze([
  "Creating",
  "Running",
  "Deleting",
  "Rebooting",
  "Stopping",
  "Stopped",
  "DBInstanceClassChanging",
  "TRANSING",
  "EngineVersionUpgrading",
  "TransingToOthers",
  "GuardDBInstanceCreating",
  "Restoring",
  "Importing",
  "ImportingFromOthers",
  "DBInstanceNetTypeChanging",
  "GuardSwitching",
  "INS_CLONING",
  "Released",
] as const);
/** An instance status. */
export type DBInstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** Backup job statuses, in lifecycle order: the ongoing ones, then the two terminal ones. */
export const JOB_STATUSES = Object.freeze(["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished", "Failed"] as const);
/** A backup job status. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Terminal job statuses: a job in one of these never moves again. */
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = Object.freeze(["Finished", "Failed"] as const);

/** Whether a job in this status is ongoing (NoStart, Checking, Preparing, Waiting or Uploading). */
export function isOngoing(status: JobStatus): boolean {
  return !TERMINAL_JOB_STATUSES.includes(status);
}

/** Who started a job. */
export const JOB_MODES = Object.freeze(["Manual", "Automated"] as const);
/** A job mode. */
export type JobMode = (typeof JOB_MODES)[number];

/** Values of the BackupMethod parameter. */
export const BACKUP_METHODS = Object.freeze(["Logical", "Physical", "Snapshot"] as const);
/** A backup method. */
export type BackupMethod = (typeof BACKUP_METHODS)[number];
/** The method used when BackupMethod is absent. */
export const DEFAULT_BACKUP_METHOD: BackupMethod = "Physical";

/** Values of the BackupStrategy parameter. */
export const BACKUP_STRATEGIES = Object.freeze(["db", "instance"] as const);
/** A backup strategy. */
export type BackupStrategy = (typeof BACKUP_STRATEGIES)[number];

/** Values of the BackupType parameter. */
export const BACKUP_TYPES = Object.freeze(["Auto", "FullBackup"] as const);
/** A backup type. */
export type BackupType = (typeof BACKUP_TYPES)[number];
/** The type used when BackupType is absent. */
export const DEFAULT_BACKUP_TYPE: BackupType = "Auto";

/** BackupRetentionPeriod bounds, in days, and the value that keeps a backup long-term. */
export const RETENTION = Object.freeze({ min: 7, max: 730, longTerm: -1 } as const);

/** The parameters of CreateBackup, in table order: the tie-break order among parameters (decision 0004). */
export const CREATE_BACKUP_PARAMETERS = Object.freeze([
  "Action",
  "DBInstanceId",
  "BackupMethod",
  "BackupStrategy",
  "DBName",
  "BackupType",
  "BackupRetentionPeriod",
  "ResourceOwnerId",
] as const);
/** A CreateBackup parameter name. */
export type CreateBackupParameter = (typeof CREATE_BACKUP_PARAMETERS)[number];

/** Alibaba Cloud common request parameters: accepted and ignored. */
export const COMMON_PARAMETERS = Object.freeze([
  "Format",
  "Version",
  "AccessKeyId",
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "Timestamp",
  "SecurityToken",
  "RegionId",
  "ResourceOwnerAccount",
  "OwnerId",
  "OwnerAccount",
] as const);

/** Parameters whose value may also be given as a number in an object request. */
export const NUMERIC_PARAMETERS: ReadonlySet<string> = new Set(["BackupRetentionPeriod", "ResourceOwnerId"]);

/** The one Action this rule set decides. */
export const CREATE_BACKUP_ACTION = "CreateBackup";

/**
 * The largest state `version` a decision accepts (rule 2): 2^53 − 1, the largest exact integer
 * (`Number.MAX_SAFE_INTEGER`). A decision returns version + 1, so it needs a version below this; a
 * stored state may hold this version (`parseInstanceState` reads it), but no decision can follow.
 */
export const MAX_STATE_VERSION = Number.MAX_SAFE_INTEGER;

/** Terminal jobs created longer ago than this are dropped from the state a decision returns. */
export const TERMINAL_JOB_RETENTION_MS = 48 * 60 * 60 * 1000;

/** The default daily backup limit (spec: 20 backup sets per instance per day). */
export const DEFAULT_DAILY_BACKUP_LIMIT = 20;
/** The default policy time zone. */
export const DEFAULT_TIME_ZONE = "UTC";

/**
 * Whether a string is a backup job status.
 *
 * @example
 * ```ts
 * import { isJobStatus } from "./vocabulary";
 *
 * expect(isJobStatus("Uploading")).toBe(true);
 * expect(isJobStatus("uploading")).toBe(false);
 * ```
 */
export function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,64}$/;

/**
 * Whether a string is an idempotency key: 1 to 64 printable ASCII characters (space to `~`).
 *
 * @example
 * ```ts
 * import { isIdempotencyKey } from "./vocabulary";
 *
 * expect(isIdempotencyKey("retry-7f3c")).toBe(true);
 * expect(isIdempotencyKey("")).toBe(false);
 * expect(isIdempotencyKey("k".repeat(65))).toBe(false);
 * expect(isIdempotencyKey("tab\tkey")).toBe(false);
 * ```
 */
export function isIdempotencyKey(value: string): boolean {
  return IDEMPOTENCY_KEY.test(value);
}
