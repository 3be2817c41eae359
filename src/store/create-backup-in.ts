import {
  checkRequest,
  createBackup,
  parseDecisionContext,
  requestedInstanceId,
  type BackupDecision,
  type DecisionContext,
  type InstanceState,
} from "../index";
import { callKeyOf } from "./call-key";
import { commitLoop } from "./commit-loop";
import type { CommitOptions } from "./commit-options";
import { notRegistered } from "./core-violations";
import type { StateStore, StoreDecision } from "./state-store";
import { writeIfChanged } from "./write-if-changed";

/**
 * `createBackup` through a store: finds the state of the instance the request names, decides on
 * it, and writes an accepted decision with a compare-and-set on the version it loaded, deciding
 * again on the fresh state when another writer got there first. A refusal or a replay writes
 * nothing. A context or request refused before the state matters (rules 1 and 3–13) gets the
 * violation `createBackup` gives; an instance with no stored state, or a DBInstanceId no instance
 * can have (not well-formed text), gets
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
  const checkedContext = parseDecisionContext(context);
  if (!checkedContext.ok) return { ok: false, error: checkedContext.error, attempts: 0 };
  const instanceId = requestedInstanceId(request);
  // No instance named: rules 3–13 refuse the request itself, or its DBInstanceId is text no instance can have.
  // (The request's own checks run only where nothing stored decides: here, and below when nothing is stored.)
  if (instanceId === undefined) return { ok: false, error: checkRequest(request)[0] ?? notRegistered(undefined), attempts: 0 };
  return commitLoop<BackupDecision>(
    {
      store,
      operation: "createBackupIn",
      instanceId,
      callKey: () => callKeyOf(instanceId, context),
      decide: (loaded) => {
        // Nothing stored: the request's own faults still come first, as the core orders them.
        if (loaded === undefined) return { decision: { ok: false, error: checkRequest(request)[0] ?? notRegistered(instanceId) } };
        return writeIfChanged(loaded, createBackup(loaded as InstanceState, request, context));
      },
    },
    options,
  );
}
