import {
  advanceBackupJob,
  parseDecisionContext,
  type DecisionContext,
  type InstanceState,
  type JobDecision,
  type JobUpdate,
} from "../index";
import { callKeyOf } from "./call-key";
import { commitLoop } from "./commit-loop";
import type { CommitOptions } from "./commit-options";
import { notRegistered } from "./core-violations";
import type { StateStore, StoreDecision } from "./state-store";
import { writeIfChanged } from "./write-if-changed";

/**
 * `advanceBackupJob` through a store: loads the instance's state, moves the job, and writes the
 * new state with a compare-and-set on the version it loaded, deciding again on the fresh state
 * when another writer got there first. A refusal or an idempotent repeat (the job already has
 * that status) writes nothing. An instance with no stored state gets `instance-id.not-found`
 * (after `context.invalid`, which any state would give); a store that fails gets
 * `store.unavailable` and lost races `store.contention`. Never throws.
 *
 * @example
 * ```ts
 * import { advanceBackupJobIn, createBackupIn, memoryStore, registerInstance } from "rds-backup-rules/store";
 *
 * const store = memoryStore();
 * await registerInstance(store, { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [] });
 * const created = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-03-02T08:00:00Z" });
 * const jobId = created.ok ? created.job.jobId : "";
 * const finished = await advanceBackupJobIn(store, "rm-1", { jobId, status: "Finished" }, { now: "2026-03-02T08:30:00Z" });
 * expect(finished.ok && finished.job.status).toBe("Finished");
 * const repeat = await advanceBackupJobIn(store, "rm-1", { jobId, status: "Finished" }, { now: "2026-03-02T08:31:00Z" });
 * expect(repeat.ok && repeat.state.version).toBe(3);
 * ```
 */
export async function advanceBackupJobIn(
  store: StateStore,
  instanceId: string,
  update: JobUpdate,
  context: DecisionContext,
  options?: CommitOptions,
): Promise<StoreDecision<JobDecision>> {
  const checkedContext = parseDecisionContext(context);
  if (!checkedContext.ok) return { ok: false, error: checkedContext.error, attempts: 0 };
  if (typeof instanceId !== "string" || instanceId === "") {
    return { ok: false, error: notRegistered(typeof instanceId === "string" ? instanceId : `(a ${typeof instanceId})`), attempts: 0 };
  }
  return commitLoop<JobDecision>(
    {
      store,
      operation: "advanceBackupJobIn",
      instanceId,
      callKey: () => callKeyOf(instanceId, context),
      decide: (loaded) => {
        if (loaded === undefined) return { decision: { ok: false, error: notRegistered(instanceId) } };
        return writeIfChanged(loaded, advanceBackupJob(loaded as InstanceState, update, context));
      },
    },
    options,
  );
}
