/**
 * The rule catalog as a whole: it matches the product specification's rule table (id, code,
 * HTTP status, precedence), and each rule's worked example (docs/rules.md) is refused by exactly
 * that rule while its near miss is accepted.
 * Split from test/rules.test.ts by rule family (issue 11).
 */
import { describe, expect, it } from "vitest";
import { listViolations, RULES, type InstanceState, type RuleId } from "../../src/index";
import { RULE_CATALOG, CREATE_BACKUP_RULES, ADVANCE_JOB_RULES } from "../../src/rules/catalog";
import { RULE_EXAMPLES } from "../../src/examples/rule-examples";
import { runExample } from "../../src/examples/run-example";
import { expectAccepted, expectRefused } from "../support/builders";

/** The rule table, copied from the product specification: id, code, HTTP status, in precedence order. */
const SPEC_RULES: readonly (readonly [string, string, number])[] = [
  ["context.invalid", "InvalidDecisionContext", 500],
  ["state.invalid", "InvalidInstanceState", 500],
  ["request.malformed", "InvalidParameter", 400],
  ["parameter.malformed", "InvalidParameter", 400],
  ["action.missing", "MissingParameter", 400],
  ["action.unsupported", "InvalidAction.NotFound", 404],
  ["instance-id.missing", "MissingParameter", 400],
  ["parameter.unknown", "InvalidParameter", 400],
  ["backup-method.invalid-value", "InvalidBackupMethod.ValueNotSupport", 400],
  ["backup-strategy.invalid-value", "InvalidBackupStrategy.ValueNotSupport", 400],
  ["backup-type.invalid-value", "BackupType.NotSupport", 400],
  ["db-name.malformed", "InvalidDBName.Malformed", 400],
  ["retention.invalid-value", "InvalidBackupRetentionPeriod.ValueNotSupport", 400],
  ["instance-id.not-found", "InvalidDBInstanceId.NotFound", 404],
  ["idempotency-key.reused", "IdempotentParameterMismatch", 400],
  ["instance.not-running", "IncorrectDBInstanceState", 403],
  ["backup-method.logical-requires-mysql", "InvalidBackupMethod.ValueNotSupport", 400],
  ["backup-method.logical-requires-local-disk", "InvalidBackupMethod.ValueNotSupport", 400],
  ["backup-method.mariadb-snapshot-uses-physical", "InvalidBackupMethod.ValueNotSupport", 400],
  ["backup-method.snapshot-requires-cloud-disk", "InvalidBackupMethod.ValueNotSupport", 400],
  ["backup-method.mysql-cloud-disk-uses-snapshot", "InvalidBackupMethod.ValueNotSupport", 400],
  ["backup-type.requires-physical", "BackupType.NotSupport", 400],
  ["backup-strategy.scope", "InvalidBackupStrategy.NotSupport", 400],
  ["backup-strategy.mysql-version", "InvalidBackupStrategy.NotSupport", 400],
  ["db-name.requires-db-strategy", "InvalidDBName.NotSupport", 400],
  ["db-name.missing", "MissingParameter", 400],
  ["retention.scope", "InvalidBackupRetentionPeriod.NotSupport", 400],
  ["backup-method.logical-requires-database", "OperationDenied.NoDatabase", 403],
  ["db-name.not-found", "InvalidDBName.NotFound", 404],
  ["instance.backup-in-progress", "BackupJobExists", 403],
  ["instance.daily-limit-reached", "QuotaExceeded.DailyBackupLimit", 403],
  ["job.not-found", "InvalidBackupJobId.NotFound", 404],
  ["job-status.invalid-value", "InvalidBackupStatus.ValueNotSupport", 400],
  ["job.invalid-transition", "IncorrectBackupJobState", 409],
];

/** The parameter (or path) each worked example's violation names; `null`: none (rules about the whole instance). */
const EXAMPLE_PARAMETER: { readonly [Id in RuleId]: string | null } = {
  "context.invalid": "context.now",
  "state.invalid": "state.storageType",
  "request.malformed": null,
  "parameter.malformed": "BackupType",
  "action.missing": "Action",
  "action.unsupported": "Action",
  "instance-id.missing": "DBInstanceId",
  "parameter.unknown": "BackupMehtod",
  "backup-method.invalid-value": "BackupMethod",
  "backup-strategy.invalid-value": "BackupStrategy",
  "backup-type.invalid-value": "BackupType",
  "db-name.malformed": "DBName",
  "retention.invalid-value": "BackupRetentionPeriod",
  "instance-id.not-found": "DBInstanceId",
  "idempotency-key.reused": "BackupType",
  "instance.not-running": null,
  "backup-method.logical-requires-mysql": "BackupMethod",
  "backup-method.logical-requires-local-disk": "BackupMethod",
  "backup-method.mariadb-snapshot-uses-physical": "BackupMethod",
  "backup-method.snapshot-requires-cloud-disk": "BackupMethod",
  "backup-method.mysql-cloud-disk-uses-snapshot": "BackupMethod",
  "backup-type.requires-physical": "BackupType",
  "backup-strategy.scope": "BackupStrategy",
  "backup-strategy.mysql-version": "BackupStrategy",
  "db-name.requires-db-strategy": "DBName",
  "db-name.missing": "DBName",
  "retention.scope": "BackupRetentionPeriod",
  "backup-method.logical-requires-database": "BackupMethod",
  "db-name.not-found": "DBName",
  "instance.backup-in-progress": null,
  "instance.daily-limit-reached": null,
  "job.not-found": "jobId",
  "job-status.invalid-value": "status",
  "job.invalid-transition": "status",
};

describe("the rule catalog", () => {
  it("is the rule set: 34 rules with their ids, codes and HTTP statuses, in precedence order", () => {
    expect(RULES.map(({ id, code, httpStatus }) => [id, code, httpStatus])).toEqual(SPEC_RULES);
  });

  it("gives every rule a title and a description", () => {
    for (const rule of RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(0);
      expect(rule.description.length, rule.id).toBeGreaterThan(0);
    }
  });

  it("is frozen", () => {
    expect(Object.isFrozen(RULES)).toBe(true);
    expect(RULES.every((rule) => Object.isFrozen(rule))).toBe(true);
  });

  it("orders createBackup by rules 1–31 and advanceBackupJob by rules 1, 2, 32–34", () => {
    expect(CREATE_BACKUP_RULES.map((rule) => rule.id)).toEqual(SPEC_RULES.slice(0, 31).map(([id]) => id));
    expect(ADVANCE_JOB_RULES.map((rule) => rule.id)).toEqual(
      [SPEC_RULES[0], SPEC_RULES[1], ...SPEC_RULES.slice(31)].map((entry) => entry?.[0]),
    );
    expect(RULE_CATALOG.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
  });
});

describe("each rule's worked example", () => {
  for (const { id } of RULES) {
    const example = RULE_EXAMPLES[id];
    it(`${id}: the violating call gets exactly this rule`, () => {
      expectRefused(runExample(example.violating), id, EXAMPLE_PARAMETER[id]);
      const { violating } = example;
      if (violating.call === "createBackup") {
        const all = listViolations(violating.state as InstanceState, violating.request, violating.context as never);
        expect(all.map((violation) => violation.rule)).toEqual([id]);
      }
    });
    it(`${id}: the near miss is accepted`, () => {
      expectAccepted(runExample(example.nearMiss));
      const { nearMiss } = example;
      if (nearMiss.call === "createBackup") {
        expect(listViolations(nearMiss.state as InstanceState, nearMiss.request, nearMiss.context as never)).toEqual([]);
      }
    });
  }
});
