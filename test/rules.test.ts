/**
 * Every rule of docs/rules.md: the catalog matches the spec's table; each rule's worked example
 * is refused by exactly that rule and its near miss is accepted; then, family by family, every
 * path the spec allows to each rule, with the messages a caller reads.
 */
import { describe, expect, it } from "vitest";
import { advanceBackupJob, createBackup, listViolations, RULES, type InstanceState, type RuleId } from "../src/index";
import { RULE_CATALOG, CREATE_BACKUP_RULES, ADVANCE_JOB_RULES } from "../src/rules/catalog";
import { RULE_EXAMPLES } from "../src/examples/rule-examples";
import { runExample } from "../src/examples/run-example";
import { BASE, context, expectAccepted, expectMessage, expectRefused, instance, job, NOW, withBase } from "./support/builders";

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

/** Decides `request` on `state` (`instance()` by default) with `ctx` (`context()` by default). */
function decide(request: unknown, state: unknown = instance(), ctx: unknown = context()) {
  return createBackup(state as InstanceState, request, ctx as never);
}

describe("rule 1, context.invalid", () => {
  const refusals: readonly (readonly [string, unknown, string, readonly string[]])[] = [
    ["now without a zone", { now: "2026-03-02T08:00:00" }, "context.now", ["context.now", '"2026-03-02T08:00:00"', "Z or ±hh:mm"]],
    ["now with a space for T", { now: "2026-03-02 08:00:00Z" }, "context.now", ["context.now", "ISO 8601"]],
    ["now on February 30", { now: "2026-02-30T08:00:00Z" }, "context.now", ["context.now", "2026-02-30"]],
    ["now at hour 24", { now: "2026-03-02T24:00:00Z" }, "context.now", ["context.now"]],
    ["now as words", { now: "yesterday" }, "context.now", ["context.now", '"yesterday"']],
    ["now as an invalid Date", { now: new Date(Number.NaN) }, "context.now", ["context.now", "invalid Date"]],
    ["now as epoch milliseconds", { now: Date.UTC(2026, 2, 2) }, "context.now", ["context.now", "Date or an ISO 8601 string", "number"]],
    ["now as null", { now: null }, "context.now", ["context.now", "null"]],
    ["now missing", {}, "context.now", ["context.now", "missing"]],
    ["an unknown IANA zone", { now: NOW, policy: { timeZone: "Mars/Olympus_Mons" } }, "context.policy.timeZone", ["timeZone", '"Mars/Olympus_Mons"', "IANA"]],
    ["an offset as the zone", { now: NOW, policy: { timeZone: "+05:45" } }, "context.policy.timeZone", ["timeZone", '"+05:45"', "IANA"]],
    ["a zone that is not a string", { now: NOW, policy: { timeZone: 8 } }, "context.policy.timeZone", ["timeZone", "the number 8"]],
    ["an empty zone", { now: NOW, policy: { timeZone: "" } }, "context.policy.timeZone", ["timeZone"]],
    ["limit 0", { now: NOW, policy: { dailyBackupLimit: 0 } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit", "positive integer", "0"]],
    ["limit -1", { now: NOW, policy: { dailyBackupLimit: -1 } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit", "-1"]],
    ["limit 1.5", { now: NOW, policy: { dailyBackupLimit: 1.5 } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit", "1.5"]],
    ['limit "20"', { now: NOW, policy: { dailyBackupLimit: "20" } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit", 'the string "20"']],
    ["limit NaN", { now: NOW, policy: { dailyBackupLimit: Number.NaN } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit", "NaN"]],
    ["limit Infinity", { now: NOW, policy: { dailyBackupLimit: Infinity } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit"]],
    ["jobId with letters", { now: NOW, jobId: "job-7" }, "context.jobId", ["context.jobId", "decimal digits", '"job-7"']],
    ["jobId with a sign", { now: NOW, jobId: "-7" }, "context.jobId", ["context.jobId", "decimal digits"]],
    ["jobId as a number", { now: NOW, jobId: 7 }, "context.jobId", ["context.jobId", "the number 7"]],
    ["an empty idempotencyKey", { now: NOW, idempotencyKey: "" }, "context.idempotencyKey", ["context.idempotencyKey", "1 to 64", 'the string ""']],
    ["an idempotencyKey of 65 characters", { now: NOW, idempotencyKey: "k".repeat(65) }, "context.idempotencyKey", ["context.idempotencyKey", "1 to 64"]],
    ["an idempotencyKey with a newline", { now: NOW, idempotencyKey: "retry\n1" }, "context.idempotencyKey", ["printable ASCII"]],
    ["an idempotencyKey with a non-ASCII letter", { now: NOW, idempotencyKey: "clé" }, "context.idempotencyKey", ["printable ASCII"]],
    ["an idempotencyKey as a number", { now: NOW, idempotencyKey: 7 }, "context.idempotencyKey", ["the number 7"]],
    ["policy that is not an object", { now: NOW, policy: "UTC" }, "context.policy", ["context.policy", "object"]],
    ["a misspelt context key", { now: NOW, requestID: "r" }, "context.requestID", ["context.requestID", "requestId"]],
    ["a misspelt policy key", { now: NOW, policy: { dailyLimit: 3 } }, "context.policy.dailyLimit", ["dailyLimit", "dailyBackupLimit"]],
    ["the context null", null, "context", ["context", "null"]],
    ["the context a string", NOW, "context", ["context", "object"]],
  ];
  for (const [name, ctx, parameter, fragments] of refusals) {
    it(`refuses ${name}`, () => {
      expectMessage(expectRefused(decide(BASE, instance(), ctx), "context.invalid", parameter), ...fragments);
    });
  }

  it("refuses a jobId already held by a job of the state", () => {
    const state = instance({ jobs: [job("5073731", "Finished")] });
    const violation = expectRefused(decide(BASE, state, { now: NOW, jobId: "5073731" }), "context.invalid", "context.jobId");
    expectMessage(violation, '"5073731"', "already", "omit jobId");
  });

  it("refuses a jobId held by a job that carries another idempotency key", () => {
    const state = instance({ jobs: [{ ...job("5073731", "Finished"), idempotencyKey: "k-1" }] });
    expectRefused(decide(BASE, state, { now: NOW, jobId: "5073731", idempotencyKey: "k-2" }), "context.invalid", "context.jobId");
    expectRefused(decide(BASE, state, { now: NOW, jobId: "5073731" }), "context.invalid", "context.jobId");
  });

  it("lets a retry repeat its context: the jobId of the job carrying the same key is not taken", () => {
    const state = instance({ jobs: [{ ...job("5073731", "NoStart"), idempotencyKey: "k-1" }] });
    const replayed = expectAccepted(decide(BASE, state, { now: NOW, jobId: "5073731", idempotencyKey: "k-1" }));
    expect(replayed).toMatchObject({ replayed: true, response: { BackupJobId: "5073731" } });
    expect(replayed.state).toBe(state);
  });

  it("reports an invalid state, not the jobId, when the state does not parse", () => {
    const state = { ...instance({ jobs: [job("9", "Finished")] }), engine: "Oracle" };
    expectRefused(decide(BASE, state, { now: NOW, jobId: "9" }), "state.invalid", "state.engine");
  });

  const nearMisses: readonly (readonly [string, unknown])[] = [
    ["now as a Date", { now: new Date(Date.UTC(2026, 2, 2, 8)) }],
    ["now with an offset", { now: "2026-03-02T13:45:00+05:45" }],
    ["now with milliseconds", { now: "2026-03-02T08:00:00.123Z" }],
    ["now without seconds", { now: "2026-03-02T08:00Z" }],
    ["a known IANA zone", { now: NOW, policy: { timeZone: "Asia/Kathmandu" } }],
    ["a link zone", { now: NOW, policy: { timeZone: "US/Eastern" } }],
    ["limit 1", { now: NOW, policy: { dailyBackupLimit: 1 } }],
    ["an unused jobId", { now: NOW, jobId: "5073731" }],
    ["an idempotencyKey of one character", { now: NOW, idempotencyKey: "k" }],
    ["an idempotencyKey of 64 printable characters, spaces and ~ included", { now: NOW, idempotencyKey: ` ~${"x".repeat(61)}!` }],
    ["a requestId", { now: NOW, requestId: "2C125605-266F-41CA-8AC5-3A643D4F42C5" }],
    ["an empty policy", { now: NOW, policy: {} }],
  ];
  for (const [name, ctx] of nearMisses) {
    it(`accepts ${name}`, () => {
      expectAccepted(decide(BASE, instance(), ctx));
    });
  }

  it("dates the job with now, in UTC", () => {
    const accepted = expectAccepted(decide(BASE, instance(), { now: "2026-03-02T13:45:00+05:45" }));
    expect(accepted.job.createdAt).toBe("2026-03-02T08:00:00.000Z");
  });
});

describe("rule 2, state.invalid", () => {
  const valid = instance({ jobs: [job("1", "Finished")] });
  const withField = (key: string, value: unknown): unknown => ({ ...valid, [key]: value });
  const withJob = (changes: Record<string, unknown>): unknown => ({ ...valid, jobs: [{ ...job("1", "Finished"), ...changes }] });
  const withoutField = (key: string): unknown => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== key));
  const withoutJobField = (key: string): unknown => ({
    ...valid,
    jobs: [Object.fromEntries(Object.entries(job("1", "Finished")).filter(([name]) => name !== key))],
  });

  for (const field of ["instanceId", "engine", "engineVersion", "storageType", "status", "databases", "jobs"]) {
    it(`refuses a state without ${field}`, () => {
      expectMessage(expectRefused(decide(BASE, withoutField(field)), "state.invalid", `state.${field}`), `state.${field}`, "missing");
    });
  }
  for (const field of ["jobId", "status", "mode", "method", "backupType", "createdAt"]) {
    it(`refuses a job without ${field}`, () => {
      expectMessage(expectRefused(decide(BASE, withoutJobField(field)), "state.invalid", `state.jobs[0].${field}`), "missing");
    });
  }

  const refusals: readonly (readonly [string, unknown, string, readonly string[]])[] = [
    ["an unknown engine", withField("engine", "Oracle"), "state.engine", ['"Oracle"', "MySQL", "MariaDB"]],
    ["a lower-case status", withField("status", "running"), "state.status", ['"running"', "Running"]],
    ["an unknown storage type", withField("storageType", "nvme"), "state.storageType", ['"nvme"', "local_ssd", "cloud_essd"]],
    ["a MySQL version that is not major.minor", withField("engineVersion", "8"), "state.engineVersion", ['"8"', "major.minor"]],
    ["a MySQL version with a patch level", withField("engineVersion", "8.0.36"), "state.engineVersion", ['"8.0.36"', "major.minor"]],
    ["a MySQL version with letters", withField("engineVersion", "8.0_ha"), "state.engineVersion", ['"8.0_ha"']],
    ["an empty PostgreSQL version", { ...valid, engine: "PostgreSQL", engineVersion: "" }, "state.engineVersion", ["non-empty"]],
    ["an empty SQL Server version", { ...valid, engine: "SQLServer", engineVersion: "" }, "state.engineVersion", ["non-empty"]],
    ["an instanceId that is a number", withField("instanceId", 7), "state.instanceId", ["string", "the number 7"]],
    ["databases that are a string", withField("databases", "orders"), "state.databases", ["array"]],
    ["a database that is not a string", withField("databases", ["orders", 3]), "state.databases[1]", ["string"]],
    ["jobs that are an object", withField("jobs", {}), "state.jobs", ["array"]],
    ["a job that is not an object", withField("jobs", ["1"]), "state.jobs[0]", ["object"]],
    ["a version below zero", withField("version", -1), "state.version", ["non-negative integer", "-1"]],
    ["a fractional version", withField("version", 1.5), "state.version", ["1.5"]],
    ["a version as text", withField("version", "3"), "state.version", ['the string "3"']],
    ["an unknown field", withField("region", "cn-hangzhou"), "state.region", ["state.region", "instanceId"]],
    ["MariaDB on local_ssd", { ...valid, engine: "MariaDB", engineVersion: "10.3" }, "state.storageType", ["MariaDB", "local_ssd", "cloud disks"]],
    ["MariaDB on ephemeral_ssd", { ...valid, engine: "MariaDB", engineVersion: "10.6", storageType: "ephemeral_ssd" }, "state.storageType", ["MariaDB", "ephemeral_ssd", "cloud disks"]],
    ["a job idempotencyKey that is empty", withJob({ idempotencyKey: "" }), "state.jobs[0].idempotencyKey", ["1 to 64"]],
    ["a job idempotencyKey that is a number", withJob({ idempotencyKey: 7 }), "state.jobs[0].idempotencyKey", ["the number 7"]],
    ["duplicate job ids", withField("jobs", [job("1", "Finished"), job("1", "Failed")]), "state.jobs[1].jobId", ['"1"', "unique"]],
    ["a job id with letters", withJob({ jobId: "j1" }), "state.jobs[0].jobId", ["decimal digits", '"j1"']],
    ["a createdAt without a zone", withJob({ createdAt: "2026-03-02T07:00:00" }), "state.jobs[0].createdAt", ["ISO 8601", '"2026-03-02T07:00:00"']],
    ["a createdAt that is a date only", withJob({ createdAt: "2026-03-02" }), "state.jobs[0].createdAt", ["ISO 8601"]],
    ["a createdAt on an impossible date", withJob({ createdAt: "2026-02-29T07:00:00Z" }), "state.jobs[0].createdAt", ['"2026-02-29T07:00:00Z"']],
    ["a createdAt that is a number", withJob({ createdAt: 1_772_434_800_000 }), "state.jobs[0].createdAt", ["string"]],
    ["an unknown job status", withJob({ status: "Done" }), "state.jobs[0].status", ['"Done"', "Uploading", "Failed"]],
    ["an unknown job mode", withJob({ mode: "manual" }), "state.jobs[0].mode", ['"manual"', "Manual"]],
    ["an unknown job method", withJob({ method: "Dump" }), "state.jobs[0].method", ['"Dump"']],
    ["an unknown job backup type", withJob({ backupType: "Incremental" }), "state.jobs[0].backupType", ['"Incremental"']],
    ["an unknown job strategy", withJob({ strategy: "table" }), "state.jobs[0].strategy", ['"table"']],
    ["job dbNames that are a string", withJob({ dbNames: "orders" }), "state.jobs[0].dbNames", ["array"]],
    ["a job retention out of range", withJob({ retentionPeriod: 5 }), "state.jobs[0].retentionPeriod", ["7 to 730", "5"]],
    ["an unknown job field", withJob({ size: 10 }), "state.jobs[0].size", ["state.jobs[0].size"]],
    ["null", null, "state", ["state", "null"]],
    ["an array", [valid], "state", ["state", "an array"]],
  ];
  for (const [name, state, path, fragments] of refusals) {
    it(`refuses ${name}`, () => {
      const violation = expectRefused(decide(BASE, state), "state.invalid", path);
      expectMessage(violation, path, ...fragments);
    });
  }

  const nearMisses: readonly (readonly [string, unknown])[] = [
    ["a createdAt with an offset", withJob({ createdAt: "2026-03-02T15:00:00+08:00" })],
    ["a full optional job", withJob({ strategy: "db", dbNames: ["orders"], retentionPeriod: -1, mode: "Automated", method: "Logical" })],
    ["a version", withField("version", 41)],
    ["MariaDB on cloud_essd", { ...valid, engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_essd" }],
    ["duplicate databases", withField("databases", ["orders", "orders"])],
    ["any SQL Server version string", { ...valid, engine: "SQLServer", engineVersion: "2019_std_ha" }],
    ["SQL Server 2022_std_ha", { ...valid, engine: "SQLServer", engineVersion: "2022_std_ha" }],
    ["MySQL versions the rule set never heard of", withField("engineVersion", "8.4")],
    ["MySQL 5.1", withField("engineVersion", "5.1")],
    ["MySQL 9.1", withField("engineVersion", "9.1")],
    ["PostgreSQL 18.0", { ...valid, engine: "PostgreSQL", engineVersion: "18.0" }],
    ["MariaDB 10.6", { ...valid, engine: "MariaDB", engineVersion: "10.6", storageType: "cloud_essd" }],
    ["a local disk ephemeral_ssd", withField("storageType", "ephemeral_ssd")],
    ["a job with an idempotencyKey", withJob({ idempotencyKey: "nightly 2026-03-02 #1" })],
  ];
  for (const [name, state] of nearMisses) {
    it(`accepts ${name}`, () => {
      expectAccepted(decide(BASE, state));
    });
  }
});

describe("rule 3, request.malformed", () => {
  const refusals: readonly (readonly [string, unknown, string])[] = [
    ["a number", 42, "the number 42"],
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["an array of pairs", [["Action", "CreateBackup"]], "an array"],
    ["a boolean", true, "the boolean true"],
    ["a Map", new Map([["Action", "CreateBackup"]]), "an object"],
    ["a Date", new Date(0), "a Date"],
    ["a class instance", new (class Request { Action = "CreateBackup"; })(), "an object"],
  ];
  for (const [name, request, received] of refusals) {
    it(`refuses ${name}`, () => {
      const violation = expectRefused(decide(request), "request.malformed", null);
      expectMessage(violation, "query string", "URLSearchParams", "plain object", received);
    });
  }

  it("accepts an object without a prototype", () => {
    expectAccepted(decide(Object.assign(Object.create(null), { Action: "CreateBackup", DBInstanceId: "rm-test" })));
  });
});

describe("rule 4, parameter.malformed", () => {
  const object = (extra: Record<string, unknown>) => ({ Action: "CreateBackup", DBInstanceId: "rm-test", ...extra });
  const refusals: readonly (readonly [string, unknown, string, readonly string[]])[] = [
    ["a name repeated in a query string", withBase("DBName=a&DBName=b"), "DBName", ['"DBName"', "2 times", "once", "commas"]],
    ["a name given three times", withBase("BackupType=Auto&BackupType=Auto&BackupType=Auto"), "BackupType", ["3 times"]],
    ["a repeated Action", "Action=CreateBackup&Action=CreateBackup&DBInstanceId=rm-test", "Action", ["2 times"]],
    ["a name repeated in URLSearchParams", new URLSearchParams([["Action", "CreateBackup"], ["DBInstanceId", "rm-test"], ["DBInstanceId", "rm-test"]]), "DBInstanceId", ["2 times"]],
    ["an array value", object({ DBName: ["orders", "users"] }), "DBName", ['"DBName"', "must be a string", "an array"]],
    ["a boolean value", object({ BackupMethod: true }), "BackupMethod", ["must be a string", "the boolean true"]],
    ["a null value", object({ BackupType: null }), "BackupType", ["null"]],
    ["an object value", object({ BackupStrategy: { value: "db" } }), "BackupStrategy", ["an object"]],
    ["a number for DBName", object({ DBName: 5 }), "DBName", ["must be a string;", "the number 5"]],
    ["a number for Action", { Action: 1, DBInstanceId: "rm-test" }, "Action", ["the number 1"]],
    ["an array for BackupRetentionPeriod", object({ BackupRetentionPeriod: [30] }), "BackupRetentionPeriod", ["a string or a number", "an array"]],
    ["a boolean for a common parameter", object({ RegionId: false }), "RegionId", ["the boolean false"]],
  ];
  for (const [name, request, parameter, fragments] of refusals) {
    it(`refuses ${name}`, () => {
      expectMessage(expectRefused(decide(request), "parameter.malformed", parameter), ...fragments);
    });
  }

  it("accepts numbers for BackupRetentionPeriod and ResourceOwnerId", () => {
    expectAccepted(decide(object({ BackupRetentionPeriod: 30, ResourceOwnerId: 1_234_567 })));
  });

  it("treats an undefined value as absent", () => {
    expectAccepted(decide(object({ DBName: undefined, BackupMethod: undefined })));
  });
});

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

describe("rules 9–13: parameter values", () => {
  const logicalDb = "BackupMethod=Logical&BackupStrategy=db";
  const cases: readonly (readonly [RuleId, string, string, readonly string[]])[] = [
    ["backup-method.invalid-value", "BackupMethod=physical", "BackupMethod", ['"physical"', "did you mean Physical?", "Logical, Physical or Snapshot"]],
    ["backup-method.invalid-value", "BackupMethod=", "BackupMethod", ['""', "Logical, Physical or Snapshot"]],
    ["backup-method.invalid-value", "BackupMethod=Physical%20", "BackupMethod", ['"Physical "']],
    ["backup-method.invalid-value", "BackupMethod=Dump", "BackupMethod", ['"Dump"', "omit it for Physical"]],
    ["backup-strategy.invalid-value", "BackupMethod=Logical&BackupStrategy=DB", "BackupStrategy", ['"DB"', "did you mean db?", "db", "instance"]],
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
      expectRefused(decide({ Action: "CreateBackup", DBInstanceId: "rm-test", BackupRetentionPeriod: days }), "retention.invalid-value", "BackupRetentionPeriod");
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

describe("rules 14–16: the instance", () => {
  it("refuses another instance's id, compared case-sensitively (rule 14)", () => {
    for (const id of ["rm-other", "RM-TEST", "rm-test "]) {
      const violation = expectRefused(decide({ Action: "CreateBackup", DBInstanceId: id }), "instance-id.not-found", "DBInstanceId");
      expectMessage(violation, JSON.stringify(id), '"rm-test"', "DBInstanceId");
    }
  });

  const notRunning = [
    "Creating", "Deleting", "Rebooting", "Stopping", "Stopped", "DBInstanceClassChanging", "TRANSING",
    "EngineVersionUpgrading", "TransingToOthers", "GuardDBInstanceCreating", "Restoring", "Importing",
    "ImportingFromOthers", "DBInstanceNetTypeChanging", "GuardSwitching", "INS_CLONING", "Released",
  ] as const;
  it.each(notRunning)("refuses while the instance is %s (rule 16)", (status) => {
    const violation = expectRefused(decide(BASE, instance({ status })), "instance.not-running", null);
    expect(violation).toMatchObject({ details: { instanceId: "rm-test", status } });
    expectMessage(violation, "Running");
  });
});

describe("rules 17–21: the backup method", () => {
  const sqlServer = (storageType: InstanceState["storageType"]) => instance({ engine: "SQLServer", engineVersion: "2019_std_ha", storageType });
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
    ["backup-method.snapshot-requires-cloud-disk", "BackupMethod=Snapshot", mysql("ephemeral_ssd"), ["ephemeral_ssd", "BackupMethod=Physical"]],
    ["backup-method.snapshot-requires-cloud-disk", "BackupMethod=Snapshot", postgres("ephemeral_ssd"), ["ephemeral_ssd"]],
    ["backup-method.logical-requires-mysql", "BackupMethod=Logical", sqlServer("ephemeral_ssd"), ["SQLServer"]],
    ["backup-method.mysql-cloud-disk-uses-snapshot", "BackupMethod=Physical", mysql("cloud_essd3"), ["BackupMethod=Physical is", "cloud_essd3", "BackupMethod=Snapshot"]],
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
    ["backup-strategy.mysql-version", "BackupMethod=Logical&BackupStrategy=db&DBName=orders", mysql55, "BackupStrategy", ["5.6, 5.7 or 8.0", "MySQL 5.5", "BackupStrategy=instance"]],
    ["backup-strategy.mysql-version", "BackupMethod=Logical&BackupStrategy=db&DBName=orders", instance({ engineVersion: "8.4" }), "BackupStrategy", ["5.6, 5.7 or 8.0", "MySQL 8.4"]],
    ["backup-strategy.mysql-version", "BackupMethod=Logical&BackupStrategy=db&DBName=orders", instance({ engineVersion: "5.1" }), "BackupStrategy", ["MySQL 5.1"]],
    ["backup-strategy.mysql-version", "BackupMethod=Logical&BackupStrategy=db&DBName=orders", instance({ engineVersion: "9.1", storageType: "ephemeral_ssd" }), "BackupStrategy", ["MySQL 9.1"]],
    ["db-name.requires-db-strategy", "BackupMethod=Logical&DBName=orders", instance(), "DBName", ["BackupStrategy=db"]],
    ["db-name.requires-db-strategy", "BackupMethod=Logical&BackupStrategy=instance&DBName=orders", instance(), "DBName", ["BackupStrategy=db"]],
    ["db-name.requires-db-strategy", "DBName=orders", instance(), "DBName", ["BackupStrategy=db"]],
    ["db-name.missing", "BackupMethod=Logical&BackupStrategy=db", instance(), "DBName", ["DBName", "commas"]],
    ["db-name.missing", "BackupType=FullBackup&BackupStrategy=db", sqlServer, "DBName", ["DBName"]],
    ["retention.scope", "BackupRetentionPeriod=30", postgres, "BackupRetentionPeriod", ["PostgreSQL", "omit BackupRetentionPeriod"]],
    ["retention.scope", "BackupRetentionPeriod=30", mariadb, "BackupRetentionPeriod", ["MariaDB"]],
    ["retention.scope", "BackupRetentionPeriod=30", sqlServer, "BackupRetentionPeriod", ["SQLServer Physical Auto"]],
    ["retention.scope", "BackupType=FullBackup&BackupRetentionPeriod=30", sqlServer, "BackupRetentionPeriod", ["SQLServer Physical FullBackup"]],
    ["retention.scope", "BackupType=FullBackup&BackupStrategy=instance&BackupRetentionPeriod=30", sqlServer, "BackupRetentionPeriod", ["BackupStrategy=db"]],
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
    ["a SQL Server FullBackup db backup kept 30 days", "BackupType=FullBackup&BackupStrategy=db&DBName=orders&BackupRetentionPeriod=30", sqlServer],
    ["retention on a MySQL Physical backup", "BackupRetentionPeriod=730", instance()],
    ["retention on a MySQL Snapshot backup", "BackupMethod=Snapshot&BackupRetentionPeriod=-1", mysqlCloud],
  ];
  for (const [name, extra, state] of accepted) {
    it(`accepts ${name}`, () => {
      expectAccepted(decide(withBase(extra), state));
    });
  }

  it("records the strategy, the DBName items and the retention period on the job", () => {
    const accepted = expectAccepted(decide(withBase("BackupType=FullBackup&BackupStrategy=db&DBName=orders,users&BackupRetentionPeriod=-1"), sqlServer));
    expect(accepted.job).toMatchObject({ method: "Physical", backupType: "FullBackup", strategy: "db", dbNames: ["orders", "users"], retentionPeriod: -1 });
  });
});

describe("rules 28–29: databases", () => {
  it("refuses a Logical backup of an instance with no database (rule 28)", () => {
    const violation = expectRefused(decide(withBase("BackupMethod=Logical"), instance({ databases: [] })), "backup-method.logical-requires-database", "BackupMethod");
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

describe("rules 30–31: jobs of the instance", () => {
  for (const status of ["NoStart", "Checking", "Preparing", "Waiting", "Uploading"] as const) {
    it(`refuses while a Manual job is ${status} (rule 30)`, () => {
      const violation = expectRefused(decide(BASE, instance({ jobs: [job("7", status)] })), "instance.backup-in-progress", null);
      expect(violation).toMatchObject({ details: { job: { jobId: "7", mode: "Manual", status } } });
      expectMessage(violation, "Finished or Failed");
    });
  }

  it("refuses while an Automated job is ongoing, even one created days ago", () => {
    const automated = job("8", "Waiting", "2026-02-20T00:00:00Z", { mode: "Automated" });
    const violation = expectRefused(decide(BASE, instance({ jobs: [automated] })), "instance.backup-in-progress");
    expect(violation).toMatchObject({ details: { job: { jobId: "8", mode: "Automated", status: "Waiting" } } });
  });

  it("accepts once every job is Finished or Failed", () => {
    expectAccepted(decide(BASE, instance({ jobs: [job("7", "Finished"), job("8", "Failed", "2026-03-02T07:30:00Z")] })));
  });

  it("refuses the request after the limit of jobs today (rule 31), saying when to retry", () => {
    const jobs = [job("1", "Finished", "2026-03-02T00:00:00Z"), job("2", "Finished", "2026-03-02T07:59:59Z")];
    const violation = expectRefused(decide(BASE, instance({ jobs }), context({ policy: { dailyBackupLimit: 2 } })), "instance.daily-limit-reached", null);
    expect(violation).toMatchObject({ details: { limit: 2, count: 2, day: { start: "2026-03-02T00:00:00.000Z", end: "2026-03-03T00:00:00.000Z", timeZone: "UTC" } } });
    expectMessage(violation, "retry from 2026-03-03T00:00:00.000Z");
  });
});

describe("rules 32–34: advancing a job", () => {
  it("refuses an unknown jobId, a non-string jobId and a missing update (rule 32)", () => {
    const state = instance({ jobs: [job("1", "Uploading")] });
    expectMessage(expectRefused(advanceBackupJob(state, { jobId: "2", status: "Finished" }, context()), "job.not-found", "jobId"), '"2"', "BackupJobId");
    expectMessage(expectRefused(advanceBackupJob(state, { jobId: 1 } as never, context()), "job.not-found", "jobId"), "the number 1");
    expectMessage(expectRefused(advanceBackupJob(state, null as never, context()), "job.not-found", "update"), "null", "{ jobId, status }");
  });

  it("refuses a status that is not a job status (rule 33), case-sensitively", () => {
    const state = instance({ jobs: [job("1", "Uploading")] });
    for (const status of ["finished", "Done", "", "Running"]) {
      const violation = expectRefused(advanceBackupJob(state, { jobId: "1", status }, context()), "job-status.invalid-value", "status");
      expectMessage(violation, JSON.stringify(status), "NoStart", "Failed");
    }
    expectMessage(expectRefused(advanceBackupJob(state, { jobId: "1" } as never, context()), "job-status.invalid-value", "status"), "undefined");
  });

  it("refuses a backwards move and any move out of Finished or Failed (rule 34)", () => {
    const uploading = instance({ jobs: [job("1", "Uploading")] });
    const backwards = expectRefused(advanceBackupJob(uploading, { jobId: "1", status: "NoStart" }, context()), "job.invalid-transition", "status");
    expect(backwards).toMatchObject({ details: { jobId: "1", from: "Uploading", to: "NoStart", allowed: ["Finished", "Failed"] } });
    expectMessage(backwards, "Finished or Failed");
    for (const from of ["Finished", "Failed"] as const) {
      const state = instance({ jobs: [job("1", from)] });
      for (const to of ["NoStart", "Uploading", from === "Finished" ? "Failed" : "Finished"]) {
        const violation = expectRefused(advanceBackupJob(state, { jobId: "1", status: to }, context()), "job.invalid-transition", "status");
        expect(violation).toMatchObject({ details: { jobId: "1", from, to, allowed: [] } });
        expectMessage(violation, "final");
      }
    }
  });

  it("checks the context and the state first (rules 1 and 2)", () => {
    const state = instance({ jobs: [job("1", "Uploading")] });
    expectRefused(advanceBackupJob(state, { jobId: "9", status: "x" }, { now: "later" }), "context.invalid", "context.now");
    expectRefused(advanceBackupJob({ ...state, status: "Up" } as never, { jobId: "9", status: "x" }, context()), "state.invalid", "state.status");
  });
});
