import type { BackupDecision, BackupJob, InstanceState } from "../domain/types";
import type { ParsedContext } from "../input/parse-context";
import type { BackupRequest } from "../input/request-fields";
import { nextState } from "./next-state";
import { formatUtcInstant } from "../time/iso-instant";
import { allocateJobId } from "./allocate-job-id";

/**
 * The accepted outcome of a request that broke no rule: a new `NoStart` Manual job queued on a new
 * state (version plus one, old terminal jobs dropped), and the API response.
 *
 * @example
 * ```ts
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

/** A stable RequestId when the caller gave none: the instance and the new state's version. */
function derivedRequestId(state: InstanceState): string {
  return `${state.instanceId}/${state.version ?? 0}`;
}
