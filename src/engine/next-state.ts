import { Immer, castDraft } from "immer";
import type { BackupJob, InstanceState } from "../domain/types";
import { versionOf } from "../input/parse-state";
import { hasOwn } from "../input/parsed";
import { isJobKept } from "./retention";

/** A private Immer: the user's global `setAutoFreeze` cannot change what this library returns. */
const immer = new Immer({ autoFreeze: true });

/**
 * The state an accepted decision returns, made through immer (structural sharing; the result is
 * frozen): the jobs that `isJobKept` keeps of those the decision started with, changed by
 * `changeJobs`, and `version` plus one. Pruning looks at the jobs as they were before the change,
 * so a job the decision itself finishes stays until the next decision.
 *
 * @example
 * ```ts
 * import { nextState } from "./next-state";
 *
 * const old = { jobId: "1", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z" } as const;
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [old] } as const;
 * const next = nextState(state, Date.parse("2026-01-05T00:00:00Z"), (jobs) => [...jobs, { ...old, jobId: "2", status: "NoStart" }]);
 * expect(next.jobs.map((job) => job.jobId)).toEqual(["2"]);
 * expect(next.version).toBe(1);
 * expect(state.jobs).toHaveLength(1);
 * ```
 */
export function nextState(
  state: InstanceState,
  now: number,
  changeJobs: (kept: readonly BackupJob[]) => readonly BackupJob[],
): InstanceState {
  const kept = state.jobs.every((job) => isJobKept(job, now)) ? state.jobs : state.jobs.filter((job) => isJobKept(job, now));
  const jobs = changeJobs(kept);
  // Immer freezes the whole result, walking every property of every object it has not seen
  // frozen. Freezing what we know the shape of first lets it skip those walks: the same tree,
  // frozen the same.
  jobs.forEach(freezeJob);
  Object.freeze(jobs);
  Object.freeze(state.databases);
  return immer.produce(state, (draft) => {
    draft.jobs = castDraft(jobs);
    draft.version = versionOf(state) + 1;
  });
}

/** Freezes a job of the new state (a copy the decision made) and its DBName list. */
function freezeJob(job: BackupJob): void {
  // An own dbNames only: freezing one inherited from Object.prototype would change someone else's object.
  if (hasOwn(job, "dbNames")) Object.freeze(job.dbNames);
  Object.freeze(job);
}
