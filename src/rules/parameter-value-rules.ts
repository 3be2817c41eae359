/**
 * The value of each CreateBackup parameter.
 *
 * | rule | id |
 * |---:|---|
 * | 9 | `backup-method.invalid-value` |
 * | 10 | `backup-strategy.invalid-value` |
 * | 11 | `backup-type.invalid-value` |
 * | 12 | `db-name.malformed` |
 * | 13 | `retention.invalid-value` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  DEFAULT_BACKUP_METHOD,
  DEFAULT_BACKUP_TYPE,
  RETENTION,
} from "../domain/vocabulary";
import type { Field } from "../input/request-fields";
import { oneOf, quote } from "../text/describe";
import { nearestName } from "../text/nearest-name";
import { defineDetailedRule, type DetailedFinding } from "./rule";

/**
 * What a rule says about an invalid value of its parameter: what is accepted, and whether to
 * explain why (`explain`) or suggest the nearest accepted value (`values`). Built once, at load:
 * a check runs on every decision, a message only on a refusal. Every field is given, so none can
 * be inherited from `Object.prototype`.
 */
interface Advice {
  readonly parameter: string;
  readonly accepted: string;
  readonly explain: boolean;
  readonly values: readonly string[] | undefined;
}

/**
 * The details of an invalid parameter value (rules 9–13): the value received, why it is refused,
 * and the nearest accepted value for the parameters that have a list of values (BackupMethod,
 * BackupStrategy, BackupType).
 */
export interface InvalidValueDetails {
  readonly value: string;
  readonly reason: string;
  readonly suggestion: string | undefined;
}

/** The finding for a field whose value is invalid. */
function invalidValue(field: Field<unknown>, { parameter, values }: Advice): DetailedFinding<InvalidValueDetails> | undefined {
  if (field.kind !== "invalid") return undefined;
  return { details: { value: field.raw, reason: field.reason, suggestion: values && nearestName(field.raw, values) }, parameter };
}

/** The message of an invalid value: the value received, why or the nearest accepted value, and what is accepted. */
function invalidValueMessage({ value, reason, suggestion }: InvalidValueDetails, { parameter, accepted, explain }: Advice): string {
  const why = explain ? ` (${reason})` : suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
  return `${parameter} ${quote(value)} is not valid${why}; ${accepted}`;
}

const METHOD_ADVICE: Advice = {
  parameter: "BackupMethod",
  accepted: `use ${oneOf(BACKUP_METHODS)}, or omit it for ${DEFAULT_BACKUP_METHOD}`,
  explain: false,
  values: BACKUP_METHODS,
};
const STRATEGY_ADVICE: Advice = {
  parameter: "BackupStrategy",
  accepted: "use db (single databases) or instance (the whole instance)",
  explain: false,
  values: BACKUP_STRATEGIES,
};
const TYPE_ADVICE: Advice = {
  parameter: "BackupType",
  accepted: `use ${oneOf(BACKUP_TYPES)}, or omit it for ${DEFAULT_BACKUP_TYPE}`,
  explain: false,
  values: BACKUP_TYPES,
};
const DB_NAME_ADVICE: Advice = {
  parameter: "DBName",
  accepted: 'list database names separated by commas, each 1 to 64 letters, digits, "_" or "-", starting with a letter, each once',
  explain: true,
  values: undefined,
};
const RETENTION_ADVICE: Advice = {
  parameter: "BackupRetentionPeriod",
  accepted: `use an integer from ${RETENTION.min} to ${RETENTION.max} (days), or ${RETENTION.longTerm} to keep the backup long-term`,
  explain: true,
  values: undefined,
};

/** Rule 9: BackupMethod is Logical, Physical or Snapshot. */
export const backupMethodInvalidValue = defineDetailedRule({
  id: "backup-method.invalid-value",
  code: "InvalidBackupMethod.ValueNotSupport",
  httpStatus: 400,
  title: "BackupMethod is a known method",
  description: `BackupMethod, when given, is ${oneOf(BACKUP_METHODS)} (case-sensitive); without it the method is ${DEFAULT_BACKUP_METHOD}.`,
  requires: ["fields"],
  check: ({ fields }) => invalidValue(fields.backupMethod, METHOD_ADVICE),
  message: (details: InvalidValueDetails) => invalidValueMessage(details, METHOD_ADVICE),
});

/** Rule 10: BackupStrategy is db or instance. */
export const backupStrategyInvalidValue = defineDetailedRule({
  id: "backup-strategy.invalid-value",
  code: "InvalidBackupStrategy.ValueNotSupport",
  httpStatus: 400,
  title: "BackupStrategy is a known strategy",
  description: `BackupStrategy, when given, is ${oneOf(BACKUP_STRATEGIES)}: single-database or whole-instance backups.`,
  requires: ["fields"],
  check: ({ fields }) => invalidValue(fields.backupStrategy, STRATEGY_ADVICE),
  message: (details: InvalidValueDetails) => invalidValueMessage(details, STRATEGY_ADVICE),
});

/** Rule 11: BackupType is Auto or FullBackup. */
export const backupTypeInvalidValue = defineDetailedRule({
  id: "backup-type.invalid-value",
  code: "BackupType.NotSupport",
  httpStatus: 400,
  title: "BackupType is a known type",
  description: `BackupType, when given, is ${oneOf(BACKUP_TYPES)}; without it the type is ${DEFAULT_BACKUP_TYPE}.`,
  requires: ["fields"],
  check: ({ fields }) => invalidValue(fields.backupType, TYPE_ADVICE),
  message: (details: InvalidValueDetails) => invalidValueMessage(details, TYPE_ADVICE),
});

/** Rule 12: DBName is a comma-separated list of well-formed, distinct database names. */
export const dbNameMalformed = defineDetailedRule({
  id: "db-name.malformed",
  code: "InvalidDBName.Malformed",
  httpStatus: 400,
  title: "DBName lists well-formed database names",
  description:
    "DBName is database names separated by commas; each is 1 to 64 letters, digits, `_` and `-`, starting with a letter. " +
    "No item is empty and none repeats (compared exactly).",
  requires: ["fields"],
  check: ({ fields }) => invalidValue(fields.dbNames, DB_NAME_ADVICE),
  message: (details: InvalidValueDetails) => invalidValueMessage(details, DB_NAME_ADVICE),
});

/** Rule 13: BackupRetentionPeriod is 7 to 730 days, or -1. */
export const retentionInvalidValue = defineDetailedRule({
  id: "retention.invalid-value",
  code: "InvalidBackupRetentionPeriod.ValueNotSupport",
  httpStatus: 400,
  title: "BackupRetentionPeriod is 7 to 730 days, or -1",
  description: `BackupRetentionPeriod, when given, is an integer from ${RETENTION.min} to ${RETENTION.max} (days), or ${RETENTION.longTerm} to keep the backup long-term.`,
  requires: ["fields"],
  check: ({ fields }) => invalidValue(fields.retentionPeriod, RETENTION_ADVICE),
  message: (details: InvalidValueDetails) => invalidValueMessage(details, RETENTION_ADVICE),
});
