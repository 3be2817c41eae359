/**
 * Precedence (docs/rules.md, "Rules at a glance"; decisions 0001 and 0002): a request that breaks two rules is refused by the earlier
 * one, `listViolations` lists both in precedence order, and its first element is `createBackup`'s
 * error. Among several wrong parameters at one level, the first in the spec's table order wins,
 * then unknown names in sorted order.
 */
import { describe, expect, it } from "vitest";
import { createBackup, listViolations, RULES, type DecisionContext, type InstanceState, type RuleId } from "../src/index";
import { BASE, context, expectRefused, instance, job, NOW, withBase } from "./support/builders";
import { compareParameterNames } from "../src/rules/parameter-order";

interface Case {
  readonly state: unknown;
  readonly request: unknown;
  readonly context: unknown;
}

const on = (request: unknown, state: unknown = instance(), ctx: unknown = context()): Case => ({ state, request, context: ctx });

const postgres = instance({ engine: "PostgreSQL", engineVersion: "16.0" });
const sqlServerCloud = instance({ engine: "SQLServer", engineVersion: "2019_std_ha", storageType: "cloud_essd" });
const mysqlCloud = instance({ storageType: "cloud_essd" });
const stopped = instance({ status: "Stopped" });
const busy = (changes: Partial<InstanceState> = {}) => instance({ jobs: [job("1", "Uploading")], ...changes });
const twentyToday = Array.from({ length: 20 }, (_, index) =>
  job(String(index + 1), "Finished", `2026-03-02T0${index % 8}:00:0${index % 10}Z`),
);

