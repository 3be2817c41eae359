/**
 * Rules 5–8 (`src/rules/required-parameter-rules.ts`, docs/rules.md): Action, DBInstanceId and
 * unknown parameters, with the suggestion a caller reads in `details`.
 * Split from test/rules.test.ts by rule family (issue 11).
 */
import { describe, expect, it } from "vitest";
import { decide, expectMessage, expectRefused, withBase } from "../support/builders";

describe("rules 5–7: Action and DBInstanceId", () => {
  it("refuses a request without Action (rule 5) and one with an empty Action", () => {
    for (const request of ["DBInstanceId=rm-test", "Action=&DBInstanceId=rm-test", { DBInstanceId: "rm-test", Action: "" }]) {
      expectMessage(expectRefused(decide(request), "action.missing", "Action"), "Action", "missing", "Action=CreateBackup");
    }
  });

  it("refuses another Action (rule 6), case-sensitively", () => {
    for (const action of ["DescribeBackups", "createbackup", "CreateBackup ", " CreateBackup"]) {
      const violation = expectRefused(decide({ Action: action, DBInstanceId: "rm-test" }), "action.unsupported", "Action");
      expectMessage(violation, JSON.stringify(action), "use Action=CreateBackup");
    }
  });

  it("refuses a request without DBInstanceId (rule 7) and one with an empty DBInstanceId", () => {
    for (const request of ["Action=CreateBackup", "Action=CreateBackup&DBInstanceId=", { Action: "CreateBackup", DBInstanceId: "" }]) {
      expectMessage(expectRefused(decide(request), "instance-id.missing", "DBInstanceId"), "DBInstanceId", "missing");
    }
  });
});

describe("rule 8, parameter.unknown", () => {
  const cases: readonly (readonly [string, string, string | undefined, readonly string[]])[] = [
    ["BackupMehtod", "BackupMehtod=Physical", "BackupMethod", ["did you mean BackupMethod?"]],
    ["dbname", "BackupMethod=Logical&BackupStrategy=db&dbname=orders", "DBName", []],
    ["backupType", "backupType=Auto", "BackupType", []],
    ["RegionID", "RegionID=cn-hangzhou", "RegionId", []],
    ["Colour", "Colour=blue", undefined, ["Action, DBInstanceId, BackupMethod", "common parameters"]],
    ["__proto__", "__proto__=x", undefined, ['"__proto__"']],
  ];
  for (const [name, extra, suggestion, fragments] of cases) {
    it(`refuses ${name}, suggesting ${suggestion ?? "nothing"}`, () => {
      const violation = expectRefused(decide(withBase(extra)), "parameter.unknown", name);
      expect(violation).toMatchObject({ details: { name, suggestion } });
      expectMessage(violation, JSON.stringify(name), "not a CreateBackup parameter", ...fragments);
    });
  }

  it("refuses a parameter named like a JavaScript property, given in an object", () => {
    const request = JSON.parse('{"Action":"CreateBackup","DBInstanceId":"rm-test","constructor":"x"}') as unknown;
    expectRefused(decide(request), "parameter.unknown", "constructor");
  });

  it("suggests nothing for a name longer than any parameter", () => {
    const name = "X".repeat(100);
    const violation = expectRefused(decide(withBase(`${name}=1`)), "parameter.unknown", name);
    expect(violation).toMatchObject({ details: { name, suggestion: undefined } });
    expect(violation.message).not.toContain("did you mean");
    expect(violation.message.length).toBeLessThan(400);
  });
});
