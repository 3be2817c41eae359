import type { InstanceState } from "../index";

/**
 * A valid Running instance with no jobs and no databases: the rules a request breaks whatever the
 * state (rules 1 and 3–13) judge it against this one as against any other, so the store layer can
 * answer them for an instance that has no stored state.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { placeholderState } from "./placeholder-state";
 *
 * const decision = createBackup(placeholderState("rm-1"), "Action=CreateBackup&DBInstanceId=rm-1&Colour=red", { now: "2026-03-02T08:00:00Z" });
 * expect(!decision.ok && decision.error.rule).toBe("parameter.unknown");
 * ```
 */
export function placeholderState(instanceId: string): InstanceState {
  return { instanceId, engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [] };
}
