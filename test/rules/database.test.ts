/**
 * Rules 28–29 (`src/rules/database-rules.ts`, docs/rules.md): a Logical backup needs a database;
 * every DBName item exists (the missing names are `details` fields).
 * Split from test/rules.test.ts by rule family (issue 11); tests marked "found by a mutation run"
 * came from test/mutation-kills/.
 */
import { describe, expect, it } from "vitest";
import { BASE, decide, expectAccepted, expectMessage, expectRefused, instance, withBase } from "../support/builders";
import { messageInstance, refusal } from "../support/message-cases";

describe("rules 28–29: databases", () => {
  it("refuses a Logical backup of an instance with no database (rule 28)", () => {
    const violation = expectRefused(
      decide(withBase("BackupMethod=Logical"), instance({ databases: [] })),
      "backup-method.logical-requires-database",
      "BackupMethod",
    );
    expectMessage(violation, '"rm-test"', "no database", "BackupMethod=Physical");
  });

  it("accepts other methods on an instance with no database", () => {
    expectAccepted(decide(BASE, instance({ databases: [] })));
    expectAccepted(decide(withBase("BackupMethod=Snapshot"), instance({ databases: [], storageType: "cloud_ssd" })));
  });

  const logicalDb = (names: string) => withBase(`BackupMethod=Logical&BackupStrategy=db&DBName=${names}`);
  it("refuses a DBName item that is not a database (rule 29), naming it and counting the others", () => {
    const violation = expectRefused(decide(logicalDb("orders,invoices,payments")), "db-name.not-found", "DBName");
    expect(violation).toMatchObject({ details: { instanceId: "rm-test", missing: ["invoices", "payments"], caseSensitive: true } });
    expectMessage(violation, '"invoices"', "(and 1 more)", '"rm-test"', "existing databases");
  });

  it("compares names case-sensitively on MySQL", () => {
    const violation = expectRefused(decide(logicalDb("Orders")), "db-name.not-found", "DBName");
    expect(violation).toMatchObject({ details: { missing: ["Orders"], caseSensitive: true } });
    expectMessage(violation, "case-sensitive");
  });

  it("compares names case-insensitively on SQL Server", () => {
    const sqlServer = instance({ engine: "SQLServer", engineVersion: "2019_std_ha", databases: ["Orders", "users"] });
    const request = (names: string) => withBase(`BackupType=FullBackup&BackupStrategy=db&DBName=${names}`);
    const accepted = expectAccepted(decide(request("ORDERS,Users"), sqlServer));
    expect(accepted.job.dbNames).toEqual(["ORDERS", "Users"]);
    const violation = expectRefused(decide(request("orders,sales"), sqlServer), "db-name.not-found", "DBName");
    expect(violation).toMatchObject({ details: { missing: ["sales"], caseSensitive: false } });
    expect(violation.message).not.toContain("case-sensitive");
  });
});

describe("what a db-name.not-found message claims is true", () => {
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("DBName not found names the first missing item and counts the others", () => {
    const one = refusal(messageInstance({}), { BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders,ledger" });
    expect(one.rule).toBe("db-name.not-found");
    expect(one).toMatchObject({ details: { missing: ["ledger"] } });
    expect(one.message).toBe(
      'DBName "ledger" is not a database of the instance "rm-msg"; list only existing databases (names are case-sensitive)',
    );
    const three = refusal(messageInstance({}), { BackupMethod: "Logical", BackupStrategy: "db", DBName: "ledger,orders,audit,stock" });
    expect(three).toMatchObject({ details: { missing: ["ledger", "audit", "stock"] } });
    expect(three.message).toBe(
      'DBName "ledger" (and 2 more) is not a database of the instance "rm-msg"; list only existing databases (names are case-sensitive)',
    );
  });
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("DBName not found says names are case-sensitive on MySQL, and not on SQL Server, which compares them case-insensitively", () => {
    const mysql = refusal(messageInstance({}), { BackupMethod: "Logical", BackupStrategy: "db", DBName: "Orders" });
    expect(mysql).toMatchObject({ details: { caseSensitive: true } });
    expect(mysql.message).toContain("(names are case-sensitive)");
    const sqlServer = messageInstance({ engine: "SQLServer", engineVersion: "2019_std_ha", storageType: "cloud_essd" });
    const error = refusal(sqlServer, { BackupType: "FullBackup", BackupStrategy: "db", DBName: "ledger" });
    expect(error.rule).toBe("db-name.not-found");
    expect(error).toMatchObject({ details: { missing: ["ledger"], caseSensitive: false } });
    expect(error.message).toBe('DBName "ledger" is not a database of the instance "rm-msg"; list only existing databases');
  });
});
