/**
 * The invariants of the store layer, checked over a whole run: every state written (in the order
 * the store committed them, or at least per instance), the final states, and every accepted
 * CreateBackup the callers saw. Returns the problems found, as sentences; [] when all hold.
 *
 * 1. Nothing lost: every accepted BackupJobId is a job of the final state, or was pruned (it was
 *    terminal when last written and created more than 48 hours before the run's latest clock).
 * 2. No double booking: no written state holds two ongoing jobs.
 * 3. The daily limit holds: no UTC day of a written state has more non-failed jobs than the limit.
 * 4. Versions rise by exactly one per write (the versions written for an instance are distinct and
 *    contiguous, and the final state holds the last), and job ids are unique per instance (within
 *    each state, and across states one id is always the same job).
 * 5. Exactly once (`exactlyOnceProblems`): calls with one idempotency key queue one job, and all
 *    of them that succeed answer its BackupJobId.
 */
import type { BackupJob, InstanceState } from "../../src/index";

export interface WrittenState {
  readonly instanceId: string;
  readonly state: InstanceState;
}

export interface AcceptedBackup {
  readonly instanceId: string;
  readonly jobId: string;
}

export interface RunRecord {
  readonly written: readonly WrittenState[];
  readonly finals: ReadonlyMap<string, InstanceState | undefined>;
  readonly accepted: readonly AcceptedBackup[];
  readonly dailyBackupLimit: number;
  /** The latest `now` any call of the run used (ISO 8601). */
  readonly latestNow: string;
}

const TERMINAL = new Set(["Finished", "Failed"]);
const PRUNE_AFTER_MS = 48 * 3600_000;

export function storeInvariantProblems(run: RunRecord): string[] {
  const problems: string[] = [];
  const byInstance = new Map<string, InstanceState[]>();
  for (const { instanceId, state } of run.written) byInstance.set(instanceId, [...(byInstance.get(instanceId) ?? []), state]);

  for (const { instanceId, state } of run.written) {
    const where = `${instanceId} v${state.version ?? 0}`;
    const ongoing = state.jobs.filter((job) => !TERMINAL.has(job.status));
    if (ongoing.length > 1)
      problems.push(`2. ${where} holds ${ongoing.length} ongoing jobs (${ongoing.map((job) => job.jobId).join(", ")})`);
    const perDay = new Map<string, number>();
    for (const job of state.jobs) {
      if (job.status === "Failed") continue;
      const day = new Date(Date.parse(job.createdAt)).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    for (const [day, count] of perDay)
      if (count > run.dailyBackupLimit)
        problems.push(`3. ${where} holds ${count} jobs on ${day}, over the limit of ${run.dailyBackupLimit}`);
    const ids = state.jobs.map((job) => job.jobId);
    if (new Set(ids).size !== ids.length) problems.push(`4. ${where} repeats a job id: ${ids.join(", ")}`);
  }

  for (const [instanceId, states] of byInstance) {
    const versions = states.map((state) => state.version ?? 0).sort((a, b) => a - b);
    const contiguous = versions.every((version, index) => index === 0 || version === versions[index - 1]! + 1);
    if (!contiguous) problems.push(`4. the versions written for ${instanceId} are not distinct and contiguous: ${versions.join(", ")}`);
    const final = run.finals.get(instanceId);
    if ((final?.version ?? 0) !== versions.at(-1))
      problems.push(`4. the final state of ${instanceId} is v${final?.version ?? "none"}, but v${versions.at(-1)} was written`);
    const seen = new Map<string, BackupJob>();
    for (const state of states) {
      for (const job of state.jobs) {
        const earlier = seen.get(job.jobId);
        if (earlier !== undefined && (earlier.createdAt !== job.createdAt || earlier.method !== job.method)) {
          problems.push(`4. job id ${job.jobId} of ${instanceId} names two jobs (created ${earlier.createdAt} and ${job.createdAt})`);
        }
        seen.set(job.jobId, job);
      }
    }
  }

  for (const { instanceId, jobId } of run.accepted) {
    const final = run.finals.get(instanceId);
    if (final?.jobs.some((job) => job.jobId === jobId)) continue;
    const states = (byInstance.get(instanceId) ?? []).filter((state) => state.jobs.some((job) => job.jobId === jobId));
    const last = states
      .sort((a, b) => (a.version ?? 0) - (b.version ?? 0))
      .at(-1)
      ?.jobs.find((job) => job.jobId === jobId);
    const pruned =
      last !== undefined && TERMINAL.has(last.status) && Date.parse(run.latestNow) - Date.parse(last.createdAt) > PRUNE_AFTER_MS;
    if (!pruned)
      problems.push(
        `1. the accepted job ${jobId} of ${instanceId} is not in its final state${last === undefined ? " and was never written" : ` (last written as ${last.status})`}`,
      );
  }
  return problems;
}

/** A CreateBackup call made with an idempotency key, and the BackupJobId it answered (undefined when refused). */
export interface KeyedCall {
  readonly instanceId: string;
  readonly idempotencyKey: string;
  readonly jobId: string | undefined;
}

/**
 * 5. Exactly once: the calls with one key on one instance queue one job between them (one job id
 * carries the key in every state written), and every call that succeeded answered that job's id.
 * For runs that use each key within 48 hours (so its job is never pruned before the last call).
 */
export function exactlyOnceProblems(written: readonly WrittenState[], calls: readonly KeyedCall[]): string[] {
  const problems: string[] = [];
  const groups = new Map<string, KeyedCall[]>();
  for (const call of calls)
    groups.set(`${call.instanceId}\u0000${call.idempotencyKey}`, [
      ...(groups.get(`${call.instanceId}\u0000${call.idempotencyKey}`) ?? []),
      call,
    ]);
  for (const group of groups.values()) {
    const { instanceId, idempotencyKey } = group[0]!;
    const keyed = new Set(
      written
        .filter((each) => each.instanceId === instanceId)
        .flatMap(({ state }) => state.jobs.filter((job) => job.idempotencyKey === idempotencyKey).map((job) => job.jobId)),
    );
    const answered = new Set(group.flatMap((call) => (call.jobId === undefined ? [] : [call.jobId])));
    if (keyed.size > 1) problems.push(`5. key ${idempotencyKey} of ${instanceId} queued ${keyed.size} jobs: ${[...keyed].join(", ")}`);
    if (answered.size > 1 || [...answered].some((jobId) => !keyed.has(jobId))) {
      problems.push(
        `5. the calls with key ${idempotencyKey} of ${instanceId} answered ${[...answered].join(", ")}, but the key's job is ${[...keyed].join(", ") || "none"}`,
      );
    }
  }
  return problems;
}
