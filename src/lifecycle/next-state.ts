import { Immer, castDraft, type Draft } from "immer";
import type { InstanceState } from "../domain/types";
import { isJobKept } from "./retention";

/** A private Immer: the user's global `setAutoFreeze` cannot change what this library returns. */
const immer = new Immer({ autoFreeze: true });

/**
 * The state an accepted decision returns: `change` applied through immer (structural sharing;
 * the result is frozen), terminal jobs older than 48 hours dropped, and `version` plus one.
 *
 * @example
 * ```ts
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [] } as const;
 * const next = nextState(state, 0, (draft) => { draft.databases.push("orders"); });
 * expect(next).toMatchObject({ databases: ["orders"], version: 1 });
 * expect(state.databases).toEqual([]);
 * ```
 */
export function nextState(state: InstanceState, now: number, change: (draft: Draft<InstanceState>) => void): InstanceState {
  const changed = immer.produce(state, (draft) => {
    change(draft);
    draft.version = (state.version ?? 0) + 1;
  });
  // Pruning reads the jobs of the (frozen, plain) result: reading them through the draft would make
  // a draft of every job. When some are old enough to drop, a second produce replaces the list.
  if (changed.jobs.every((job) => isJobKept(job, now))) return changed;
  return immer.produce(changed, (draft) => {
    draft.jobs = castDraft(changed.jobs.filter((job) => isJobKept(job, now)));
  });
}
