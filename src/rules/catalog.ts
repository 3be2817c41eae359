import type { RuleInfo } from "../domain/types";
import {
  backupMethodInvalidValue,
  backupStrategyInvalidValue,
  backupTypeInvalidValue,
  dbNameMalformed,
  retentionInvalidValue,
} from "./parameter-value-rules";
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
import type { DetailedRule, FactName, Rule } from "./rule";

/** The facts that come from the request alone. */
type RequestFact = "requestInput" | "rawParameters" | "fields" | "request";

/**
 * CreateBackup rules 3–13: the ones that need only the request (its form, its parameters and
 * their values), so `checkRequest` judges them before any state or context exists.
 */
export const REQUEST_ALONE_RULES = [
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
] as const satisfies readonly { readonly requires: readonly RequestFact[] }[];

/**
 * CreateBackup rules 1–15: the arguments, the request's parameters, the instance id and the
 * idempotency key. Checked for every request, replays included.
 */
export const REQUEST_RULES = [contextInvalid, stateInvalid, ...REQUEST_ALONE_RULES, instanceIdNotFound, idempotencyKeyReused] as const;

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

/** A rule of either catalog, with its check (and, for a rule with typed details, its message). */
export type AnyRule = Rule<RuleId, FactName> | DetailedRule<RuleId, FactName, unknown>;

/** The typed details of a rule of the catalog, by its id: the rules with typed details only. */
type DetailsOf<R> = R extends DetailedRule<infer Id, FactName, infer Details> ? { readonly [K in Id]: Details } : never;
type Merged<T> = { readonly [K in keyof T]: T[K] };
type UnionToIntersection<U> = (U extends unknown ? (each: U) => void : never) extends (all: infer I) => void ? I : never;

/**
 * The typed `details` of a violation, by rule id, for the rules whose details a caller reads (the
 * suggestion, the status, the job in progress, the limit…); derived from the catalog.
 */
export type ViolationDetails = Merged<UnionToIntersection<DetailsOf<(typeof RULE_CATALOG)[number]>>>;

/** The decision functions a rule is checked by. */
export type Operation = "createBackup" | "advanceBackupJob";

/** The family a rule belongs to: what it is about (each family is one module of `src/rules/`). */
export type RuleFamily =
  | "arguments"
  | "required-parameters"
  | "parameter-values"
  | "instance"
  | "idempotency"
  | "backup-method"
  | "option-scope"
  | "database"
  | "quota"
  | "job";

/**
 * Each rule's family, keyed by the rule-id type: a rule added to the catalog does not compile
 * until it has one.
 */
const FAMILY: { readonly [Id in RuleId]: RuleFamily } = {
  "context.invalid": "arguments",
  "state.invalid": "arguments",
  "request.malformed": "arguments",
  "parameter.malformed": "arguments",
  "action.missing": "required-parameters",
  "action.unsupported": "required-parameters",
  "instance-id.missing": "required-parameters",
  "parameter.unknown": "required-parameters",
  "backup-method.invalid-value": "parameter-values",
  "backup-strategy.invalid-value": "parameter-values",
  "backup-type.invalid-value": "parameter-values",
  "db-name.malformed": "parameter-values",
  "retention.invalid-value": "parameter-values",
  "instance-id.not-found": "instance",
  "idempotency-key.reused": "idempotency",
  "instance.not-running": "instance",
  "backup-method.logical-requires-mysql": "backup-method",
  "backup-method.logical-requires-local-disk": "backup-method",
  "backup-method.mariadb-snapshot-uses-physical": "backup-method",
  "backup-method.snapshot-requires-cloud-disk": "backup-method",
  "backup-method.mysql-cloud-disk-uses-snapshot": "backup-method",
  "backup-type.requires-physical": "option-scope",
  "backup-strategy.scope": "option-scope",
  "backup-strategy.mysql-version": "option-scope",
  "db-name.requires-db-strategy": "option-scope",
  "db-name.missing": "option-scope",
  "retention.scope": "option-scope",
  "backup-method.logical-requires-database": "database",
  "db-name.not-found": "database",
  "instance.backup-in-progress": "quota",
  "instance.daily-limit-reached": "quota",
  "job.not-found": "job",
  "job-status.invalid-value": "job",
  "job.invalid-transition": "job",
};

/** One entry of `RULES`: a rule's public description, its number, the operations that check it, its family. */
export interface CatalogEntry extends RuleInfo {
  readonly id: RuleId;
  /** The rule's number: its 1-based position in `RULES` (docs/rules.md and the CLI show it). */
  readonly number: number;
  /** The functions that check it, in the order of the list: rules 1–2 serve both. */
  readonly operations: readonly Operation[];
  readonly family: RuleFamily;
}

const operationsOf = (id: RuleId): readonly Operation[] =>
  Object.freeze([
    ...(CREATE_BACKUP_RULES.some((rule) => rule.id === id) ? (["createBackup"] as const) : []),
    ...(ADVANCE_JOB_RULES.some((rule) => rule.id === id) ? (["advanceBackupJob"] as const) : []),
  ]);

/**
 * The public catalog: each rule's id, code, HTTP status, title and description, with its number,
 * the operations that check it and its family, in precedence order (createBackup's 1–31, then
 * advanceBackupJob's own 32–34). Frozen, deeply; docs, the CLI and tests read it.
 *
 * @example
 * ```ts
 * import { RULES } from "rds-backup-rules";
 *
 * expect(RULES).toHaveLength(34);
 * expect(RULES[15]).toMatchObject({ id: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403, number: 16 });
 * const jobRules = RULES.filter((rule) => rule.operations.includes("advanceBackupJob"));
 * expect(jobRules.map((rule) => rule.number)).toEqual([1, 2, 32, 33, 34]);
 * expect(RULES.filter((rule) => rule.family === "backup-method")).toHaveLength(5);
 * ```
 */
export const RULES: readonly CatalogEntry[] = Object.freeze(
  RULE_CATALOG.map(({ id, code, httpStatus, title, description }, index) =>
    Object.freeze({ id, code, httpStatus, title, description, number: index + 1, operations: operationsOf(id), family: FAMILY[id] }),
  ),
);
