/**
 * rds-backup-rules: the validation authority for ApsaraDB RDS CreateBackup requests.
 *
 * @packageDocumentation
 */
export { createBackup, listViolations } from "./reducer/create-backup";
export { advanceBackupJob } from "./lifecycle/advance-backup-job";
export { parseInstanceState } from "./reducer/parse-instance-state";
export { toErrorResponse, type ErrorResponse } from "./reducer/to-error-response";
export { RULES, type RuleId, type CreateBackupRuleId } from "./rules/catalog";
export { RULESET_VERSION } from "./ruleset-version";
export { JOB_TRANSITIONS } from "./lifecycle/job-transitions";
export type {
  BackupDecision,
  BackupJob,
  DecisionContext,
  InstanceState,
  JobDecision,
  JobUpdate,
  RuleInfo,
  Violation,
} from "./domain/types";
export type {
  BackupMethod,
  BackupStrategy,
  BackupType,
  DBInstanceStatus,
  Engine,
  JobMode,
  JobStatus,
  StorageType,
} from "./domain/vocabulary";
