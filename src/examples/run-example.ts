import type { DecisionContext, InstanceState, JobUpdate } from "../domain/types";
import type { BackupDecision, JobDecision } from "../rules/violation";
import { advanceBackupJob } from "../decisions/advance-backup-job";
import { createBackup } from "../decisions/create-backup";
import type { ExampleCall } from "./rule-examples";

/**
 * Runs an example call through the library, as the docs generator, the CLI and the tests do.
 * Example arguments are deliberately untyped (some are invalid on purpose); the library is total.
 *
 * @example
 * ```ts
 * import { RULE_EXAMPLES, runExample } from "rds-backup-rules/examples";
 *
 * const decision = runExample(RULE_EXAMPLES["action.missing"].violating);
 * expect(!decision.ok && decision.error.rule).toBe("action.missing");
 * ```
 */
export function runExample(example: ExampleCall): BackupDecision | JobDecision {
  const state = example.state as InstanceState;
  const context = example.context as DecisionContext;
  return example.call === "createBackup"
    ? createBackup(state, example.request, context)
    : advanceBackupJob(state, example.update as JobUpdate, context);
}
