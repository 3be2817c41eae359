import type { BackupJob } from "../domain/types";
import { replayedJob } from "../rules/idempotency-rules";
import type { DecisionFacts } from "./decision-facts";

/**
 * The job a request replays (it repeats the job carrying the context's idempotency key), or
 * `undefined`: also when the state, the request or the context did not parse.
 *
 * @example
 * ```ts
 * import { DecisionFacts } from "./decision-facts";
 * import { replayOf } from "./replay-of";
 *
 * const job = { jobId: "7", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z", idempotencyKey: "k-1" } as const;
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Stopped", databases: [], jobs: [job] };
 * const facts = new DecisionFacts({ kind: "create", state, request: "Action=CreateBackup&DBInstanceId=rm-1", context: { now: "2026-01-01T01:00:00Z", idempotencyKey: "k-1" } });
 * expect(replayOf(facts)?.jobId).toBe("7");
 * ```
 */
export function replayOf(facts: DecisionFacts): BackupJob | undefined {
  const { state, request, context } = facts;
  if (state === undefined || request === undefined || context === undefined) return undefined;
  return replayedJob(state, request, context.idempotencyKey);
}
