/**
 * Rules 14 and 16 (`src/rules/instance-rules.ts`, docs/rules.md): the right instance, and running.
 * Rule 15 has its own file, idempotency.test.ts.
 * Split from test/rules.test.ts by rule family (issue 11).
 */
import { describe, expect, it } from "vitest";
import { BASE, decide, expectMessage, expectRefused, instance } from "../support/builders";

describe("rules 14–16: the instance", () => {
  it("refuses another instance's id, compared case-sensitively (rule 14)", () => {
    for (const id of ["rm-other", "RM-TEST", "rm-test "]) {
      const violation = expectRefused(decide({ Action: "CreateBackup", DBInstanceId: id }), "instance-id.not-found", "DBInstanceId");
      expectMessage(violation, JSON.stringify(id), '"rm-test"', "DBInstanceId");
    }
  });

  const notRunning = [
    "Creating",
    "Deleting",
    "Rebooting",
    "Stopping",
    "Stopped",
    "DBInstanceClassChanging",
    "TRANSING",
    "EngineVersionUpgrading",
    "TransingToOthers",
    "GuardDBInstanceCreating",
    "Restoring",
    "Importing",
    "ImportingFromOthers",
    "DBInstanceNetTypeChanging",
    "GuardSwitching",
    "INS_CLONING",
    "Released",
  ] as const;
  it.each(notRunning)("refuses while the instance is %s (rule 16)", (status) => {
    const violation = expectRefused(decide(BASE, instance({ status })), "instance.not-running", null);
    expect(violation).toMatchObject({ details: { instanceId: "rm-test", status } });
    expectMessage(violation, "Running");
  });
});
