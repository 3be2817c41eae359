/**
 * Property 3 — each rule: every `violatingCase(r)` of the 31 CreateBackup rules is refused with
 * exactly `r`, with the code and HTTP status of `r` in RULES; `listViolations` starts with it.
 * Then a look at the variety: the cases reach each rule by more than one path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectIs, expectEqual } from "./support/expect-cheaply";
import { sampleValues, violatingCase, type CreateBackupRuleId } from "../src/arbitraries/index";
import { createBackup, listViolations, RULES, type DecisionContext, type InstanceState } from "../src/index";
import { check, SEED } from "./settings";

const CREATE_BACKUP_RULES = RULES.filter((rule) => rule.operations.includes("createBackup"));

describe("every violatingCase(r) is refused with exactly r", () => {
  it("covers the 31 CreateBackup rules, in spec order", () => {
    expect(CREATE_BACKUP_RULES.map((rule) => rule.id)).toEqual([
      "context.invalid",
      "state.invalid",
      "request.malformed",
      "parameter.malformed",
      "action.missing",
      "action.unsupported",
      "instance-id.missing",
      "parameter.unknown",
      "backup-method.invalid-value",
      "backup-strategy.invalid-value",
      "backup-type.invalid-value",
      "db-name.malformed",
      "retention.invalid-value",
      "instance-id.not-found",
      "idempotency-key.reused",
      "instance.not-running",
      "backup-method.logical-requires-mysql",
      "backup-method.logical-requires-local-disk",
      "backup-method.mariadb-snapshot-uses-physical",
      "backup-method.snapshot-requires-cloud-disk",
      "backup-method.mysql-cloud-disk-uses-snapshot",
      "backup-type.requires-physical",
      "backup-strategy.scope",
      "backup-strategy.mysql-version",
      "db-name.requires-db-strategy",
      "db-name.missing",
      "retention.scope",
      "backup-method.logical-requires-database",
      "db-name.not-found",
      "instance.backup-in-progress",
      "instance.daily-limit-reached",
    ]);
  });

  for (const rule of CREATE_BACKUP_RULES) {
    it(`${rule.id} (${rule.code}, HTTP ${rule.httpStatus})`, () => {
      check(
        fc.property(violatingCase(rule.id as CreateBackupRuleId), ({ state, request, context }) => {
          // Cases of rules 1 and 2 hold a context or state that is not one, on purpose.
          const decision = createBackup(state as InstanceState, request, context as DecisionContext);
          expectIs(decision.ok, false);
          if (decision.ok) return;
          expectIs(decision.error.rule, rule.id);
          expectIs(decision.error.code, rule.code);
          expectIs(decision.error.httpStatus, rule.httpStatus);
          expectEqual(listViolations(state as InstanceState, request, context as DecisionContext)[0], decision.error);
        }),
        25,
      );
    });
  }
});

/** What a case looks like from outside: the field the violation names, the engine, the request form. */
function pathsOf(
  rule: CreateBackupRuleId,
  count: number,
  describeCase: (c: { state: unknown; request: unknown; parameter: string | undefined }) => string,
): Set<string> {
  const seen = new Set<string>();
  for (const c of sampleValues(violatingCase(rule), count, SEED)) {
    const decision = createBackup(c.state as InstanceState, c.request, c.context as DecisionContext);
    seen.add(describeCase({ state: c.state, request: c.request, parameter: decision.ok ? undefined : decision.error.parameter }));
  }
  return seen;
}

const formOf = (request: unknown) =>
  typeof request === "string" ? "query" : request instanceof URLSearchParams ? "search-params" : "object";
const engineOf = (state: unknown) => (state as { engine: string }).engine;
const shapeOfPath = (parameter: string | undefined) => (parameter ?? "").replace(/\[\d+\]/g, "[]");

