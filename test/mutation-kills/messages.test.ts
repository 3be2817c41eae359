/**
 * Mutation kills (docs/verification.md): a refusal's message says what is wrong and how to fix it
 * (decisions 27 and 31), so the fix it suggests must be one the rules accept, and what it claims about
 * the request must be true.
 */
import { describe, expect, it } from "vitest";
import { advanceBackupJob, createBackup, type InstanceState } from "../../src/index";

const NOW = { now: "2026-03-08T12:00:00Z" };

function instance(overrides: Partial<InstanceState>): InstanceState {
  return { instanceId: "rm-msg", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"], jobs: [], ...overrides };
}

function refusal(state: InstanceState, parameters: Record<string, string>) {
  const decision = createBackup(state, { Action: "CreateBackup", DBInstanceId: state.instanceId, ...parameters }, NOW);
  if (decision.ok) throw new Error("expected a refusal");
  return decision.error;
}

describe("the fix a message suggests is accepted", () => {
  it("Logical on MariaDB suggests Physical only, since MariaDB refuses Snapshot (rule 19)", () => {
    const mariadb = instance({ engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_essd" });
    const error = refusal(mariadb, { BackupMethod: "Logical" });
    expect(error.rule).toBe("backup-method.logical-requires-mysql");
    expect(error.message).toMatch(/BackupMethod=Physical/);
    expect(error.message).not.toMatch(/Snapshot/);
    expect(refusal(mariadb, { BackupMethod: "Snapshot" }).rule).toBe("backup-method.mariadb-snapshot-uses-physical");
    expect(createBackup(mariadb, { Action: "CreateBackup", DBInstanceId: "rm-msg", BackupMethod: "Physical" }, NOW).ok).toBe(true);
  });
});

describe("what a message claims is true", () => {
  it("DBName not found names the first missing item and counts the others", () => {
    const one = refusal(instance({}), { BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders,ledger" });
    expect(one.rule).toBe("db-name.not-found");
    expect(one).toMatchObject({ details: { missing: ["ledger"] } });
    expect(one.message).toBe('DBName "ledger" is not a database of the instance "rm-msg"; list only existing databases (names are case-sensitive)');
    const three = refusal(instance({}), { BackupMethod: "Logical", BackupStrategy: "db", DBName: "ledger,orders,audit,stock" });
    expect(three).toMatchObject({ details: { missing: ["ledger", "audit", "stock"] } });
    expect(three.message).toBe('DBName "ledger" (and 2 more) is not a database of the instance "rm-msg"; list only existing databases (names are case-sensitive)');
  });

  it("DBName not found says names are case-sensitive on MySQL, and not on SQL Server, which compares them case-insensitively", () => {
    const mysql = refusal(instance({}), { BackupMethod: "Logical", BackupStrategy: "db", DBName: "Orders" });
    expect(mysql).toMatchObject({ details: { caseSensitive: true } });
    expect(mysql.message).toContain("(names are case-sensitive)");
    const sqlServer = instance({ engine: "SQLServer", engineVersion: "2019_std_ha", storageType: "cloud_essd" });
    const error = refusal(sqlServer, { BackupType: "FullBackup", BackupStrategy: "db", DBName: "ledger" });
    expect(error.rule).toBe("db-name.not-found");
    expect(error).toMatchObject({ details: { missing: ["ledger"], caseSensitive: false } });
    expect(error.message).toBe('DBName "ledger" is not a database of the instance "rm-msg"; list only existing databases');
  });

  it("BackupStrategy out of scope says which backups it applies to", () => {
    const error = refusal(instance({}), { BackupStrategy: "instance" });
    expect(error.rule).toBe("backup-strategy.scope");
    expect(error.message).toMatch(/MySQL Logical/);
    expect(error.message).toMatch(/SQL Server/);
  });

  it("an invalid value gets the nearest accepted value as a suggestion only when there is one near", () => {
    const far = refusal(instance({}), { BackupMethod: "Zzzzzzzzzzzzzz" });
    expect(far).toMatchObject({ details: { value: "Zzzzzzzzzzzzzz", suggestion: undefined } });
    expect(far.message).toBe('BackupMethod "Zzzzzzzzzzzzzz" is not valid; use Logical, Physical or Snapshot, or omit it for Physical');
    const near = refusal(instance({}), { BackupType: "FullBackupp" });
    expect(near).toMatchObject({ details: { value: "FullBackupp", suggestion: "FullBackup" } });
    expect(near.message).toContain("(did you mean FullBackup?)");
  });

  it("a malformed DBName message says what a DBName is", () => {
    const error = refusal(instance({}), { BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders,,audit" });
    expect(error.rule).toBe("db-name.malformed");
    expect(error.message).toMatch(/separated by commas/);
    expect(error.message).toMatch(/starting with a letter/);
  });

  it("advanceBackupJob: a string id that is not kept is 'not kept', and a string status that is not a status is named as such", () => {
    const state = instance({ jobs: [{ jobId: "7", status: "Uploading", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-08T11:00:00Z" }] });
    const notKept = advanceBackupJob(state, { jobId: "424242", status: "Finished" }, NOW);
    expect(!notKept.ok && notKept.error.rule).toBe("job.not-found");
    expect(!notKept.ok && notKept.error.message).toMatch(/^No backup job "424242" is kept/);
    const done = advanceBackupJob(state, { jobId: "7", status: "Done" }, NOW);
    expect(!done.ok && done.error.rule).toBe("job-status.invalid-value");
    expect(!done.ok && done.error.message).toMatch(/^"Done" is not a backup job status/);
  });
});

describe("rule 24 is about MySQL only", () => {
  it("a SQL Server instance whose engineVersion text is 5.5 or 8.4 still takes single-database backups", () => {
    for (const engineVersion of ["5.5", "8.4"]) {
      const sqlServer = instance({ engine: "SQLServer", engineVersion, storageType: "cloud_essd" });
      const decision = createBackup(sqlServer, { Action: "CreateBackup", DBInstanceId: "rm-msg", BackupType: "FullBackup", BackupStrategy: "db", DBName: "orders" }, NOW);
      expect(decision.ok).toBe(true);
    }
  });

  it("names the three documented versions and the instance's, and suggests BackupStrategy=instance", () => {
    const mysql84 = instance({ engineVersion: "8.4" });
    const decision = createBackup(mysql84, { Action: "CreateBackup", DBInstanceId: "rm-msg", BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders" }, NOW);
    expect(!decision.ok && decision.error.message).toBe(
      "Single-database backups (BackupStrategy=db) are documented for MySQL 5.6, 5.7 or 8.0 only, and this instance runs MySQL 8.4; use BackupStrategy=instance",
    );
  });
});
