/**
 * Rules 17–21 (`src/rules/backup-method-rules.ts`, docs/rules.md): the backup method against the
 * engine and the storage.
 * Split from test/rules.test.ts by rule family (issue 11); tests marked "found by a mutation run"
 * came from test/mutation-kills/.
 */
import { describe, expect, it } from "vitest";
import { createBackup, type InstanceState, type RuleId } from "../../src/index";
import { BASE, decide, expectAccepted, expectMessage, expectRefused, instance, withBase } from "../support/builders";
import { messageInstance, refusal, MESSAGE_NOW } from "../support/message-cases";

describe("rules 17–21: the backup method", () => {
  const sqlServer = (storageType: InstanceState["storageType"]) =>
    instance({ engine: "SQLServer", engineVersion: "2019_std_ha", storageType });
  const postgres = (storageType: InstanceState["storageType"]) => instance({ engine: "PostgreSQL", engineVersion: "16.0", storageType });
  const mariadb = instance({ engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_ssd" });
  const mysql = (storageType: InstanceState["storageType"]) => instance({ storageType });
  const cases: readonly (readonly [RuleId, string, InstanceState, readonly string[]])[] = [
    ["backup-method.logical-requires-mysql", "BackupMethod=Logical", sqlServer("local_ssd"), ["SQLServer", "use BackupMethod=Physical"]],
    ["backup-method.logical-requires-mysql", "BackupMethod=Logical", postgres("cloud_essd"), ["PostgreSQL", "Physical or Snapshot"]],
    ["backup-method.logical-requires-mysql", "BackupMethod=Logical", mariadb, ["MariaDB", "Physical"]],
    ["backup-method.logical-requires-local-disk", "BackupMethod=Logical", mysql("cloud_ssd"), ["cloud_ssd", "BackupMethod=Snapshot"]],
    ["backup-method.logical-requires-local-disk", "BackupMethod=Logical", mysql("general_essd"), ["general_essd"]],
    ["backup-method.mariadb-snapshot-uses-physical", "BackupMethod=Snapshot", mariadb, ["MariaDB", "BackupMethod=Physical"]],
    ["backup-method.snapshot-requires-cloud-disk", "BackupMethod=Snapshot", mysql("local_ssd"), ["local_ssd", "BackupMethod=Physical"]],
    ["backup-method.snapshot-requires-cloud-disk", "BackupMethod=Snapshot", sqlServer("local_ssd"), ["local_ssd"]],
    ["backup-method.snapshot-requires-cloud-disk", "BackupMethod=Snapshot", postgres("local_ssd"), ["local_ssd"]],
    [
      "backup-method.snapshot-requires-cloud-disk",
      "BackupMethod=Snapshot",
      mysql("ephemeral_ssd"),
      ["ephemeral_ssd", "BackupMethod=Physical"],
    ],
    ["backup-method.snapshot-requires-cloud-disk", "BackupMethod=Snapshot", postgres("ephemeral_ssd"), ["ephemeral_ssd"]],
    ["backup-method.logical-requires-mysql", "BackupMethod=Logical", sqlServer("ephemeral_ssd"), ["SQLServer"]],
    [
      "backup-method.mysql-cloud-disk-uses-snapshot",
      "BackupMethod=Physical",
      mysql("cloud_essd3"),
      ["BackupMethod=Physical is", "cloud_essd3", "BackupMethod=Snapshot"],
    ],
    ["backup-method.mysql-cloud-disk-uses-snapshot", "", mysql("cloud_essd"), ["defaults to Physical", "BackupMethod=Snapshot"]],
  ];
  for (const [rule, extra, state, fragments] of cases) {
    it(`${rule}: ${state.engine} on ${state.storageType} with ${extra || "no BackupMethod"}`, () => {
      expectMessage(expectRefused(decide(withBase(extra), state), rule, "BackupMethod"), ...fragments);
    });
  }

  it("accepts the near misses the messages propose", () => {
    expectAccepted(decide(withBase("BackupMethod=Physical"), sqlServer("local_ssd")));
    expectAccepted(decide(withBase("BackupMethod=Snapshot"), postgres("cloud_essd")));
    expectAccepted(decide(withBase("BackupMethod=Snapshot"), mysql("general_essd")));
    expectAccepted(decide(withBase("BackupMethod=Physical"), mariadb));
    expectAccepted(decide(BASE, mariadb));
  });

  it("takes ephemeral_ssd as a local disk: Logical and Physical on MySQL, Physical elsewhere", () => {
    expectAccepted(decide(withBase("BackupMethod=Logical"), mysql("ephemeral_ssd")));
    expectAccepted(decide(BASE, mysql("ephemeral_ssd")));
    expectAccepted(decide(BASE, sqlServer("ephemeral_ssd")));
    expectAccepted(decide(BASE, postgres("ephemeral_ssd")));
  });
});

describe("the fix a backup-method message suggests is accepted", () => {
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("Logical on MariaDB suggests Physical only, since MariaDB refuses Snapshot (rule 19)", () => {
    const mariadb = messageInstance({ engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_essd" });
    const error = refusal(mariadb, { BackupMethod: "Logical" });
    expect(error.rule).toBe("backup-method.logical-requires-mysql");
    expect(error.message).toMatch(/BackupMethod=Physical/);
    expect(error.message).not.toMatch(/Snapshot/);
    expect(refusal(mariadb, { BackupMethod: "Snapshot" }).rule).toBe("backup-method.mariadb-snapshot-uses-physical");
    expect(createBackup(mariadb, { Action: "CreateBackup", DBInstanceId: "rm-msg", BackupMethod: "Physical" }, MESSAGE_NOW).ok).toBe(true);
  });
});
