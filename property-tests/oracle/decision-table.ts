/**
 * An independent decision table for CreateBackup, written from the product specification (rule
 * set 1.1), not from `src/`: one row per rule that the
 * combinations of `combination.ts` can reach, in precedence order. The first row whose condition
 * holds is the rule `createBackup` must refuse with; when none holds, it must accept. A request
 * that repeats the job carrying its idempotency key is replayed once the rows before rule 15 pass:
 * the later rows are not looked at.
 */
import type { Combination } from "./combination";

type Row = readonly [rule: string, violatedWhen: (c: Combination) => boolean];

const isMySql = (c: Combination) => c.engine === "MySQL documented" || c.engine === "MySQL other";
/** local_ssd and ephemeral_ssd (Premium Local SSD) are the local disks. */
const isLocal = (c: Combination) => c.storage === "local_ssd" || c.storage === "ephemeral_ssd";
/** The method: given, or Physical by default (an invalid one stops at rule 9). */
const method = (c: Combination) => (c.method === "absent" ? "Physical" : c.method);
/** The type: given, or Auto by default. */
const type = (c: Combination) => (c.type === "absent" ? "Auto" : c.type);
const strategyGiven = (c: Combination) => c.strategy === "db" || c.strategy === "instance";
const dbNameGiven = (c: Combination) => c.dbName !== "absent";
const sqlServerPhysicalFull = (c: Combination) => c.engine === "SQLServer" && method(c) === "Physical" && type(c) === "FullBackup";
/** Whether every DBName item is a database: case-insensitively on SQL Server, exactly elsewhere. */
const dbNamesExist = (c: Combination) => c.dbName === "existing" || (c.dbName === "existing-other-case" && c.engine === "SQLServer");

/** Rules 2 and 9–31 as the spec states them, in precedence order. */
export const DECISION_TABLE: readonly Row[] = [
  // Section 2: RDS MariaDB runs on cloud disks only.
  ["state.invalid", (c) => c.engine === "MariaDB" && isLocal(c)],
  ["backup-method.invalid-value", (c) => c.method === "invalid"],
  ["backup-strategy.invalid-value", (c) => c.strategy === "invalid"],
  ["backup-type.invalid-value", (c) => c.type === "invalid"],
  ["db-name.malformed", (c) => c.dbName === "malformed"],
  ["retention.invalid-value", (c) => c.retention === "invalid"],
  // A kept job carries the key, and the request asks for a different backup.
  ["idempotency-key.reused", (c) => c.key === "differs"],
  ["instance.not-running", (c) => !c.running],
  ["backup-method.logical-requires-mysql", (c) => method(c) === "Logical" && !isMySql(c)],
  ["backup-method.logical-requires-local-disk", (c) => method(c) === "Logical" && isMySql(c) && !isLocal(c)],
  ["backup-method.mariadb-snapshot-uses-physical", (c) => method(c) === "Snapshot" && c.engine === "MariaDB"],
  ["backup-method.snapshot-requires-cloud-disk", (c) => method(c) === "Snapshot" && isLocal(c)],
  ["backup-method.mysql-cloud-disk-uses-snapshot", (c) => method(c) === "Physical" && isMySql(c) && !isLocal(c)],
  ["backup-type.requires-physical", (c) => type(c) === "FullBackup" && method(c) !== "Physical"],
  ["backup-strategy.scope", (c) => strategyGiven(c) && !((isMySql(c) && method(c) === "Logical") || sqlServerPhysicalFull(c))],
  // Rule 24 (1.1): single-database backups on MySQL 5.6, 5.7 and 8.0 only.
  ["backup-strategy.mysql-version", (c) => c.strategy === "db" && c.engine === "MySQL other"],
  ["db-name.requires-db-strategy", (c) => dbNameGiven(c) && c.strategy !== "db"],
  ["db-name.missing", (c) => c.strategy === "db" && !dbNameGiven(c)],
  ["retention.scope", (c) => c.retention !== "absent" && !(isMySql(c) || (sqlServerPhysicalFull(c) && c.strategy === "db"))],
  ["backup-method.logical-requires-database", (c) => method(c) === "Logical" && !c.hasDatabases],
  ["db-name.not-found", (c) => dbNameGiven(c) && !dbNamesExist(c)],
  ["instance.backup-in-progress", (c) => c.ongoingJob],
  ["instance.daily-limit-reached", (c) => c.quotaReached],
];

/** The rows checked for every request, replays included: up to rule 15. */
const BEFORE_REPLAY = DECISION_TABLE.findIndex(([rule]) => rule === "idempotency-key.reused") + 1;

/** Whether the request is a replay: it repeats the keyed job, and every row before rule 15 passes. */
function isReplay(c: Combination): boolean {
  return c.key === "same" && DECISION_TABLE.slice(0, BEFORE_REPLAY).every(([, violatedWhen]) => !violatedWhen(c));
}

/** The rule the spec refuses the combination with, "replayed", or "accepted". */
export function expectedOutcome(c: Combination): string {
  if (isReplay(c)) return "replayed";
  for (const [rule, violatedWhen] of DECISION_TABLE) if (violatedWhen(c)) return rule;
  return "accepted";
}

/** Every rule the spec finds violated, in precedence order ([] for a replay). */
export function expectedViolations(c: Combination): string[] {
  if (isReplay(c)) return [];
  return DECISION_TABLE.filter(([, violatedWhen]) => violatedWhen(c)).map(([rule]) => rule);
}
