/**
 * Rules 9–13 (`src/rules/parameter-value-rules.ts`, docs/rules.md): the value of each
 * parameter; the value received and the suggestion are `details` fields.
 * Split from test/rules.test.ts by rule family (issue 11); tests marked "found by a mutation run"
 * came from test/mutation-kills/.
 */
import { describe, expect, it } from "vitest";
import { type InstanceState, type RuleId } from "../../src/index";
import { decide, expectAccepted, expectMessage, expectRefused, instance, withBase } from "../support/builders";
import { messageInstance, refusal } from "../support/message-cases";

describe("rules 9–13: parameter values", () => {
  const logicalDb = "BackupMethod=Logical&BackupStrategy=db";
  const cases: readonly (readonly [RuleId, string, string, readonly string[]])[] = [
    [
      "backup-method.invalid-value",
      "BackupMethod=physical",
      "BackupMethod",
      ['"physical"', "did you mean Physical?", "Logical, Physical or Snapshot"],
    ],
    ["backup-method.invalid-value", "BackupMethod=", "BackupMethod", ['""', "Logical, Physical or Snapshot"]],
    ["backup-method.invalid-value", "BackupMethod=Physical%20", "BackupMethod", ['"Physical "']],
    ["backup-method.invalid-value", "BackupMethod=Dump", "BackupMethod", ['"Dump"', "omit it for Physical"]],
    [
      "backup-strategy.invalid-value",
      "BackupMethod=Logical&BackupStrategy=DB",
      "BackupStrategy",
      ['"DB"', "did you mean db?", "db", "instance"],
    ],
    ["backup-strategy.invalid-value", "BackupMethod=Logical&BackupStrategy=", "BackupStrategy", ['""']],
    ["backup-type.invalid-value", "BackupType=full", "BackupType", ['"full"', "Auto or FullBackup"]],
    ["backup-type.invalid-value", "BackupType=", "BackupType", ['""', "Auto or FullBackup"]],
    ["db-name.malformed", `${logicalDb}&DBName=orders,,users`, "DBName", ['"orders,,users"', "item 2 is empty"]],
    ["db-name.malformed", `${logicalDb}&DBName=orders,`, "DBName", ["item 2 is empty"]],
    ["db-name.malformed", `${logicalDb}&DBName=`, "DBName", ["item 1 is empty"]],
    ["db-name.malformed", `${logicalDb}&DBName=1orders`, "DBName", ["start with a letter"]],
    ["db-name.malformed", `${logicalDb}&DBName=_orders`, "DBName", ["start with a letter"]],
    ["db-name.malformed", `${logicalDb}&DBName=order%20s`, "DBName", ["letters, digits"]],
    ["db-name.malformed", `${logicalDb}&DBName=orders.v2`, "DBName", ["letters, digits"]],
    ["db-name.malformed", `${logicalDb}&DBName=orders, users`, "DBName", ["item 2"]],
    ["db-name.malformed", `${logicalDb}&DBName=${"a".repeat(65)}`, "DBName", ["65 characters", "more than 64"]],
    ["db-name.malformed", `${logicalDb}&DBName=orders,users,orders`, "DBName", ['item 3 repeats "orders"']],
    ["retention.invalid-value", "BackupRetentionPeriod=6", "BackupRetentionPeriod", ['"6"', "out of range", "7 to 730", "-1"]],
    ["retention.invalid-value", "BackupRetentionPeriod=731", "BackupRetentionPeriod", ['"731"', "out of range"]],
    ["retention.invalid-value", "BackupRetentionPeriod=0", "BackupRetentionPeriod", ['"0"']],
    ["retention.invalid-value", "BackupRetentionPeriod=-2", "BackupRetentionPeriod", ['"-2"']],
    ["retention.invalid-value", "BackupRetentionPeriod=7.5", "BackupRetentionPeriod", ['"7.5"', "integer"]],
    ["retention.invalid-value", "BackupRetentionPeriod=30days", "BackupRetentionPeriod", ['"30days"', "integer"]],
    ["retention.invalid-value", "BackupRetentionPeriod=", "BackupRetentionPeriod", ['""']],
  ];
  for (const [rule, extra, parameter, fragments] of cases) {
    it(`${rule}: refuses ${extra}`, () => {
      const violation = expectRefused(decide(withBase(extra)), rule, parameter);
      // The value received is a field of the details; the reason and the advice are text.
      expect(violation).toMatchObject({ details: { value: new URLSearchParams(extra).get(parameter) } });
      expectMessage(violation, parameter, ...fragments);
    });
  }

  it("refuses a BackupRetentionPeriod number that is not an integer from 7 to 730 or -1", () => {
    for (const days of [7.5, 6, 731, Number.NaN]) {
      expectRefused(
        decide({ Action: "CreateBackup", DBInstanceId: "rm-test", BackupRetentionPeriod: days }),
        "retention.invalid-value",
        "BackupRetentionPeriod",
      );
    }
  });

  const longName = `a${"b".repeat(63)}`;
  const accepted: readonly (readonly [string, string, InstanceState?])[] = [
    ["each method", "BackupMethod=Physical"],
    ["Logical", "BackupMethod=Logical"],
    ["BackupType=Auto", "BackupType=Auto"],
    ["BackupType=FullBackup", "BackupType=FullBackup"],
    ["retention 7", "BackupRetentionPeriod=7"],
    ["retention 730", "BackupRetentionPeriod=730"],
    ["retention -1", "BackupRetentionPeriod=-1"],
    ["a 64-character DBName with _ and -", `${logicalDb}&DBName=${longName},Or_d-3`, instance({ databases: [longName, "Or_d-3"] })],
    ["BackupStrategy=instance", "BackupMethod=Logical&BackupStrategy=instance"],
  ];
  for (const [name, extra, state] of accepted) {
    it(`accepts ${name}`, () => {
      expectAccepted(decide(withBase(extra), state));
    });
  }
});

describe("what an invalid-value message claims is true", () => {
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("an invalid value gets the nearest accepted value as a suggestion only when there is one near", () => {
    const far = refusal(messageInstance({}), { BackupMethod: "Zzzzzzzzzzzzzz" });
    expect(far).toMatchObject({ details: { value: "Zzzzzzzzzzzzzz", suggestion: undefined } });
    expect(far.message).toBe('BackupMethod "Zzzzzzzzzzzzzz" is not valid; use Logical, Physical or Snapshot, or omit it for Physical');
    const near = refusal(messageInstance({}), { BackupType: "FullBackupp" });
    expect(near).toMatchObject({ details: { value: "FullBackupp", suggestion: "FullBackup" } });
    expect(near.message).toContain("(did you mean FullBackup?)");
  });
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("a malformed DBName message says what a DBName is", () => {
    const error = refusal(messageInstance({}), { BackupMethod: "Logical", BackupStrategy: "db", DBName: "orders,,audit" });
    expect(error.rule).toBe("db-name.malformed");
    expect(error.message).toMatch(/separated by commas/);
    expect(error.message).toMatch(/starting with a letter/);
  });
});
