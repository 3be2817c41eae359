import type { BackupMethod, BackupStrategy, BackupType, DBInstanceStatus, Engine, JobMode, JobStatus, StorageType } from "./vocabulary";

/** One backup job as the rules see it (a job of `InstanceState.jobs`). */
export interface BackupJob {
  /** Decimal digits, like `"5073731"`. */
  readonly jobId: string;
  readonly status: JobStatus;
  readonly mode: JobMode;
  readonly method: BackupMethod;
  readonly strategy?: BackupStrategy;
  readonly dbNames?: readonly string[];
  readonly backupType: BackupType;
  readonly retentionPeriod?: number;
  /** ISO 8601 instant; the library writes UTC (`…Z`). */
  readonly createdAt: string;
  /** The `context.idempotencyKey` of the request that created the job, when it had one. */
  readonly idempotencyKey?: string;
}

/** The state of one instance: plain JSON that the caller stores between decisions. */
export interface InstanceState {
  /** The DBInstanceId, e.g. `"rm-uf6wjk5xxxxxxx"`. */
  readonly instanceId: string;
  readonly engine: Engine;
  /** MySQL: `major.minor` in digits (`"8.0"`, `"8.4"`); other engines: any non-empty string (`"18.0"`, `"2022_std_ha"`). */
  readonly engineVersion: string;
  readonly storageType: StorageType;
  readonly status: DBInstanceStatus;
  /** The databases that exist on the instance. */
  readonly databases: readonly string[];
  /** Ongoing jobs and recent ones. */
  readonly jobs: readonly BackupJob[];
  /** Optimistic-concurrency counter; absent means 0. */
  readonly version?: number;
}

/** The decision's clock, ids and policy, as the caller passes them. */
export interface DecisionContext {
  /** The decision's clock; ISO 8601 strings must carry a zone (`Z` or `±hh:mm`). */
  readonly now: Date | string;
  /** Echoed as `RequestId`. */
  readonly requestId?: string;
  /** The new job's id, where the caller allocates ids: decimal digits, not already in the state. */
  readonly jobId?: string;
  /**
   * The caller's key for retrying one CreateBackup safely: 1 to 64 printable ASCII characters.
   * A retry with the key of a kept job replays that job's acceptance (`replayed: true`).
   */
  readonly idempotencyKey?: string;
  readonly policy?: {
    /** Non-failed jobs allowed per policy day; default 20. */
    readonly dailyBackupLimit?: number;
    /** IANA time zone of the policy day; default `"UTC"`. */
    readonly timeZone?: string;
  };
}

/**
 * The body of an accepted CreateBackup, as RDS answers it (HTTP 200). `RequestId` is
 * `context.requestId`, or, without one, a stable id derived from the state (`"<instanceId>/<version>"`).
 */
export interface CreateBackupResponse {
  readonly RequestId: string;
  readonly BackupJobId: string;
}

/** A job status update reported by a poller. */
export interface JobUpdate {
  readonly jobId: string;
  readonly status: string;
}

/** The public description of one rule: everything but its check. */
export interface RuleInfo {
  readonly id: string;
  readonly code: string;
  readonly httpStatus: number;
  readonly title: string;
  readonly description: string;
}