/** Two rules broken together: the earlier, the later, and a call that breaks both. */
const PAIRS: readonly (readonly [RuleId, RuleId, Case])[] = [
  ["context.invalid", "state.invalid", on(BASE, { ...instance(), engine: "Oracle" }, { now: "today" })],
  ["context.invalid", "instance.not-running", on(BASE, stopped, { now: NOW, policy: { timeZone: "Moon/Base" } })],
  ["state.invalid", "request.malformed", on(42, { ...instance(), jobs: null })],
  ["state.invalid", "parameter.unknown", on(withBase("Colour=red"), { ...instance(), status: "running" })],
  ["request.malformed", "instance.not-running", on([], stopped)],
  ["parameter.malformed", "instance.backup-in-progress", on("DBInstanceId=rm-test&DBName=a&DBName=b", busy())],
  ["parameter.malformed", "instance.not-running", on({ Action: "CreateBackup", DBInstanceId: "rm-test", BackupType: false }, stopped)],
  ["action.missing", "instance-id.missing", on("BackupMethod=Physical")],
  ["action.missing", "parameter.unknown", on("DBInstanceId=rm-test&Colour=red")],
  ["action.unsupported", "instance-id.missing", on("Action=DescribeBackups")],
  ["action.unsupported", "backup-method.invalid-value", on("Action=DeleteBackup&DBInstanceId=rm-test&BackupMethod=Dump")],
  ["instance-id.missing", "parameter.unknown", on("Action=CreateBackup&Colour=red")],
  ["parameter.unknown", "backup-method.invalid-value", on(withBase("Colour=red&BackupMethod=Dump"))],
  ["parameter.unknown", "instance.backup-in-progress", on(withBase("Colour=red"), busy())],
  ["backup-method.invalid-value", "backup-strategy.invalid-value", on(withBase("BackupMethod=Dump&BackupStrategy=all"))],
  ["backup-strategy.invalid-value", "backup-type.invalid-value", on(withBase("BackupStrategy=all&BackupType=Full"))],
  ["backup-type.invalid-value", "db-name.malformed", on(withBase("BackupType=Full&DBName=1x"))],
  ["db-name.malformed", "retention.invalid-value", on(withBase("DBName=a,,b&BackupRetentionPeriod=1"))],
  ["retention.invalid-value", "instance.not-running", on(withBase("BackupRetentionPeriod=1"), stopped)],
  ["retention.invalid-value", "instance.daily-limit-reached", on(withBase("BackupRetentionPeriod=1"), instance({ jobs: twentyToday }))],
  ["instance-id.not-found", "instance.not-running", on("Action=CreateBackup&DBInstanceId=rm-other", stopped)],
  [
    "instance-id.not-found",
    "backup-method.snapshot-requires-cloud-disk",
    on("Action=CreateBackup&DBInstanceId=rm-other&BackupMethod=Snapshot"),
  ],
  [
    "instance.not-running",
    "backup-method.logical-requires-mysql",
    on(withBase("BackupMethod=Logical"), { ...postgres, status: "Stopped" }),
  ],
  ["instance.not-running", "instance.backup-in-progress", on(BASE, busy({ status: "Rebooting" }))],
  [
    "backup-method.logical-requires-mysql",
    "backup-type.requires-physical",
    on(withBase("BackupMethod=Logical&BackupType=FullBackup"), postgres),
  ],
  [
    "backup-method.logical-requires-local-disk",
    "backup-method.logical-requires-database",
    on(withBase("BackupMethod=Logical"), { ...mysqlCloud, databases: [] }),
  ],
  [
    "backup-method.snapshot-requires-cloud-disk",
    "backup-type.requires-physical",
    on(withBase("BackupMethod=Snapshot&BackupType=FullBackup")),
  ],
  [
    "backup-method.mysql-cloud-disk-uses-snapshot",
    "instance.backup-in-progress",
    on(BASE, { ...mysqlCloud, jobs: [job("1", "Checking")] }),
  ],
  [
    "backup-type.requires-physical",
    "backup-strategy.scope",
    on(withBase("BackupMethod=Snapshot&BackupType=FullBackup&BackupStrategy=db&DBName=orders"), sqlServerCloud),
  ],
  ["backup-strategy.scope", "db-name.requires-db-strategy", on(withBase("BackupStrategy=instance&DBName=orders"))],
  ["backup-strategy.scope", "retention.scope", on(withBase("BackupStrategy=instance&BackupRetentionPeriod=30"), postgres)],
  [
    "backup-strategy.mysql-version",
    "db-name.not-found",
    on(withBase("BackupMethod=Logical&BackupStrategy=db&DBName=sales"), instance({ engineVersion: "5.5" })),
  ],
  [
    "db-name.requires-db-strategy",
    "retention.scope",
    on(withBase("BackupType=FullBackup&BackupStrategy=instance&DBName=orders&BackupRetentionPeriod=30"), sqlServerCloud),
  ],
  [
    "db-name.missing",
    "backup-method.logical-requires-database",
    on(withBase("BackupMethod=Logical&BackupStrategy=db"), instance({ databases: [] })),
  ],
  [
    "retention.scope",
    "instance.backup-in-progress",
    on(withBase("BackupRetentionPeriod=30"), { ...postgres, jobs: [job("1", "NoStart")] }),
  ],
  [
    "backup-method.logical-requires-database",
    "instance.daily-limit-reached",
    on(withBase("BackupMethod=Logical"), instance({ databases: [], jobs: twentyToday })),
  ],
  ["db-name.not-found", "instance.backup-in-progress", on(withBase("BackupMethod=Logical&BackupStrategy=db&DBName=sales"), busy())],
  [
    "instance.backup-in-progress",
    "instance.daily-limit-reached",
    on(BASE, instance({ jobs: [...twentyToday.slice(1), job("99", "Preparing")] })),
  ],
];

const position = (id: RuleId) => RULES.findIndex((rule) => rule.id === id);

function run(call: Case) {
  const state = call.state as InstanceState;
  const ctx = call.context as DecisionContext;
  return { decision: createBackup(state, call.request, ctx), violations: listViolations(state, call.request, ctx) };
}

describe("two rules broken together", () => {
  for (const [earlier, later, call] of PAIRS) {
    it(`${earlier} wins over ${later}; listViolations lists both in order`, () => {
      expect(position(earlier)).toBeLessThan(position(later));
      const { decision, violations } = run(call);
      const error = expectRefused(decision, earlier);
      const rules = violations.map((violation) => violation.rule);
      expect(rules).toContain(later);
      expect(rules.indexOf(earlier)).toBeLessThan(rules.indexOf(later));
      expect(violations[0]).toEqual(error);
    });
  }
});