describe("the cases are varied: they reach a rule by every path the spec allows", () => {
  it("rule 1 through now, the time zone, the limit, jobId, the idempotency key and the context itself", () => {
    const paths = pathsOf("context.invalid", 300, ({ parameter }) => shapeOfPath(parameter));
    expect([...paths].sort()).toEqual([
      "context",
      "context.idempotencyKey",
      "context.jobId",
      "context.now",
      "context.policy",
      "context.policy.dailyBackupLimit",
      "context.policy.timeZone",
    ]);
  });

  it("rule 2 through the state, its fields and its jobs' fields", () => {
    const paths = pathsOf("state.invalid", 300, ({ parameter }) => shapeOfPath(parameter));
    for (const path of [
      "state",
      "state.engine",
      "state.engineVersion",
      "state.storageType",
      "state.status",
      "state.databases",
      "state.jobs",
      "state.version",
      "state.jobs[].jobId",
      "state.jobs[].createdAt",
      "state.jobs[].status",
      "state.jobs[].idempotencyKey",
    ]) {
      expect(paths).toContain(path);
    }
  });

  it("rules 4 to 13 in all three request forms", () => {
    for (const rule of [
      "action.missing",
      "action.unsupported",
      "instance-id.missing",
      "parameter.unknown",
      "backup-method.invalid-value",
      "db-name.malformed",
      "retention.invalid-value",
    ] as const) {
      expect([...pathsOf(rule, 60, ({ request }) => formOf(request))].sort()).toEqual(["object", "query", "search-params"]);
    }
  });

  it("rule 4 through a wrong-typed value and a repeated name", () => {
    const forms = pathsOf("parameter.malformed", 60, ({ request }) => formOf(request));
    expect(forms.has("object") && (forms.has("query") || forms.has("search-params"))).toBe(true);
  });

  it("rule 15 through each parameter a reused key may differ in, in all three request forms, on every engine", () => {
    const seen = pathsOf(
      "idempotency-key.reused",
      200,
      ({ parameter, request, state }) => `${parameter} ${formOf(request)} ${engineOf(state)}`,
    );
    const parts = (index: number) => new Set([...seen].map((entry) => entry.split(" ")[index]));
    expect([...parts(0)].sort()).toEqual(["BackupMethod", "BackupRetentionPeriod", "BackupStrategy", "BackupType", "DBName"]);
    expect([...parts(1)].sort()).toEqual(["object", "query", "search-params"]);
    expect([...parts(2)].sort()).toEqual(["MariaDB", "MySQL", "PostgreSQL", "SQLServer"]);
  });

  it("rules 14, 15, 16 and 30, 31 on every engine; 17 on every engine but MySQL", () => {
    for (const rule of [
      "instance-id.not-found",
      "idempotency-key.reused",
      "instance.not-running",
      "instance.backup-in-progress",
      "instance.daily-limit-reached",
    ] as const) {
      expect([...pathsOf(rule, 80, ({ state }) => engineOf(state))].sort()).toEqual(["MariaDB", "MySQL", "PostgreSQL", "SQLServer"]);
    }
    expect([...pathsOf("backup-method.logical-requires-mysql", 60, ({ state }) => engineOf(state))].sort()).toEqual([
      "MariaDB",
      "PostgreSQL",
      "SQLServer",
    ]);
  });

  it("rule 20 on each engine with each local disk; rule 24 on MySQL versions older and newer than the documented ones; rules 23, 25, 27 and 29 on several engines", () => {
    expect([...pathsOf("backup-method.snapshot-requires-cloud-disk", 60, ({ state }) => engineOf(state))].sort()).toEqual([
      "MySQL",
      "PostgreSQL",
      "SQLServer",
    ]);
    expect(
      [...pathsOf("backup-method.snapshot-requires-cloud-disk", 60, ({ state }) => (state as { storageType: string }).storageType)].sort(),
    ).toEqual(["ephemeral_ssd", "local_ssd"]);
    const versions = pathsOf("backup-strategy.mysql-version", 60, ({ state }) => (state as { engineVersion: string }).engineVersion);
    expect(versions).toContain("5.5");
    expect(versions).toContain("8.4");
    expect([...pathsOf("backup-strategy.scope", 100, ({ state }) => engineOf(state))].sort()).toEqual([
      "MariaDB",
      "MySQL",
      "PostgreSQL",
      "SQLServer",
    ]);
    expect([...pathsOf("db-name.requires-db-strategy", 100, ({ state }) => engineOf(state))].sort()).toEqual([
      "MariaDB",
      "MySQL",
      "PostgreSQL",
      "SQLServer",
    ]);
    expect([...pathsOf("retention.scope", 100, ({ state }) => engineOf(state))].sort()).toEqual(["MariaDB", "PostgreSQL", "SQLServer"]);
    expect([...pathsOf("db-name.not-found", 60, ({ state }) => engineOf(state))].sort()).toEqual(["MySQL", "SQLServer"]);
  });
});
