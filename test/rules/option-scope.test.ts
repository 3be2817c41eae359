/**
 * Rules 22–27 (`src/rules/option-scope-rules.ts`, docs/rules.md): options that apply only to some
 * backups.
 * Split from test/rules.test.ts by rule family (issue 11); tests marked "found by a mutation run"
 * came from test/mutation-kills/.
 */
import { describe, expect, it } from "vitest";
import { createBackup, type InstanceState, type RuleId } from "../../src/index";
import { decide, expectAccepted, expectMessage, expectRefused, instance, withBase } from "../support/builders";
import { messageInstance, refusal, MESSAGE_NOW } from "../support/message-cases";

describe("rules 22–27: options that fit the backup", () => {
  const sqlServer = instance({ engine: "SQLServer", engineVersion: "2019_std_ha", storageType: "cloud_essd" });
  const postgres = instance({ engine: "PostgreSQL", engineVersion: "16.0" });
  const mariadb = instance({ engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_essd" });
  const mysqlCloud = instance({ storageType: "cloud_essd" });
  const mysql55 = instance({ engineVersion: "5.5" });
  const cases: readonly (readonly [RuleId, string, InstanceState, string, readonly string[]])[] = [
    ["backup-type.requires-physical", "BackupMethod=Logical&BackupType=FullBackup", instance(), "BackupType", ["Logical", "Physical"]],
    ["backup-type.requires-physical", "BackupMethod=Snapshot&BackupType=FullBackup", sqlServer, "BackupType", ["Snapshot"]],
    ["backup-type.requires-physical", "BackupMethod=Snapshot&BackupType=FullBackup", mysqlCloud, "BackupType", ["Snapshot"]],
    ["backup-strategy.scope", "BackupStrategy=instance", instance(), "BackupStrategy", ["MySQL Physical Auto", "omit BackupStrategy"]],
    ["backup-strategy.scope", "BackupMethod=Snapshot&BackupStrategy=instance", mysqlCloud, "BackupStrategy", ["MySQL Snapshot"]],
    ["backup-strategy.scope", "BackupStrategy=instance", sqlServer, "BackupStrategy", ["SQLServer Physical Auto"]],
    ["backup-strategy.scope", "BackupMethod=Snapshot&BackupStrategy=instance", sqlServer, "BackupStrategy", ["SQLServer Snapshot"]],
    ["backup-strategy.scope", "BackupType=FullBackup&BackupStrategy=instance", postgres, "BackupStrategy", ["PostgreSQL"]],
    ["backup-strategy.scope", "BackupType=FullBackup&BackupStrategy=instance", mariadb, "BackupStrategy", ["MariaDB"]],
    [
      "backup-strategy.mysql-version",
      "BackupMethod=Logical&BackupStrategy=db&DBName=orders",
      mysql55,
      "BackupStrategy",
      ["5.6, 5.7 or 8.0", "MySQL 5.5", "BackupStrategy=instance"],
    ],
    [
      "backup-strategy.mysql-version",
      "BackupMethod=Logical&BackupStrategy=db&DBName=orders",
      instance({ engineVersion: "8.4" }),
      "BackupStrategy",
      ["5.6, 5.7 or 8.0", "MySQL 8.4"],
    ],
    [
      "backup-strategy.mysql-version",
      "BackupMethod=Logical&BackupStrategy=db&DBName=orders",
      instance({ engineVersion: "5.1" }),
      "BackupStrategy",
      ["MySQL 5.1"],
    ],
    [
      "backup-strategy.mysql-version",
      "BackupMethod=Logical&BackupStrategy=db&DBName=orders",
      instance({ engineVersion: "9.1", storageType: "ephemeral_ssd" }),
      "BackupStrategy",
      ["MySQL 9.1"],
    ],
    ["db-name.requires-db-strategy", "BackupMethod=Logical&DBName=orders", instance(), "DBName", ["BackupStrategy=db"]],
    [
      "db-name.requires-db-strategy",
      "BackupMethod=Logical&BackupStrategy=instance&DBName=orders",
      instance(),
      "DBName",
      ["BackupStrategy=db"],
    ],
    ["db-name.requires-db-strategy", "DBName=orders", instance(), "DBName", ["BackupStrategy=db"]],
    ["db-name.missing", "BackupMethod=Logical&BackupStrategy=db", instance(), "DBName", ["DBName", "commas"]],
    ["db-name.missing", "BackupType=FullBackup&BackupStrategy=db", sqlServer, "DBName", ["DBName"]],
    ["retention.scope", "BackupRetentionPeriod=30", postgres, "BackupRetentionPeriod", ["PostgreSQL", "omit BackupRetentionPeriod"]],
    ["retention.scope", "BackupRetentionPeriod=30", mariadb, "BackupRetentionPeriod", ["MariaDB"]],
    ["retention.scope", "BackupRetentionPeriod=30", sqlServer, "BackupRetentionPeriod", ["SQLServer Physical Auto"]],
    [
      "retention.scope",
      "BackupType=FullBackup&BackupRetentionPeriod=30",
      sqlServer,
      "BackupRetentionPeriod",
      ["SQLServer Physical FullBackup"],
    ],
    [
      "retention.scope",
      "BackupType=FullBackup&BackupStrategy=instance&BackupRetentionPeriod=30",
      sqlServer,
      "BackupRetentionPeriod",
      ["BackupStrategy=db"],
    ],
    ["retention.scope", "BackupMethod=Snapshot&BackupRetentionPeriod=-1", sqlServer, "BackupRetentionPeriod", ["Snapshot"]],
  ];
  for (const [rule, extra, state, parameter, fragments] of cases) {
    it(`${rule}: ${state.engine} ${state.engineVersion} on ${state.storageType} with ${extra}`, () => {
      expectMessage(expectRefused(decide(withBase(extra), state), rule, parameter), ...fragments);
    });
  }

  const accepted: readonly (readonly [string, string, InstanceState])[] = [
    ["FullBackup on Physical", "BackupMethod=Physical&BackupType=FullBackup", instance()],
    ["a MySQL Logical db backup", "BackupMethod=Logical&BackupStrategy=db&DBName=orders,users", instance()],
    ["a MySQL 5.6 Logical db backup", "BackupMethod=Logical&BackupStrategy=db&DBName=orders", instance({ engineVersion: "5.6" })],
    ["a MySQL 5.7 Logical db backup", "BackupMethod=Logical&BackupStrategy=db&DBName=orders", instance({ engineVersion: "5.7" })],
    ["a MySQL 8.4 Logical instance backup", "BackupMethod=Logical&BackupStrategy=instance", instance({ engineVersion: "8.4" })],
    ["a MySQL 5.5 Logical instance backup", "BackupMethod=Logical&BackupStrategy=instance", mysql55],
    ["a SQL Server FullBackup instance backup", "BackupType=FullBackup&BackupStrategy=instance", sqlServer],
    [
      "a SQL Server FullBackup db backup kept 30 days",
      "BackupType=FullBackup&BackupStrategy=db&DBName=orders&BackupRetentionPeriod=30",
      sqlServer,
    ],
    ["retention on a MySQL Physical backup", "BackupRetentionPeriod=730", instance()],
    ["retention on a MySQL Snapshot backup", "BackupMethod=Snapshot&BackupRetentionPeriod=-1", mysqlCloud],
  ];
  for (const [name, extra, state] of accepted) {
    it(`accepts ${name}`, () => {
      expectAccepted(decide(withBase(extra), state));
    });
  }

  it("records the strategy, the DBName items and the retention period on the job", () => {
    const accepted = expectAccepted(
      decide(withBase("BackupType=FullBackup&BackupStrategy=db&DBName=orders,users&BackupRetentionPeriod=-1"), sqlServer),
    );
    expect(accepted.job).toMatchObject({
      method: "Physical",
      backupType: "FullBackup",
      strategy: "db",
      dbNames: ["orders", "users"],
      retentionPeriod: -1,
    });
  });
});

describe("what a scope message claims is true", () => {
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("BackupStrategy out of scope says which backups it applies to", () => {
    const error = refusal(messageInstance({}), { BackupStrategy: "instance" });
    expect(error.rule).toBe("backup-strategy.scope");
    expect(error.message).toMatch(/MySQL Logical/);
    expect(error.message).toMatch(/SQL Server/);
  });
});

describe("rule 24 is about MySQL only", () => {
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("a SQL Server instance whose engineVersion text is 5.5 or 8.4 still takes single-database backups", () => {
    for (const engineVersion of ["5.5", "8.4"]) {
      const sqlServer = messageInstance({ engine: "SQLServer", engineVersion, storageType: "cloud_essd" });
      const decision = createBackup(
        sqlServer,
        { Action: "CreateBackup", DBInstanceId: "rm-msg", BackupType: "FullBackup", BackupStrategy: "db", DBName: "orders" },
        MESSAGE_NOW,
      );
      expect(decision.ok).toBe(true);
    }
  });
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("names the three documented versions and the instance's, and suggests BackupStrategy=instance", () => {
    const mysql84 = messageInstance({ engineVersion: "8.4" });
    const decision = createBackup(
      mysql84,
      { Action: "CreateBackup", DBInstanceId: "rm-msg", BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders" },
      MESSAGE_NOW,
    );
    expect(!decision.ok && decision.error.message).toBe(
      "Single-database backups (BackupStrategy=db) are documented for MySQL 5.6, 5.7 or 8.0 only, and this instance runs MySQL 8.4; use BackupStrategy=instance",
    );
  });
});
