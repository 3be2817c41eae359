/**
 * Rule 15 (`src/rules/idempotency-rules.ts`, docs/rules.md) and the replays it guards. The idempotency key: a retry with the key of a kept job replays that job's acceptance (the same
 * BackupJobId, the input state itself, whatever happened since), and the same key with a different
 * backup is refused by rule 15, `idempotency-key.reused`, naming the job and the parameter.
 */
import { describe, expect, it } from "vitest";
import { advanceBackupJob, createBackup, listViolations, type BackupJob, type InstanceState } from "../../src/index";
import { BASE, context, expectAccepted, expectMessage, expectRefused, instance, job, withBase } from "../support/builders";

const KEY = "order-7731/backup";

/** An instance whose job 41 was created by a request with `KEY` (Physical, Auto, no options). */
function keyedInstance(changes: Partial<InstanceState> = {}, jobChanges: Partial<BackupJob> = {}): InstanceState {
  return instance({
    jobs: [job("41", "NoStart", "2026-03-02T07:59:00Z", { idempotencyKey: KEY, ...jobChanges })],
    version: 41,
    ...changes,
  });
}

describe("an accepted request records its key", () => {
  it("puts context.idempotencyKey on the new job, and nothing without a key", () => {
    const keyed = expectAccepted(createBackup(instance(), BASE, context({ idempotencyKey: KEY })));
    expect(keyed.job.idempotencyKey).toBe(KEY);
    expect(keyed.state.jobs.at(-1)?.idempotencyKey).toBe(KEY);
    expect(keyed.replayed).toBeUndefined();
    const plain = expectAccepted(createBackup(instance(), BASE, context()));
    expect(plain.job).not.toHaveProperty("idempotencyKey");
  });

  it("accepts a key that no kept job carries as a new backup", () => {
    const accepted = expectAccepted(
      createBackup(keyedInstance({}, { status: "Finished" }), BASE, context({ idempotencyKey: "another key" })),
    );
    expect(accepted.replayed).toBeUndefined();
    expect(accepted.state.version).toBe(42);
    expect(accepted.job).toMatchObject({ jobId: "42", idempotencyKey: "another key" });
  });
});

