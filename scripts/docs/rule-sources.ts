import type { RuleId } from "../../src/rules/catalog";

/**
 * The public pages behind the rules, and the product specification where the public
 * documentation is silent.
 */
export const SOURCES = {
  apiPage: "CreateBackup API page, alibabacloud.com/help/doc-detail/26272.html",
  sdkModel: "SDK request model `CreateBackupRequest` (rds-20140815), aliyun/alibabacloud-java-sdk",
  mariadbGuide: "MariaDB backup guide (help.aliyun.com, apsaradb-rds-for-mariadb)",
  sqlServerOverview: "RDS SQL Server backup overview, alibabacloud.com/help/doc-detail/95717.htm",
  mysqlSingleDatabaseGuide: 'RDS MySQL guide "back up individual databases and tables"',
  errorCodes: "CreateBackup page error table (2023); RDS error-code list; terraform-provider-alicloud `resource_alicloud_rds_backup.go`",
  backupTasksModel: "DescribeBackupTasks response model",
  instanceStatusTable: "RDS instance status table, alibabacloud.com/help/doc-detail/26315.html",
  spec: "the product specification of this library (where the public documentation is silent)",
} as const;

/** A key of `SOURCES`. */
export type SourceKey = keyof typeof SOURCES;

/**
 * Where each rule comes from. Typed by `RuleId`, so a rule added to the catalog without its
 * sources fails the type check rather than reaching the docs unsourced.
 */
export const RULE_SOURCES: { readonly [Id in RuleId]: readonly SourceKey[] } = {
  "context.invalid": ["spec"],
  "state.invalid": ["instanceStatusTable", "backupTasksModel", "mariadbGuide", "spec"],
  "request.malformed": ["spec"],
  "parameter.malformed": ["spec"],
  "action.missing": ["apiPage", "errorCodes"],
  "action.unsupported": ["apiPage", "spec"],
  "instance-id.missing": ["apiPage", "errorCodes"],
  "parameter.unknown": ["apiPage", "spec"],
  "backup-method.invalid-value": ["sdkModel", "errorCodes"],
  "backup-strategy.invalid-value": ["sdkModel"],
  "backup-type.invalid-value": ["sdkModel", "errorCodes"],
  "db-name.malformed": ["sdkModel", "spec"],
  "retention.invalid-value": ["sdkModel"],
  "instance-id.not-found": ["errorCodes"],
  "idempotency-key.reused": ["spec"],
  "instance.not-running": ["apiPage", "errorCodes", "instanceStatusTable"],
  "backup-method.logical-requires-mysql": ["sdkModel", "sqlServerOverview"],
  "backup-method.logical-requires-local-disk": ["sdkModel"],
  "backup-method.mariadb-snapshot-uses-physical": ["sdkModel", "mariadbGuide"],
  "backup-method.snapshot-requires-cloud-disk": ["sdkModel", "sqlServerOverview"],
  "backup-method.mysql-cloud-disk-uses-snapshot": ["sdkModel"],
  "backup-type.requires-physical": ["sdkModel", "errorCodes"],
  "backup-strategy.scope": ["sdkModel"],
  "backup-strategy.mysql-version": ["mysqlSingleDatabaseGuide"],
  "db-name.requires-db-strategy": ["sdkModel"],
  "db-name.missing": ["sdkModel", "spec"],
  "retention.scope": ["sdkModel"],
  "backup-method.logical-requires-database": ["sdkModel", "spec"],
  "db-name.not-found": ["spec"],
  "instance.backup-in-progress": ["apiPage", "errorCodes"],
  "instance.daily-limit-reached": ["apiPage", "spec"],
  "job.not-found": ["backupTasksModel", "spec"],
  "job-status.invalid-value": ["backupTasksModel"],
  "job.invalid-transition": ["backupTasksModel", "spec"],
};
