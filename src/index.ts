/**
 * rds-backup-rules: the validation authority for ApsaraDB RDS CreateBackup requests.
 *
 * @packageDocumentation
 */
export { createBackup, listViolations } from "./decisions/create-backup";
export { advanceBackupJob } from "./decisions/advance-backup-job";
export { parseDecisionContext } from "./decisions/parse-decision-context";
export { checkRequest } from "./decisions/check-request";
export { traceDecision, traceJobUpdate, type DecisionTrace } from "./decisions/trace-decision";
export type { RuleVerdict } from "./engine/trace-rules";
export { parseInstanceState } from "./decisions/parse-instance-state";
export { toErrorResponse, type ErrorResponse, type ErrorResponseOptions } from "./decisions/to-error-response";
export { toHttpResponse, type ErrorBody, type HttpResponse } from "./decisions/to-http-response";
export {
  RULES,
  type CatalogEntry,
  type CreateBackupRuleId,
  type Operation,
  type RuleFamily,
  type RuleId,
  type ViolationDetails,
} from "./rules/catalog";
export type { BackupDecision, JobDecision, Violation } from "./rules/violation";
export type { ParameterUnknownDetails } from "./rules/required-parameter-rules";
export type { InvalidValueDetails } from "./rules/parameter-value-rules";
export type { InstanceNotRunningDetails } from "./rules/instance-rules";
export type { BackupInProgressDetails, DailyLimitReachedDetails } from "./rules/quota-rules";
export type { DbNameNotFoundDetails } from "./rules/database-rules";
export type { IdempotencyKeyReusedDetails } from "./rules/idempotency-rules";
export type { JobInvalidTransitionDetails } from "./rules/job-rules";
export { RULESET_VERSION } from "./domain/ruleset-version";
export { JOB_TRANSITIONS } from "./domain/job-transitions";
export type { BackupJob, CreateBackupResponse, DecisionContext, InstanceState, JobUpdate, RuleInfo } from "./domain/types";
export {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  ENGINES,
  INSTANCE_STATUSES,
  isLocalDisk,
  JOB_STATUSES,
  LOCAL_STORAGE_TYPES,
  STORAGE_TYPES,
} from "./domain/vocabulary";
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
export { isStorableText } from "./text/storable-text";
export { nearestName } from "./text/nearest-name";
