import type { BackupJob, DecisionContext, InstanceState, JobUpdate } from "../domain/types";
import type { JobDecision } from "../rules/violation";
import type { JobStatus } from "../domain/vocabulary";
import { ADVANCE_JOB_RULES } from "../rules/catalog";
import { DecisionFacts } from "../engine/decision-facts";
import { firstViolation } from "../engine/evaluate-rules";
import { nextState } from "../engine/next-state";

/**
 * Records a job's new status, as a poller observes it. Refuses with the first violated rule among
 * 1, 2 and 32–34. Repeating the job's current status is an idempotent no-op: ok, the very `state`
 * passed in, version unchanged, `changed: false` (nothing to write). Otherwise the new state has
 * version plus one and `changed: true`.
 *
 * @example
 * ```ts
 * import { advanceBackupJob } from "rds-backup-rules";
 *
 * const state = {
 *   instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [],
 *   jobs: [{ jobId: "1", status: "Uploading", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z" }],
 * } as const;
 * const finished = advanceBackupJob(state, { jobId: "1", status: "Finished" }, { now: "2026-01-01T00:10:00Z" });
 * expect(finished.ok && finished.state.version).toBe(1);
 * expect(finished.ok && finished.changed).toBe(true);
 * const again = advanceBackupJob(state, { jobId: "1", status: "Uploading" }, { now: "2026-01-01T00:10:00Z" });
 * expect(again.ok && !again.changed && again.state === state).toBe(true);
 * const backwards = advanceBackupJob(state, { jobId: "1", status: "Checking" }, { now: "2026-01-01T00:10:00Z" });
 * expect(!backwards.ok && backwards.error.rule).toBe("job.invalid-transition");
 * ```
 */
export function advanceBackupJob(state: InstanceState, update: JobUpdate, context: DecisionContext): JobDecision {
  return decideJobUpdate(new DecisionFacts({ kind: "advance", state, update, context }), state);
}

/**
 * `advanceBackupJob`'s decision on facts already made of its arguments (`state` is the argument
 * itself, which an idempotent repeat returns): `traceJobUpdate` decides on the facts it traces.
 *
 * @example
 * ```ts
 * import { DecisionFacts } from "../engine/decision-facts";
 * import { decideJobUpdate } from "./advance-backup-job";
 *
 * const facts = new DecisionFacts({ kind: "advance", state: null, update: {}, context: { now: new Date(0) } });
 * expect(decideJobUpdate(facts, null as never)).toMatchObject({ ok: false, error: { rule: "state.invalid" } });
 * ```
 */
export function decideJobUpdate(facts: DecisionFacts, state: InstanceState): JobDecision {
  const refused = firstViolation(ADVANCE_JOB_RULES, facts);
  if (refused !== undefined) return { ok: false, error: refused };
  // No rule is violated: the state and context parsed, the job exists and the status is valid.
  const { state: parsed, context: parsedContext, update: parsedUpdate } = facts;
  const job = parsed.jobs.find((candidate) => candidate.jobId === parsedUpdate.jobId) as BackupJob;
  const status = parsedUpdate.status as JobStatus; // rule 33 admitted only job statuses
  if (job.status === status) return { ok: true, state, job, changed: false };
  const updated: BackupJob = { ...job, status };
  const next = nextState(parsed, parsedContext.now, (jobs) => jobs.map((each) => (each === job ? updated : each)));
  return { ok: true, state: next, job: updated, changed: true };
}
