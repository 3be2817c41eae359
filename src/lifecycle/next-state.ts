import { Immer, type Draft } from "immer";
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
  return immer.produce(state, (draft) => {
    change(draft);
    if (!draft.jobs.every((job) => isJobKept(job, now))) {
      draft.jobs = draft.jobs.filter((job) => isJobKept(job, now));
    }
    draft.version = (state.version ?? 0) + 1;
  });
}
