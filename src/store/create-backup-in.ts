import { createBackup, requestedInstanceId, RULES, type BackupDecision, type DecisionContext, type InstanceState } from "../index";
import { callKeyOf } from "./call-key";
import { commitLoop } from "./commit-loop";
import type { CommitOptions } from "./commit-options";
import { notRegistered } from "./core-violations";
import type { StateStore, StoreDecision } from "./state-store";
import { placeholderState } from "./placeholder-state";
import { writeIfChanged } from "./write-if-changed";

/** The rules a request can break whatever the state (rules 1 and 3–13): those before `instance-id.not-found`. */
const BEFORE_THE_STATE: ReadonlySet<string> = new Set(RULES.slice(0, RULES.findIndex((rule) => rule.id === "instance-id.not-found")).map((rule) => rule.id));

/**
 * `createBackup` through a store: finds the state of the instance the request names, decides on
 * it, and writes an accepted decision with a compare-and-set on the version it loaded, deciding
 * again on the fresh state when another writer got there first. A refusal or a replay writes
 * nothing. A request refused before the state matters (rules 1, 3–13, or no DBInstanceId) gets
 * the violation `createBackup` gives; an instance with no stored state gets
 * `instance-id.not-found`; a store that fails gets `store.unavailable` and lost races
 * `store.contention`. Never throws.
 *
 * @example
 * ```ts
 * import { createBackupIn, memoryStore, registerInstance } from "rds-backup-rules/store";
 *
 * const store = memoryStore();
 * await registerInstance(store, { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] });
 * const decision = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-03-02T08:00:00Z", requestId: "r-1" });
 * expect(decision.ok && decision.response).toEqual({ BackupJobId: "2", RequestId: "r-1" });
 * expect(decision.attempts).toBe(1);
 * const again = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-03-02T08:01:00Z" });
 * expect(!again.ok && again.error.rule).toBe("instance.backup-in-progress");
 * const unknown = await createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-2", { now: "2026-03-02T08:00:00Z" });
 * expect(!unknown.ok && unknown.error.rule).toBe("instance-id.not-found");
 * ```
 */
export async function createBackupIn(
  store: StateStore,
  request: unknown,
  context: DecisionContext,
  options?: CommitOptions,
): Promise<StoreDecision<BackupDecision>> {
  const instanceId = requestedInstanceId(request);
  // No DBInstanceId: rules 3, 4 or 7 (or 1) refuse whatever the state, so any valid state shows which.
  if (instanceId === undefined) return { ...createBackup(placeholderState("rm-placeholder"), request, context), attempts: 0 };
  return commitLoop<BackupDecision>(
    {
      store,
      operation: "createBackupIn",
      instanceId,
      callKey: callKeyOf(instanceId, context),
      decide: (loaded) => {
        if (loaded === undefined) {
          const early = createBackup(placeholderState(instanceId), request, context);
          return { decision: !early.ok && BEFORE_THE_STATE.has(early.error.rule) ? early : { ok: false, error: notRegistered(instanceId) } };
        }
        return writeIfChanged(loaded, createBackup(loaded as InstanceState, request, context));
      },
    },
    options,
  );
}
