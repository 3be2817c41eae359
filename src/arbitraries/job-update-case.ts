import fc from "fast-check";
import type { BackupJob, DecisionContext, InstanceState, JobUpdate } from "../domain/types";
import { JOB_STATUSES, type JobStatus } from "../domain/vocabulary";
import type { ADVANCE_JOB_RULES, CreateBackupRuleId } from "../rules/catalog";
import { anyLetterCase } from "./capability";
import { decisionContext } from "./context";
import { assembleState, backupJobsAt, instanceIdText, instanceShape, stateVersion } from "./instance-state";
import { decisionInstant } from "./zones";

/** The three arguments of one `advanceBackupJob` call. */
export interface JobUpdateCase {
  readonly state: InstanceState;
  readonly update: JobUpdate;
  readonly context: DecisionContext;
}

/** The id of a rule that only `advanceBackupJob` checks: `job.not-found`, `job-status.invalid-value`, `job.invalid-transition`. */
export type JobRuleId = Exclude<(typeof ADVANCE_JOB_RULES)[number]["id"], CreateBackupRuleId>;

/**
 * The forward order of job statuses and the moves it allows, as the rule set states them: written
 * here rather than read from the library, so that properties built on these cases test it.
 */
const FORWARD: readonly JobStatus[] = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished"];

function allowedMoves(from: JobStatus): JobStatus[] {
  if (from === "Finished" || from === "Failed") return [];
  return [...FORWARD.slice(FORWARD.indexOf(from) + 1), "Failed"];
}

/** A valid state with one to five jobs, a valid context, and one of its jobs, whose status is one of `statuses`. */
function stateWithJob(statuses: readonly JobStatus[]): fc.Arbitrary<{ state: InstanceState; job: BackupJob; context: DecisionContext }> {
  return fc
    .record({
      instanceId: instanceIdText(),
      shape: instanceShape(),
      instants: fc.array(decisionInstant(), { minLength: 1, maxLength: 5 }),
      version: stateVersion(),
      pick: fc.nat(),
      status: fc.constantFrom(...statuses),
      context: decisionContext(),
    })
    .chain(({ instanceId, shape, instants, version, pick, status, context }) =>
      backupJobsAt(instants.map((instant) => ({ instant, statuses: JOB_STATUSES }))).map((drawn) => {
        const index = pick % drawn.length;
        const jobs = drawn.map((job, at) => (at === index ? { ...job, status } : job));
        return { state: assembleState(instanceId, shape, jobs, version), job: jobs[index] as BackupJob, context };
      }),
    );
}

/**
 * `{ state, update, context }` that `advanceBackupJob` accepts: a job of the state moves forward
 * (steps skipped or not), an ongoing one fails, or any job repeats its current status (the
 * idempotent no-op), on every kind of valid state and context.
 *
 * @example
 * ```ts
 * import { advanceBackupJob } from "rds-backup-rules";
 * import { acceptedJobUpdate, sampleValues } from "rds-backup-rules/arbitraries";
 *
 * const cases = sampleValues(acceptedJobUpdate(), 40);
 * expect(cases.every(({ state, update, context }) => advanceBackupJob(state, update, context).ok)).toBe(true);
 * expect(cases.some(({ state, update, context }) => advanceBackupJob(state, update, context).state === state)).toBe(true);
 * ```
 */
export function acceptedJobUpdate(): fc.Arbitrary<JobUpdateCase> {
  return stateWithJob(JOB_STATUSES).chain(({ state, job, context }) =>
    fc.constantFrom(job.status, ...allowedMoves(job.status)).map((status) => ({ state, update: { jobId: job.jobId, status }, context })),
  );
}

