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
 * The CreateBackup rules 1–30, in precedence order: `createBackup` returns the first violated one,
 * `listViolations` all of them, in this order.
 */
export const CREATE_BACKUP_RULES = [
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

/** The advanceBackupJob rules, in precedence order: rules 1 and 2, then 31–33. */
export const ADVANCE_JOB_RULES = [contextInvalid, stateInvalid, jobNotFound, jobStatusInvalidValue, jobInvalidTransition] as const;

/** Every rule once, in spec order: 1–30, then 31–33. */
export const RULE_CATALOG = [...CREATE_BACKUP_RULES, jobNotFound, jobStatusInvalidValue, jobInvalidTransition] as const;

/** The id of one of the 33 rules. */
export type RuleId = (typeof RULE_CATALOG)[number]["id"];

/** The id of one of the 30 CreateBackup rules. */
export type CreateBackupRuleId = (typeof CREATE_BACKUP_RULES)[number]["id"];

/** A rule of either catalog, with its check. */
export type AnyRule = Rule<RuleId, FactName>;

/**
 * The public catalog: each rule's id, code, HTTP status, title and description, in spec order.
 * Frozen; docs, the CLI and tests read it.
 *
 * @example
 * ```ts
 * expect(RULES).toHaveLength(33);
 * expect(RULES[14]).toMatchObject({ id: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403 });
 * ```
 */
export const RULES: readonly (RuleInfo & { readonly id: RuleId })[] = Object.freeze(
  RULE_CATALOG.map(({ id, code, httpStatus, title, description }) => Object.freeze({ id, code, httpStatus, title, description })),
);
