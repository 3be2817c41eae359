/**
 * Options that apply only to some backups.
 *
 * | rule | id |
 * |---:|---|
 * | 22 | `backup-type.requires-physical` |
 * | 23 | `backup-strategy.scope` |
 * | 24 | `backup-strategy.mysql-version` |
 * | 25 | `db-name.requires-db-strategy` |
 * | 26 | `db-name.missing` |
 * | 27 | `retention.scope` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import { SINGLE_DATABASE_MYSQL_VERSIONS } from "../domain/vocabulary";
import { defineRule } from "./rule";

/** Rule 22: BackupType=FullBackup needs a Physical backup. */
export const backupTypeRequiresPhysical = defineRule({
  id: "backup-type.requires-physical",
  code: "BackupType.NotSupport",
  httpStatus: 400,
  title: "FullBackup needs a Physical backup",
  description:
    "BackupType takes effect only for physical backups, so BackupType=FullBackup with BackupMethod Logical or Snapshot is refused.",
  requires: ["request"],
  check: ({ request }) =>
    request.backupType === "FullBackup" && request.method !== "Physical"
      ? {
          message: `BackupType=FullBackup applies to Physical backups only, and this is a ${request.method} backup; omit BackupType or use BackupMethod=Physical`,
          parameter: "BackupType",
        }
      : undefined,
});

/** Rule 23: BackupStrategy is only for MySQL Logical and SQL Server Physical FullBackup backups. */
export const backupStrategyScope = defineRule({
  id: "backup-strategy.scope",
  code: "InvalidBackupStrategy.NotSupport",
  httpStatus: 400,
  title: "BackupStrategy fits the backup",
  description: "BackupStrategy may be given only for a MySQL Logical backup, or a SQL Server Physical backup with BackupType=FullBackup.",
  requires: ["request", "state"],
  check: ({ request, state }) => {
    if (request.strategy === undefined) return undefined;
    const mysqlLogical = state.engine === "MySQL" && request.method === "Logical";
    const sqlServerFull = state.engine === "SQLServer" && request.method === "Physical" && request.backupType === "FullBackup";
    if (mysqlLogical || sqlServerFull) return undefined;
    return {
      message:
        `BackupStrategy applies only to MySQL Logical backups and SQL Server Physical backups with BackupType=FullBackup, ` +
        `not to a ${state.engine} ${request.method} ${request.backupType} backup; omit BackupStrategy (and DBName)`,
      parameter: "BackupStrategy",
    };
  },
});

/** Rule 24: single-database backups on MySQL need one of the versions that document them. */
export const backupStrategyMysqlVersion = defineRule({
  id: "backup-strategy.mysql-version",
  code: "InvalidBackupStrategy.NotSupport",
  httpStatus: 400,
  title: `Single-database MySQL backups need MySQL ${listVersions()}`,
  description:
    `BackupStrategy=db on MySQL needs version ${listVersions()}, the versions whose single-database backups are documented; ` +
    "on any other MySQL version (5.5, 8.4, …) only whole instances are backed up.",
  requires: ["request", "state"],
  check: ({ request, state }) =>
    request.strategy === "db" &&
    state.engine === "MySQL" &&
    !(SINGLE_DATABASE_MYSQL_VERSIONS as readonly string[]).includes(state.engineVersion)
      ? {
          message:
            `Single-database backups (BackupStrategy=db) are documented for MySQL ${listVersions()} only, ` +
            `and this instance runs MySQL ${state.engineVersion}; use BackupStrategy=instance`,
          parameter: "BackupStrategy",
        }
      : undefined,
});

/** The documented single-database MySQL versions as text: `5.6, 5.7 or 8.0`. */
function listVersions(): string {
  const versions = [...SINGLE_DATABASE_MYSQL_VERSIONS];
  const last = versions.pop();
  return `${versions.join(", ")} or ${last}`;
}

/** Rule 25: DBName goes with BackupStrategy=db. */
export const dbNameRequiresDbStrategy = defineRule({
  id: "db-name.requires-db-strategy",
  code: "InvalidDBName.NotSupport",
  httpStatus: 400,
  title: "DBName goes with BackupStrategy=db",
  description: "DBName takes effect only for single-database backups, so it is refused unless BackupStrategy=db.",
  requires: ["request"],
  check: ({ request }) =>
    request.dbNames !== undefined && request.strategy !== "db"
      ? {
          message: `DBName applies only to single-database backups; add BackupStrategy=db, or omit DBName to back up the whole instance`,
          parameter: "DBName",
        }
      : undefined,
});

/** Rule 26: BackupStrategy=db names its databases. */
export const dbNameMissing = defineRule({
  id: "db-name.missing",
  code: "MissingParameter",
  httpStatus: 400,
  title: "BackupStrategy=db names the databases",
  description: "A single-database backup (BackupStrategy=db) needs DBName, the databases to back up.",
  requires: ["request"],
  check: ({ request }) =>
    request.strategy === "db" && request.dbNames === undefined
      ? { message: "BackupStrategy=db needs DBName: list the databases to back up, separated by commas", parameter: "DBName" }
      : undefined,
});

/** Rule 27: BackupRetentionPeriod is for MySQL, or SQL Server single-database Physical FullBackup backups. */
export const retentionScope = defineRule({
  id: "retention.scope",
  code: "InvalidBackupRetentionPeriod.NotSupport",
  httpStatus: 400,
  title: "BackupRetentionPeriod fits the backup",
  description:
    "BackupRetentionPeriod may be given on MySQL, or on SQL Server for a Physical FullBackup with BackupStrategy=db; nowhere else.",
  requires: ["request", "state"],
  check: ({ request, state }) => {
    if (request.retentionPeriod === undefined || state.engine === "MySQL") return undefined;
    const sqlServerSingleDatabaseFull =
      state.engine === "SQLServer" && request.method === "Physical" && request.backupType === "FullBackup" && request.strategy === "db";
    if (sqlServerSingleDatabaseFull) return undefined;
    return {
      message:
        `BackupRetentionPeriod applies only on MySQL, or on SQL Server to Physical FullBackup backups with BackupStrategy=db, ` +
        `not to a ${state.engine} ${request.method} ${request.backupType} backup; omit BackupRetentionPeriod`,
      parameter: "BackupRetentionPeriod",
    };
  },
});
