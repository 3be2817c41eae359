/**
 * Rules 1–4 (`src/rules/input-rules.ts`, docs/rules.md): the decision context, the stored
 * state, the request's form and each parameter's type, by every path to each rule.
 * Split from test/rules.test.ts by rule family (issue 11); tests marked "found by a mutation run"
 * came from test/mutation-kills/.
 */
import { describe, expect, it } from "vitest";
import { listViolations } from "../../src/index";
import { BASE, decide, expectAccepted, expectMessage, expectRefused, instance, job, NOW, withBase } from "../support/builders";

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
    [
      "an unknown IANA zone",
      { now: NOW, policy: { timeZone: "Mars/Olympus_Mons" } },
      "context.policy.timeZone",
      ["timeZone", '"Mars/Olympus_Mons"', "IANA"],
    ],
    ["an offset as the zone", { now: NOW, policy: { timeZone: "+05:45" } }, "context.policy.timeZone", ["timeZone", '"+05:45"', "IANA"]],
    ["a zone that is not a string", { now: NOW, policy: { timeZone: 8 } }, "context.policy.timeZone", ["timeZone", "the number 8"]],
    ["an empty zone", { now: NOW, policy: { timeZone: "" } }, "context.policy.timeZone", ["timeZone"]],
    [
      "limit 0",
      { now: NOW, policy: { dailyBackupLimit: 0 } },
      "context.policy.dailyBackupLimit",
      ["dailyBackupLimit", "positive integer", "0"],
    ],
    ["limit -1", { now: NOW, policy: { dailyBackupLimit: -1 } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit", "-1"]],
    ["limit 1.5", { now: NOW, policy: { dailyBackupLimit: 1.5 } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit", "1.5"]],
    [
      'limit "20"',
      { now: NOW, policy: { dailyBackupLimit: "20" } },
      "context.policy.dailyBackupLimit",
      ["dailyBackupLimit", 'the string "20"'],
    ],
    ["limit NaN", { now: NOW, policy: { dailyBackupLimit: Number.NaN } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit", "NaN"]],
    ["limit Infinity", { now: NOW, policy: { dailyBackupLimit: Infinity } }, "context.policy.dailyBackupLimit", ["dailyBackupLimit"]],
    ["jobId with letters", { now: NOW, jobId: "job-7" }, "context.jobId", ["context.jobId", "decimal digits", '"job-7"']],
    ["jobId with a sign", { now: NOW, jobId: "-7" }, "context.jobId", ["context.jobId", "decimal digits"]],
    ["jobId as a number", { now: NOW, jobId: 7 }, "context.jobId", ["context.jobId", "the number 7"]],
    [
      "an empty idempotencyKey",
      { now: NOW, idempotencyKey: "" },
      "context.idempotencyKey",
      ["context.idempotencyKey", "1 to 64", 'the string ""'],
    ],
    [
      "an idempotencyKey of 65 characters",
      { now: NOW, idempotencyKey: "k".repeat(65) },
      "context.idempotencyKey",
      ["context.idempotencyKey", "1 to 64"],
    ],
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
    [
      "MariaDB on local_ssd",
      { ...valid, engine: "MariaDB", engineVersion: "10.3" },
      "state.storageType",
      ["MariaDB", "local_ssd", "cloud disks"],
    ],
    [
      "MariaDB on ephemeral_ssd",
      { ...valid, engine: "MariaDB", engineVersion: "10.6", storageType: "ephemeral_ssd" },
      "state.storageType",
      ["MariaDB", "ephemeral_ssd", "cloud disks"],
    ],
    ["a job idempotencyKey that is empty", withJob({ idempotencyKey: "" }), "state.jobs[0].idempotencyKey", ["1 to 64"]],
    ["a job idempotencyKey that is a number", withJob({ idempotencyKey: 7 }), "state.jobs[0].idempotencyKey", ["the number 7"]],
    ["duplicate job ids", withField("jobs", [job("1", "Finished"), job("1", "Failed")]), "state.jobs[1].jobId", ['"1"', "unique"]],
    ["a job id with letters", withJob({ jobId: "j1" }), "state.jobs[0].jobId", ["decimal digits", '"j1"']],
    [
      "a createdAt without a zone",
      withJob({ createdAt: "2026-03-02T07:00:00" }),
      "state.jobs[0].createdAt",
      ["ISO 8601", '"2026-03-02T07:00:00"'],
    ],
    ["a createdAt that is a date only", withJob({ createdAt: "2026-03-02" }), "state.jobs[0].createdAt", ["ISO 8601"]],
    [
      "a createdAt on an impossible date",
      withJob({ createdAt: "2026-02-29T07:00:00Z" }),
      "state.jobs[0].createdAt",
      ['"2026-02-29T07:00:00Z"'],
    ],
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
    [
      "a class instance",
      new (class Request {
        Action = "CreateBackup";
      })(),
      "an object",
    ],
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
    [
      "a name repeated in URLSearchParams",
      new URLSearchParams([
        ["Action", "CreateBackup"],
        ["DBInstanceId", "rm-test"],
        ["DBInstanceId", "rm-test"],
      ]),
      "DBInstanceId",
      ["2 times"],
    ],
    ["an array value", object({ DBName: ["orders", "users"] }), "DBName", ['"DBName"', "must be a string", "an array"]],
    ["a boolean value", object({ BackupMethod: true }), "BackupMethod", ["must be a string", "the boolean true"]],
    ["a null value", object({ BackupType: null }), "BackupType", ["null"]],
    ["an object value", object({ BackupStrategy: { value: "db" } }), "BackupStrategy", ["an object"]],
    ["a number for DBName", object({ DBName: 5 }), "DBName", ["must be a string;", "the number 5"]],
    ["a number for Action", { Action: 1, DBInstanceId: "rm-test" }, "Action", ["the number 1"]],
    [
      "an array for BackupRetentionPeriod",
      object({ BackupRetentionPeriod: [30] }),
      "BackupRetentionPeriod",
      ["a string or a number", "an array"],
    ],
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

describe("listViolations after a malformed parameter", () => {
  // Found by a mutation run (docs/verification.md): rules whose inputs did not parse are not evaluated.
  it("does not read the parameters as strings: rule 4 alone, not also 'Action is missing'", () => {
    const state = {
      instanceId: "rm-1",
      engine: "MySQL",
      engineVersion: "8.0",
      storageType: "local_ssd",
      status: "Running",
      databases: [],
      jobs: [],
    } as const;
    const rules = listViolations(state, { Action: 5, DBInstanceId: "rm-1" }, { now: "2026-03-08T12:00:00Z" }).map((v) => v.rule);
    expect(rules).toEqual(["parameter.malformed"]);
  });
});
