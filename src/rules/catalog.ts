import type { RuleInfo } from "../domain/types";
import { backupMethodInvalidValue, backupStrategyInvalidValue, backupTypeInvalidValue, dbNameMalformed, retentionInvalidValue } from "./parameter-value-rules";
import {
  logicalRequiresLocalDisk,
  logicalRequiresMysql,
  mariadbSnapshotUsesPhysical,
  mysqlCloudDiskUsesSnapshot,
  snapshotRequiresCloudDisk,
} from "./backup-method-rules";
import { dbNameNotFound, logicalRequiresDatabase } from "./database-rules";
import { contextInvalid, parameterMalformed, requestMalformed, stateInvalid } from "./input-rules";
import { idempotencyKeyReused } from "./idempotency-rules";
import { instanceIdNotFound, instanceNotRunning } from "./instance-rules";
import { jobInvalidTransition, jobNotFound, jobStatusInvalidValue } from "./job-rules";
import {
  backupStrategyMysqlVersion,
  backupStrategyScope,
  backupTypeRequiresPhysical,
  dbNameMissing,
  dbNameRequiresDbStrategy,
  retentionScope,
} from "./option-scope-rules";
import { backupInProgress, dailyLimitReached } from "./quota-rules";
import { actionMissing, actionUnsupported, instanceIdMissing, parameterUnknown } from "./required-parameter-rules";
import type { FactName, Rule } from "./rule";

/**
 * CreateBackup rules 1–15: the arguments, the request's parameters, the instance id and the
 * idempotency key. Checked for every request, replays included.
 */
export const REQUEST_RULES = [
  contextInvalid,
  stateInvalid,
  requestMalformed,
  parameterMalformed,
  actionMissing,
  actionUnsupported,
  instanceIdMissing,
  parameterUnknown,
  backupMethodInvalidValue,
  backupStrategyInvalidValue,
  backupTypeInvalidValue,
  dbNameMalformed,
  retentionInvalidValue,
  instanceIdNotFound,
  idempotencyKeyReused,
] as const;

/**
 * CreateBackup rules 16–31: whether the instance can take this backup now. Not checked for a
 * replay (a request that repeats the job carrying its idempotency key), which answers with that job
 * whatever has happened since.
 */
export const BACKUP_RULES = [
  instanceNotRunning,
  logicalRequiresMysql,
  logicalRequiresLocalDisk,
  mariadbSnapshotUsesPhysical,
  snapshotRequiresCloudDisk,
  mysqlCloudDiskUsesSnapshot,
  backupTypeRequiresPhysical,
  backupStrategyScope,
  backupStrategyMysqlVersion,
  dbNameRequiresDbStrategy,
  dbNameMissing,
  retentionScope,
  logicalRequiresDatabase,
  dbNameNotFound,
  backupInProgress,
  dailyLimitReached,
] as const;

/**
 * The CreateBackup rules 1–31, in precedence order: `createBackup` returns the first violated one,
 * `listViolations` all of them, in this order.
 */
export const CREATE_BACKUP_RULES = [...REQUEST_RULES, ...BACKUP_RULES] as const;

/** The advanceBackupJob rules, in precedence order: rules 1 and 2, then 32–34. */
export const ADVANCE_JOB_RULES = [contextInvalid, stateInvalid, jobNotFound, jobStatusInvalidValue, jobInvalidTransition] as const;

/** Every rule once, in spec order: 1–31, then 32–34. */
export const RULE_CATALOG = [...CREATE_BACKUP_RULES, jobNotFound, jobStatusInvalidValue, jobInvalidTransition] as const;

/** The id of one of the 34 rules. */
export type RuleId = (typeof RULE_CATALOG)[number]["id"];

/** The id of one of the 31 CreateBackup rules. */
export type CreateBackupRuleId = (typeof CREATE_BACKUP_RULES)[number]["id"];

/** A rule of either catalog, with its check. */
export type AnyRule = Rule<RuleId, FactName>;

/**
 * The public catalog: each rule's id, code, HTTP status, title and description, in spec order.
 * Frozen; docs, the CLI and tests read it.
 *
 * @example
 * ```ts
 * expect(RULES).toHaveLength(34);
 * expect(RULES[15]).toMatchObject({ id: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403 });
 * ```
 */
export const RULES: readonly (RuleInfo & { readonly id: RuleId })[] = Object.freeze(
  RULE_CATALOG.map(({ id, code, httpStatus, title, description }) => Object.freeze({ id, code, httpStatus, title, description })),
);