describe("a retry with the same key and the same backup is a replay", () => {
  it("returns the same BackupJobId, the input state itself and the existing job", () => {
    const first = expectAccepted(createBackup(instance({ version: 6 }), BASE, context({ idempotencyKey: KEY, requestId: "req-1" })));
    const retry = expectAccepted(
      createBackup(first.state, BASE, context({ idempotencyKey: KEY, requestId: "req-2", now: "2026-03-02T08:00:30Z" })),
    );
    expect(retry.replayed).toBe(true);
    expect(retry.state).toBe(first.state);
    expect(retry.job).toEqual(first.job);
    expect(retry.response).toEqual({ BackupJobId: first.job.jobId, RequestId: "req-2" });
    expect(listViolations(first.state, BASE, context({ idempotencyKey: KEY }))).toEqual([]);
  });

  it("derives a RequestId from the state's version when none is given", () => {
    const retry = expectAccepted(createBackup(keyedInstance(), BASE, context({ idempotencyKey: KEY })));
    expect(retry.response).toEqual({ BackupJobId: "41", RequestId: "rm-test/41" });
  });

  const since: readonly (readonly [string, InstanceState])[] = [
    ["the job is still ongoing (rule 30 would refuse)", keyedInstance()],
    ["the job finished", keyedInstance({}, { status: "Finished" })],
    ["the job failed", keyedInstance({}, { status: "Failed" })],
    ["the instance stopped (rule 16 would refuse)", keyedInstance({ status: "Stopped" })],
    [
      "the day's limit is reached (rule 31 would refuse)",
      keyedInstance({
        jobs: [
          ...Array.from({ length: 19 }, (_, i) => job(String(i + 1), "Finished", "2026-03-02T01:00:00Z")),
          job("41", "Finished", "2026-03-02T07:59:00Z", { idempotencyKey: KEY }),
        ],
      }),
    ],
    [
      "an Automated job is running now",
      keyedInstance({
        jobs: [
          job("41", "Finished", "2026-03-02T07:59:00Z", { idempotencyKey: KEY }),
          job("42", "Uploading", "2026-03-02T07:59:30Z", { mode: "Automated" }),
        ],
      }),
    ],
    ["the databases were dropped", keyedInstance({ databases: [] }, { method: "Logical" })],
  ];
  for (const [name, state] of since) {
    it(`replays when ${name}`, () => {
      const job41 = state.jobs.find((each) => each.jobId === "41") as BackupJob;
      const request = job41.method === "Logical" ? withBase("BackupMethod=Logical") : BASE;
      const retry = expectAccepted(createBackup(state, request, context({ idempotencyKey: KEY })));
      expect(retry).toMatchObject({ replayed: true, response: { BackupJobId: "41" } });
      expect(retry.state).toBe(state);
      expect(retry.job).toEqual(job41);
      expect(listViolations(state, request, context({ idempotencyKey: KEY }))).toEqual([]);
    });
  }

  it("compares the resolved request: defaults given or left out are the same backup", () => {
    const state = keyedInstance({}, { method: "Physical", backupType: "Auto" });
    for (const request of [
      BASE,
      withBase("BackupMethod=Physical"),
      withBase("BackupType=Auto&BackupMethod=Physical"),
      { Action: "CreateBackup", DBInstanceId: "rm-test", BackupType: "Auto" },
    ]) {
      expect(createBackup(state, request, context({ idempotencyKey: KEY }))).toMatchObject({ ok: true, replayed: true });
    }
  });

  it("replays a backup with every option, in every request form", () => {
    const options = { method: "Logical", strategy: "db", dbNames: ["users", "orders"], retentionPeriod: 30 } as const;
    const state = keyedInstance({}, options);
    const query = "BackupMethod=Logical&BackupStrategy=db&DBName=users,orders&BackupRetentionPeriod=30";
    const forms: unknown[] = [
      withBase(query),
      `?${withBase(query)}`,
      new URLSearchParams(withBase(query)),
      Object.fromEntries(new URLSearchParams(withBase(query))),
    ];
    forms.push({ ...(forms[3] as object), BackupRetentionPeriod: 30 });
    for (const request of forms) {
      expect(createBackup(state, request, context({ idempotencyKey: KEY }))).toMatchObject({
        ok: true,
        replayed: true,
        response: { BackupJobId: "41" },
      });
    }
  });

  it("never queues a second job for one key, however often it is retried", () => {
    let state = instance();
    const ids = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      const decision = expectAccepted(createBackup(state, BASE, context({ idempotencyKey: KEY })));
      ids.add(decision.response.BackupJobId);
      state = decision.state;
      const advanced = advanceBackupJob(state, { jobId: decision.job.jobId, status: attempt < 2 ? "Uploading" : "Finished" }, context());
      if (advanced.ok) state = advanced.state;
    }
    expect(ids.size).toBe(1);
    expect(state.jobs.filter((each) => each.idempotencyKey === KEY)).toHaveLength(1);
  });

  it("still checks rules 1–14 first: a retry with a wrong parameter is refused", () => {
    const state = keyedInstance();
    expectRefused(
      createBackup(state, withBase("BackupMehtod=Physical"), context({ idempotencyKey: KEY })),
      "parameter.unknown",
      "BackupMehtod",
    );
    expectRefused(
      createBackup(state, "Action=CreateBackup&DBInstanceId=rm-other", context({ idempotencyKey: KEY })),
      "instance-id.not-found",
      "DBInstanceId",
    );
    expect(listViolations(state, withBase("BackupMehtod=Physical"), context({ idempotencyKey: KEY })).map((v) => v.rule)).toEqual([
      "parameter.unknown",
    ]);
  });

  it("forgets a key once its job is dropped, 48 hours after it was created", () => {
    const old = instance({ jobs: [job("41", "Finished", "2026-02-27T07:00:00Z", { idempotencyKey: KEY })], version: 41 });
    const next = expectAccepted(createBackup(old, BASE, context({ idempotencyKey: "other" })));
    expect(next.state.jobs.map((each) => each.jobId)).toEqual(["42"]);
    const finished = expectAccepted(advanceBackupJob(next.state, { jobId: "42", status: "Finished" }, context()));
    const reused = expectAccepted(
      createBackup(finished.state, withBase("BackupType=FullBackup"), context({ idempotencyKey: KEY, now: "2026-03-02T09:00:00Z" })),
    );
    expect(reused.replayed).toBeUndefined();
  });
});