describe("listViolations", () => {
  it("lists every violated rule in precedence order, each once", () => {
    const state = { ...postgres, status: "Stopped", databases: [], jobs: [job("1", "Waiting")] } as InstanceState;
    const violations = listViolations(state, withBase("BackupMethod=Logical&BackupType=FullBackup&BackupRetentionPeriod=30"), context());
    expect(violations.map((violation) => violation.rule)).toEqual([
      "instance.not-running",
      "backup-method.logical-requires-mysql",
      "backup-type.requires-physical",
      "retention.scope",
      "backup-method.logical-requires-database",
      "instance.backup-in-progress",
    ]);
    const positions = violations.map((violation) => position(violation.rule));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("still judges the other parameters when one is malformed, but never the malformed one", () => {
    const violations = listViolations(instance(), "DBInstanceId=rm-test&DBName=a&DBName=b&BackupType=Full&Colour=red", context());
    expect(violations.map((violation) => [violation.rule, violation.parameter])).toEqual([
      ["parameter.malformed", "DBName"],
      ["action.missing", "Action"],
      ["parameter.unknown", "Colour"],
      ["backup-type.invalid-value", "BackupType"],
    ]);
  });

  it("does not call a repeated Action missing", () => {
    const violations = listViolations(instance(), `${BASE}&Action=CreateBackup`, context());
    expect(violations.map((violation) => violation.rule)).toEqual(["parameter.malformed"]);
  });

  it("is empty exactly when createBackup accepts", () => {
    expect(listViolations(instance(), BASE, context())).toEqual([]);
    expect(createBackup(instance(), BASE, context()).ok).toBe(true);
  });
});

describe("parameters wrong at the same level", () => {
  const malformedFirst = (request: unknown) => expectRefused(createBackup(instance(), request, context()), "parameter.malformed");

  it("the first in the spec's table order wins, whatever the order received", () => {
    expect(
      malformedFirst(withBase("DBName=a&BackupRetentionPeriod=1&BackupRetentionPeriod=2&DBName=b&BackupMethod=x&BackupMethod=y")).parameter,
    ).toBe("BackupMethod");
    expect(
      malformedFirst({ ResourceOwnerId: [1], BackupType: {}, BackupStrategy: true, DBInstanceId: "rm-test", Action: "CreateBackup" })
        .parameter,
    ).toBe("BackupStrategy");
    expect(malformedFirst({ Action: ["CreateBackup"], DBInstanceId: ["rm-test"] }).parameter).toBe("Action");
    expect(malformedFirst({ Action: "CreateBackup", DBInstanceId: ["rm-test"], BackupMethod: null }).parameter).toBe("DBInstanceId");
  });

  it("table parameters come before any other name, common or unknown", () => {
    expect(malformedFirst({ Action: "CreateBackup", DBInstanceId: "rm-test", AAA: [], Format: [], ResourceOwnerId: [] }).parameter).toBe(
      "ResourceOwnerId",
    );
  });

  it("other names come in sorted order", () => {
    expect(malformedFirst({ Action: "CreateBackup", DBInstanceId: "rm-test", Zeta: [], RegionId: [], Alpha: [] }).parameter).toBe("Alpha");
    const unknown = expectRefused(createBackup(instance(), withBase("Zeta=1&Mid=2&Alpha=3"), context()), "parameter.unknown");
    expect(unknown.parameter).toBe("Alpha");
  });

  it("sorts by code unit, so upper-case names come before lower-case ones", () => {
    const unknown = expectRefused(createBackup(instance(), withBase("alpha=1&Zeta=2"), context()), "parameter.unknown");
    expect(unknown.parameter).toBe("Zeta");
  });

  it("listViolations reports one violation per rule, about the first parameter", () => {
    const violations = listViolations(instance(), withBase("Zeta=1&Alpha=2"), context());
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: "parameter.unknown", parameter: "Alpha" });
  });
});

describe("compareParameterNames is a comparator", () => {
  // Found by a mutation run (docs/verification.md): the tie-break order (decision 0004) is a proper comparator.
  it("orders other names by code unit, both ways, and ties a name with itself", () => {
    expect(compareParameterNames("Zeta", "Alpha")).toBeGreaterThan(0);
    expect(compareParameterNames("Alpha", "Zeta")).toBeLessThan(0);
    expect(compareParameterNames("Zeta", "Zeta")).toBe(0);
    expect(compareParameterNames("DBName", "DBName")).toBe(0);
    expect(compareParameterNames("Action", "DBName")).toBeLessThan(0);
  });
});
