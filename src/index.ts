/**
 * rds-backup-rules: the validation authority for ApsaraDB RDS CreateBackup requests.
 *
 * @packageDocumentation
 */
export { createBackup, listViolations } from "./decisions/create-backup";
export { advanceBackupJob } from "./decisions/advance-backup-job";
export { parseInstanceState } from "./decisions/parse-instance-state";
export { toErrorResponse, type ErrorResponse } from "./decisions/to-error-response";
export { RULES, type RuleId, type CreateBackupRuleId } from "./rules/catalog";
export { RULESET_VERSION } from "./domain/ruleset-version";
export { JOB_TRANSITIONS } from "./domain/job-transitions";
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
export { requestedInstanceId } from "./decisions/requested-instance-id";