describe("rule 15, idempotency-key.reused", () => {
  // The job's value and the request's of the first differing parameter are fields of the details
  // (`undefined` where one has none); the message is built from them.
  const cases: readonly (readonly [string, Partial<BackupJob>, string, string, string | undefined, string | undefined])[] = [
    ["another method", { method: "Physical" }, "BackupMethod=Logical", "BackupMethod", "Physical", "Logical"],
    ["another method than the default", { method: "Logical" }, "", "BackupMethod", "Logical", "Physical"],
    [
      "a strategy where the job had none",
      { method: "Logical" },
      "BackupMethod=Logical&BackupStrategy=instance",
      "BackupStrategy",
      undefined,
      "instance",
    ],
    [
      "another strategy",
      { method: "Logical", strategy: "db", dbNames: ["orders"] },
      "BackupMethod=Logical&BackupStrategy=instance",
      "BackupStrategy",
      "db",
      "instance",
    ],
    [
      "the DBName items in another order",
      { method: "Logical", strategy: "db", dbNames: ["orders", "users"] },
      "BackupMethod=Logical&BackupStrategy=db&DBName=users,orders",
      "DBName",
      "orders,users",
      "users,orders",
    ],
    [
      "fewer DBName items",
      { method: "Logical", strategy: "db", dbNames: ["orders", "users"] },
      "BackupMethod=Logical&BackupStrategy=db&DBName=orders",
      "DBName",
      "orders,users",
      "orders",
    ],
    ["another backup type", { backupType: "Auto" }, "BackupType=FullBackup", "BackupType", "Auto", "FullBackup"],
    ["another retention period", { retentionPeriod: 30 }, "BackupRetentionPeriod=31", "BackupRetentionPeriod", "30", "31"],
    ["a retention period where the job had none", {}, "BackupRetentionPeriod=-1", "BackupRetentionPeriod", undefined, "-1"],
    ["no retention period where the job had one", { retentionPeriod: -1 }, "", "BackupRetentionPeriod", "-1", undefined],
  ];
  for (const [name, changes, extra, parameter, jobValue, requestValue] of cases) {
    it(`refuses ${name}, naming the job and ${parameter}`, () => {
      const violation = expectRefused(
        createBackup(keyedInstance({}, changes), withBase(extra), context({ idempotencyKey: KEY })),
        "idempotency-key.reused",
        parameter,
      );
      expect(violation).toMatchObject({ details: { key: KEY, jobId: "41", parameter, jobValue, requestValue } });
      expectMessage(violation, "new key");
    });
  }

  it("shows a parameter one side lacks as no parameter, and the others as name=value", () => {
    const violation = expectRefused(
      createBackup(keyedInstance({}, {}), withBase("BackupRetentionPeriod=-1"), context({ idempotencyKey: KEY })),
      "idempotency-key.reused",
    );
    expect(violation.message).toBe(
      `The idempotency key "${KEY}" was used for backup job 41 with no BackupRetentionPeriod, and this request asks for BackupRetentionPeriod=-1; ` +
        "use a new key for a different backup, or repeat the original request to get job 41 again",
    );
  });

  it("names the first differing parameter in table order", () => {
    const state = keyedInstance({}, { method: "Logical", backupType: "Auto" });
    const violation = expectRefused(
      createBackup(state, withBase("BackupType=FullBackup"), context({ idempotencyKey: KEY })),
      "idempotency-key.reused",
      "BackupMethod",
    );
    expect(violation).toMatchObject({ details: { parameter: "BackupMethod", jobValue: "Logical", requestValue: "Physical" } });
  });

  it("comes before every rule about the instance and the jobs, whatever happened since", () => {
    const state = keyedInstance({ status: "Stopped" });
    const violations = listViolations(state, withBase("BackupMethod=Snapshot"), context({ idempotencyKey: KEY }));
    expect(violations.map((v) => v.rule)).toEqual([
      "idempotency-key.reused",
      "instance.not-running",
      "backup-method.snapshot-requires-cloud-disk",
      "instance.backup-in-progress",
    ]);
  });

  it("compares the key exactly: another letter case is another key", () => {
    const accepted = expectAccepted(
      createBackup(
        keyedInstance({}, { status: "Finished" }),
        withBase("BackupType=FullBackup"),
        context({ idempotencyKey: KEY.toUpperCase() }),
      ),
    );
    expect(accepted.replayed).toBeUndefined();
  });
});

