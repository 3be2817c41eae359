import type { NestedCondition, RuleProperties, TopLevelCondition } from "json-rules-engine";
import type { CreateBackupRuleId } from "../../src/index";
import { BACKUP_METHODS, BACKUP_STRATEGIES, BACKUP_TYPES } from "../../src/domain/vocabulary";

type Condition = Extract<NestedCondition, { fact: string }>;

const is = (fact: string, value: unknown): Condition => ({ fact, operator: "equal", value });
const isNot = (fact: string, value: unknown): Condition => ({ fact, operator: "notEqual", value });
const given = (fact: string): Condition => isNot(fact, null);
const all = (...conditions: NestedCondition[]): TopLevelCondition => ({ all: conditions });
const invalidValue = (fact: string, values: readonly string[]) => all(given(fact), { fact, operator: "notIn", value: [...values] });

const MYSQL_LOGICAL = all(is("engine", "MySQL"), is("method", "Logical"));
const SQLSERVER_FULL = all(is("engine", "SQLServer"), is("method", "Physical"), is("backupType", "FullBackup"));

/** The conditions of each CreateBackup rule, in precedence order (docs/rules.md). */
const CONDITIONS: ReadonlyArray<readonly [CreateBackupRuleId, TopLevelCondition]> = [
  ["context.invalid", { any: [is("contextValid", false), is("jobIdTaken", true)] }],
  ["state.invalid", all(is("stateValid", false))],
  ["request.malformed", all(is("requestForm", "invalid"))],
  ["parameter.malformed", all(is("parameterMalformed", true))],
  ["action.missing", all({ fact: "Action", operator: "in", value: [null, ""] })],
  ["action.unsupported", all(isNot("Action", "CreateBackup"))],
  ["instance-id.missing", all({ fact: "DBInstanceId", operator: "in", value: [null, ""] })],
  ["parameter.unknown", all(is("unknownParameter", true))],
  ["backup-method.invalid-value", invalidValue("BackupMethod", BACKUP_METHODS)],
  ["backup-strategy.invalid-value", invalidValue("BackupStrategy", BACKUP_STRATEGIES)],
  ["backup-type.invalid-value", invalidValue("BackupType", BACKUP_TYPES)],
  ["db-name.malformed", all(is("dbNameWellFormed", false))],
  ["retention.invalid-value", all(is("retentionWellFormed", false))],
  ["instance-id.not-found", all(isNot("DBInstanceId", { fact: "instanceId" }))],
  ["idempotency-key.reused", all(is("keyMatch", "reused"))],
  ["instance.not-running", all(isNot("status", "Running"))],
  ["backup-method.logical-requires-mysql", all(is("method", "Logical"), isNot("engine", "MySQL"))],
  ["backup-method.logical-requires-local-disk", all(is("method", "Logical"), is("localDisk", false))],
  ["backup-method.mariadb-snapshot-uses-physical", all(is("method", "Snapshot"), is("engine", "MariaDB"))],
  ["backup-method.snapshot-requires-cloud-disk", all(is("method", "Snapshot"), is("localDisk", true))],
  ["backup-method.mysql-cloud-disk-uses-snapshot", all(is("method", "Physical"), is("engine", "MySQL"), is("localDisk", false))],
  ["backup-type.requires-physical", all(is("backupType", "FullBackup"), isNot("method", "Physical"))],
  ["backup-strategy.scope", all(given("BackupStrategy"), { not: { any: [MYSQL_LOGICAL, SQLSERVER_FULL] } })],
  ["backup-strategy.mysql-version", all(is("BackupStrategy", "db"), is("engine", "MySQL"), is("undocumentedSingleDatabaseVersion", true))],
  ["db-name.requires-db-strategy", all(given("DBName"), isNot("BackupStrategy", "db"))],
  ["db-name.missing", all(is("BackupStrategy", "db"), is("DBName", null))],
  [
    "retention.scope",
    all(given("BackupRetentionPeriod"), isNot("engine", "MySQL"), { not: all(SQLSERVER_FULL, is("BackupStrategy", "db")) }),
  ],
  ["backup-method.logical-requires-database", all(is("method", "Logical"), is("databaseCount", 0))],
  ["db-name.not-found", all(is("missingDatabase", true))],
  ["instance.backup-in-progress", all({ fact: "ongoingJobs", operator: "greaterThan", value: 0 })],
  ["instance.daily-limit-reached", all({ fact: "jobsToday", operator: "greaterThanInclusive", value: { fact: "dailyBackupLimit" } })],
];

/** Rules 16–31 are not checked on a replay (the request repeats the job carrying its key). */
const FIRST_BACKUP_RULE = CONDITIONS.findIndex(([id]) => id === "instance.not-running");

/**
 * The 31 rules as json-rules-engine rules: one priority level each, so they run one after the
 * other in precedence order, and the event of the first that fires names the violated rule.
 */
export const JSON_RULES: readonly RuleProperties[] = CONDITIONS.map(([id, conditions], index) => ({
  name: id,
  priority: CONDITIONS.length - index,
  conditions: index < FIRST_BACKUP_RULE ? conditions : all(isNot("keyMatch", "replay"), conditions),
  event: { type: id },
}));