/** Text that is not a job status: another case, a near miss, a status of another API, or any string. */
const NOT_A_STATUS: fc.Arbitrary<string> = fc
  .oneof(
    fc
      .constantFrom(...JOB_STATUSES)
      .chain((status) => fc.oneof(anyLetterCase(status), fc.constantFrom(` ${status}`, `${status} `, status.slice(0, -1)))),
    fc.constantFrom("", "Done", "Running", "Cancelled", "Success", "Failure", "Complete", "Queued"),
    fc.string({ maxLength: 12 }),
  )
  .filter((text) => !(JOB_STATUSES as readonly string[]).includes(text));

/** job.not-found: a job id the state does not keep (any status, valid or not). */
function jobNotFound(): fc.Arbitrary<JobUpdateCase> {
  return stateWithJob(JOB_STATUSES).chain(({ state, job, context }) => {
    const kept = new Set(state.jobs.map((each) => each.jobId));
    const jobId = fc
      .oneof(
        fc.integer({ min: 1, max: 999_999_999 }).map(String),
        fc.constantFrom(`0${job.jobId}`, `${job.jobId} `, ` ${job.jobId}`, `${job.jobId}0`, "", "abc", "-1"),
      )
      .filter((id) => !kept.has(id));
    return fc
      .record({ jobId, status: fc.oneof(fc.constantFrom(...JOB_STATUSES), NOT_A_STATUS) })
      .map((update) => ({ state, update, context }));
  });
}

/** job-status.invalid-value: a job of the state, and a status that is not a job status. */
function jobStatusInvalidValue(): fc.Arbitrary<JobUpdateCase> {
  return stateWithJob(JOB_STATUSES).chain(({ state, job, context }) =>
    NOT_A_STATUS.map((status) => ({ state, update: { jobId: job.jobId, status }, context })),
  );
}

/** job.invalid-transition: a job of the state moving backwards, or out of Finished or Failed. */
function jobInvalidTransition(): fc.Arbitrary<JobUpdateCase> {
  const cannotMoveEverywhere = JOB_STATUSES.filter((status) => allowedMoves(status).length < JOB_STATUSES.length - 1);
  return stateWithJob(cannotMoveEverywhere).chain(({ state, job, context }) => {
    const refused = JOB_STATUSES.filter((status) => status !== job.status && !allowedMoves(job.status).includes(status));
    return fc.constantFrom(...refused).map((status) => ({ state, update: { jobId: job.jobId, status }, context }));
  });
}

/** One entry per job rule, keyed by the rule-id type: a job rule added to the catalog does not compile until it is here. */
const JOB_RULE_CASES: { readonly [Rule in JobRuleId]: () => fc.Arbitrary<JobUpdateCase> } = {
  "job.not-found": jobNotFound,
  "job-status.invalid-value": jobStatusInvalidValue,
  "job.invalid-transition": jobInvalidTransition,
};

/**
 * `{ state, update, context }` for which `advanceBackupJob` refuses with exactly `ruleId`, one of
 * the rules only it checks: an unknown job id (near misses of a kept one included), a status that
 * is not a job status (another letter case, a near miss, any text), or a move backwards or out of
 * Finished or Failed. The state and context are valid, so rules 1 and 2 pass.
 *
 * @example
 * ```ts
 * import { advanceBackupJob } from "rds-backup-rules";
 * import { sampleValues, violatingJobUpdate } from "rds-backup-rules/arbitraries";
 *
 * for (const rule of ["job.not-found", "job-status.invalid-value", "job.invalid-transition"] as const) {
 *   for (const { state, update, context } of sampleValues(violatingJobUpdate(rule), 20)) {
 *     expect(advanceBackupJob(state, update, context)).toMatchObject({ ok: false, error: { rule } });
 *   }
 * }
 * ```
 */
export function violatingJobUpdate(ruleId: JobRuleId): fc.Arbitrary<JobUpdateCase> {
  const cases = Object.hasOwn(JOB_RULE_CASES, ruleId) ? JOB_RULE_CASES[ruleId] : undefined;
  if (cases === undefined) throw new RangeError(`violatingJobUpdate: ${String(ruleId)} is not a rule that only advanceBackupJob checks`);
  return cases();
}
