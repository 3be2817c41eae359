import type { BackupJob, InstanceState } from "../domain/types";
import type { BackupDecision } from "../rules/violation";
import type { ParsedContext } from "../input/parse-context";
import { versionOf } from "../input/parse-state";
import type { BackupRequest } from "../input/request-fields";
import { nextState } from "./next-state";
import { formatUtcInstant } from "../time/iso-instant";
import { allocateJobId } from "./allocate-job-id";

/**
 * The accepted outcome of a request that broke no rule: a new `NoStart` Manual job queued on a new
 * state (version plus one, old terminal jobs dropped), and the API response. The job records the
 * context's idempotency key, so a retry with that key replays it (see `replayBackup`).
 *
 * @example
 * ```ts
 * import { timeZoneContext } from "../time/time-zone";
 * import { acceptBackup } from "./accept-backup";
 *
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [] } as const;
 * const request = { instanceId: "rm-1", method: "Physical", backupType: "Auto" } as const;
 * const context = { now: Date.UTC(2026, 0, 1), dailyBackupLimit: 20, timeZone: "UTC", zone: timeZoneContext("UTC")!, requestId: "req-1" };
 * const decision = acceptBackup(state, request, context);
 * expect(decision.ok && decision.response).toEqual({ BackupJobId: "1", RequestId: "req-1" });
 * ```
 */
export function acceptBackup(state: InstanceState, request: BackupRequest, context: ParsedContext): BackupDecision & { ok: true } {
  const job: BackupJob = {
    jobId: allocateJobId(state, context.jobId),
    status: "NoStart",
    mode: "Manual",
    method: request.method,
    backupType: request.backupType,
    ...(request.strategy === undefined ? {} : { strategy: request.strategy }),
    ...(request.dbNames === undefined ? {} : { dbNames: request.dbNames }),
    ...(request.retentionPeriod === undefined ? {} : { retentionPeriod: request.retentionPeriod }),
    createdAt: formatUtcInstant(context.now),
    ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
  };
  const next = nextState(state, context.now, (jobs) => [...jobs, job]);
  const created = next.jobs[next.jobs.length - 1] as BackupJob;
  return {
    ok: true,
    state: next,
    job: created,
    response: { BackupJobId: created.jobId, RequestId: context.requestId ?? derivedRequestId(next) },
  };
}

/**
 * The accepted outcome of a replay: a request that repeats the job carrying its idempotency key.
 * `state` is the caller's input state itself (nothing to write: version unchanged), `job` the
 * existing job as the state holds it now, and the response names that job (`replayed: true`).
 *
 * @example
 * ```ts
 * import { replayBackup } from "./accept-backup";
 *
 * const job = { jobId: "7", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z", idempotencyKey: "k-1" } as const;
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Stopped", databases: [], jobs: [job], version: 3 } as const;
 * const decision = replayBackup(state, job, { requestId: "req-2" });
 * expect(decision.state).toBe(state);
 * expect(decision).toMatchObject({ ok: true, job, response: { BackupJobId: "7", RequestId: "req-2" }, replayed: true });
 * expect(replayBackup(state, job, {}).response.RequestId).toBe("rm-1/3");
 * ```
 */
export function replayBackup(
  state: InstanceState,
  job: BackupJob,
  context: Pick<ParsedContext, "requestId">,
): BackupDecision & { ok: true } {
  return {
    ok: true,
    state,
    job,
    response: { BackupJobId: job.jobId, RequestId: context.requestId ?? derivedRequestId(state) },
    replayed: true,
  };
}

/** A stable RequestId when the caller gave none: the instance and the new state's version. */
function derivedRequestId(state: InstanceState): string {
  return `${state.instanceId}/${versionOf(state)}`;
}