describe("instances RDS ships after the rule set was written are decided like their known siblings", () => {
  const siblings: readonly (readonly [string, Partial<InstanceState>, Partial<InstanceState>])[] = [
    ["MySQL 8.4 like MySQL 8.0 (rule 24 aside)", { engineVersion: "8.4" }, { engineVersion: "8.0" }],
    ["MySQL on ephemeral_ssd like MySQL on local_ssd", { storageType: "ephemeral_ssd" }, { storageType: "local_ssd" }],
    [
      "PostgreSQL 18.0 like PostgreSQL 16.0",
      { engine: "PostgreSQL", engineVersion: "18.0" },
      { engine: "PostgreSQL", engineVersion: "16.0" },
    ],
    [
      "PostgreSQL on ephemeral_ssd like PostgreSQL on local_ssd",
      { engine: "PostgreSQL", engineVersion: "16.0", storageType: "ephemeral_ssd" },
      { engine: "PostgreSQL", engineVersion: "16.0" },
    ],
    [
      "SQL Server 2022_std_ha like 2019_std_ha",
      { engine: "SQLServer", engineVersion: "2022_std_ha" },
      { engine: "SQLServer", engineVersion: "2019_std_ha" },
    ],
    [
      "MariaDB 10.6 like 10.3",
      { engine: "MariaDB", engineVersion: "10.6", storageType: "cloud_essd" },
      { engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_essd" },
    ],
  ];
  const requests = [
    "",
    "BackupMethod=Logical",
    "BackupMethod=Snapshot",
    "BackupType=FullBackup",
    "BackupMethod=Logical&BackupStrategy=instance",
    "BackupType=FullBackup&BackupStrategy=db&DBName=orders",
    "BackupRetentionPeriod=30",
    "BackupMethod=Physical&BackupStrategy=instance",
  ];
  for (const [name, changes, sibling] of siblings) {
    it(name, () => {
      for (const extra of requests) {
        // Rule 24 names versions; every other rule decides the same.
        const rules = (state: InstanceState) =>
          listViolations(state, withBase(extra), context())
            .map((v) => v.rule)
            .filter((rule) => rule !== "backup-strategy.mysql-version");
        expect(rules(instance(changes)), extra).toEqual(rules(instance(sibling)));
      }
    });
  }

  it("refuses single-database backups on MySQL 8.4 only, naming the documented versions", () => {
    const request = withBase("BackupMethod=Logical&BackupStrategy=db&DBName=orders");
    expectAccepted(createBackup(instance({ engineVersion: "8.0" }), request, context()));
    expectMessage(
      expectRefused(
        createBackup(instance({ engineVersion: "8.4" }), request, context()),
        "backup-strategy.mysql-version",
        "BackupStrategy",
      ),
      "5.6, 5.7 or 8.0",
      "8.4",
    );
  });
});
