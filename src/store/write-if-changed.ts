import type { BackupDecision, JobDecision } from "../index";
import type { Attempt } from "./commit-loop";
import { storedVersion } from "./stored-version";

/**
 * One attempt's outcome for a decision taken on `loaded`: an acceptance that changed the version
 * is written with a compare-and-set on the loaded version; a refusal, a replay or an idempotent
 * repeat (version unchanged) is returned without writing.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { writeIfChanged } from "./write-if-changed";
 *
 * const loaded = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [], version: 4 } as const;
 * const accepted = createBackup(loaded, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-03-02T08:00:00Z" });
 * expect(writeIfChanged(loaded, accepted).write?.expectedVersion).toBe(4);
 * const refused = createBackup(loaded, "Action=CreateBackup", { now: "2026-03-02T08:00:00Z" });
 * expect(writeIfChanged(loaded, refused).write).toBeUndefined();
 * ```
 */
export function writeIfChanged<D extends BackupDecision | JobDecision>(loaded: unknown, decision: D): Attempt<D> {
  const version = storedVersion(loaded);
  if (!decision.ok || decision.state.version === version) return { decision };
  return { decision, write: { expectedVersion: version, next: decision.state } };
}
