import { JOB_TRANSITIONS, type BackupJob, type InstanceState, type Violation } from "../index";
import { edgeError } from "./edge-errors";

/** One item of DescribeBackupTasks' `Items.BackupJob`, as RDS writes it. */
export interface BackupTaskItem {
  readonly BackupJobId: string;
  readonly BackupStatus: string;
  readonly JobMode: string;
  readonly BackupMethod: string;
  readonly BackupStrategy?: string;
  readonly DBName?: string;
  readonly BackupType: string;
  /** UTC, to the second: `2026-03-02T08:00:00Z`. */
  readonly StartTime: string;
}

/** DescribeBackupTasks' parameters, parsed: the instance and the optional filters. */
export interface DescribeBackupTasksQuery {
  readonly instanceId: string;
  readonly jobId?: string;
  readonly status?: string;
}

const JOB_STATUS_NAMES: readonly string[] = [...JOB_TRANSITIONS.keys()];

/**
 * Parses DescribeBackupTasks' parameters: `DBInstanceId` required, `BackupJobId` and
 * `BackupJobStatus` (a job status) optional; each at most once. Other parameters are ignored.
 *
 * @example
 * ```ts
 * import { parseDescribeBackupTasks } from "rds-backup-rules/server";
 *
 * const parsed = parseDescribeBackupTasks(new URLSearchParams("Action=DescribeBackupTasks&DBInstanceId=rm-demo&BackupJobStatus=Finished"));
 * expect(parsed).toEqual({ ok: true, query: { instanceId: "rm-demo", status: "Finished" } });
 * const missing = parseDescribeBackupTasks(new URLSearchParams("Action=DescribeBackupTasks"));
 * expect(!missing.ok && missing.error.code).toBe("MissingParameter");
 * ```
 */
export function parseDescribeBackupTasks(
  params: URLSearchParams,
): { ok: true; query: DescribeBackupTasksQuery } | { ok: false; error: Violation<string> } {
  const single = (name: string): string | undefined | Violation<string> => {
    const values = params.getAll(name);
    if (values.length > 1) return edgeError("describe.parameter-invalid", `${name} is given ${values.length} times: give it once`);
    return values[0];
  };
  const instanceId = single("DBInstanceId");
  const jobId = single("BackupJobId");
  const status = single("BackupJobStatus");
  for (const value of [instanceId, jobId, status]) if (typeof value === "object") return { ok: false, error: value };
  if (typeof instanceId !== "string" || instanceId === "") {
    return {
      ok: false,
      error: edgeError("describe.parameter-missing", "DescribeBackupTasks needs DBInstanceId, the instance whose backup tasks to list"),
    };
  }
  if (typeof status === "string" && !JOB_STATUS_NAMES.includes(status)) {
    return {
      ok: false,
      error: edgeError(
        "describe.parameter-invalid",
        `BackupJobStatus ${JSON.stringify(status)} is not one of ${JOB_STATUS_NAMES.join(", ")}`,
      ),
    };
  }
  return {
    ok: true,
    query: { instanceId, ...(typeof jobId === "string" ? { jobId } : {}), ...(typeof status === "string" ? { status } : {}) },
  };
}

/**
 * The instance's kept jobs as DescribeBackupTasks lists them: newest first (by creation, then by
 * their order in the state), filtered by job id and status when asked.
 *
 * @example
 * ```ts
 * import { backupTasks } from "rds-backup-rules/server";
 *
 * const job = { jobId: "7", status: "Finished", mode: "Manual", method: "Logical", strategy: "db", dbNames: ["orders", "users"], backupType: "Auto", createdAt: "2026-03-02T08:00:00.000Z" } as const;
 * const state = { instanceId: "rm-demo", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders", "users"], jobs: [job] } as const;
 * expect(backupTasks(state, { instanceId: "rm-demo" })).toEqual([
 *   { BackupJobId: "7", BackupStatus: "Finished", JobMode: "Manual", BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders,users", BackupType: "Auto", StartTime: "2026-03-02T08:00:00Z" },
 * ]);
 * expect(backupTasks(state, { instanceId: "rm-demo", status: "Failed" })).toEqual([]);
 * ```
 */
export function backupTasks(state: InstanceState, query: DescribeBackupTasksQuery): BackupTaskItem[] {
  return state.jobs
    .map((job, index) => ({ job, index, time: Date.parse(job.createdAt) }))
    .filter(
      ({ job }) => (query.jobId === undefined || job.jobId === query.jobId) && (query.status === undefined || job.status === query.status),
    )
    .sort((a, b) => b.time - a.time || b.index - a.index)
    .map(({ job, time }) => taskItem(job, time));
}

function taskItem(job: BackupJob, time: number): BackupTaskItem {
  return {
    BackupJobId: job.jobId,
    BackupStatus: job.status,
    JobMode: job.mode,
    BackupMethod: job.method,
    ...(job.strategy === undefined ? {} : { BackupStrategy: job.strategy }),
    ...(job.dbNames === undefined ? {} : { DBName: job.dbNames.join(",") }),
    BackupType: job.backupType,
    StartTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}
