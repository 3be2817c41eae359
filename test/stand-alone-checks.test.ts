/**
 * What callers check before they have a state: the context (parseDecisionContext), the request
 * (checkRequest), the instance a request names (requestedInstanceId), and the text a state may
 * hold (well-formed Unicode without U+0000, so any JSON store can hold it).
 */
import { describe, expect, it } from "vitest";
import { checkRequest, createBackup, parseDecisionContext, parseInstanceState, requestedInstanceId } from "../src/index";

const NOW = "2026-03-02T08:00:00Z";
const JOB = {
  jobId: "7",
  status: "Finished",
  mode: "Manual",
  method: "Logical",
  backupType: "Auto",
  createdAt: "2026-03-02T07:00:00Z",
  strategy: "db",
  dbNames: ["orders"],
} as const;
const STATE = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
  jobs: [JOB],
} as const;

describe("parseDecisionContext", () => {
  it("normalizes a usable context: UTC instant, the policy's defaults, frozen", () => {
    const parsed = parseDecisionContext({
      now: new Date(Date.UTC(2026, 2, 8, 7)),
      requestId: "r-1",
      jobId: "42",
      policy: { timeZone: "Asia/Shanghai" },
    });
    expect(parsed).toEqual({
      ok: true,
      context: {
        now: "2026-03-08T07:00:00.000Z",
        requestId: "r-1",
        jobId: "42",
        policy: { dailyBackupLimit: 20, timeZone: "Asia/Shanghai" },
      },
    });
    expect(parsed.ok && Object.isFrozen(parsed.context) && Object.isFrozen(parsed.context.policy)).toBe(true);
  });

  it.each([
    [{ now: "2026-03-08T12:00:00" }, "context.now"],
    [{ now: NOW, policy: { timeZone: "Mars/Olympus" } }, "context.policy.timeZone"],
    [{ now: NOW, policy: { dailyBackupLimit: 0 } }, "context.policy.dailyBackupLimit"],
    [{ now: NOW, jobId: "j-1" }, "context.jobId"],
    [{ now: NOW, idempotencyKey: "k".repeat(65) }, "context.idempotencyKey"],
    [{ now: NOW, idempotencyKey: "naïve" }, "context.idempotencyKey"],
    [{ now: NOW, colour: "red" }, "context.colour"],
  ])("refuses %j with context.invalid naming %s", (context, parameter) => {
    const parsed = parseDecisionContext(context);
    expect(parsed).toMatchObject({
      ok: false,
      error: { rule: "context.invalid", code: "InvalidDecisionContext", httpStatus: 500, parameter },
    });
    // The same violation createBackup gives for it, on any state.
    expect(createBackup(STATE, "Action=CreateBackup&DBInstanceId=rm-1", context as never)).toEqual({
      ok: false,
      error: !parsed.ok && parsed.error,
    });
  });

  it("leaves to createBackup whether jobId is taken, which needs the state", () => {
    expect(parseDecisionContext({ now: NOW, jobId: "7" }).ok).toBe(true);
    expect(createBackup(STATE, "Action=CreateBackup&DBInstanceId=rm-1", { now: NOW, jobId: "7" })).toMatchObject({
      ok: false,
      error: { rule: "context.invalid", parameter: "context.jobId" },
    });
  });

  it("refuses what is not a context at all, without throwing", () => {
    for (const value of [
      undefined,
      null,
      42,
      "now",
      [],
      new Proxy(
        {},
        {
          get: () => {
            throw new Error("trap");
          },
        },
      ),
    ]) {
      expect(parseDecisionContext(value)).toMatchObject({ ok: false, error: { rule: "context.invalid" } });
    }
  });
});

describe("checkRequest", () => {
  it("lists every fault of the request alone, in precedence order", () => {
    const request = {
      Action: "CreateBackup",
      DBInstanceId: "rm-1",
      BackupMethd: "Logical",
      BackupStrategy: "all",
      BackupRetentionPeriod: 3,
    };
    expect(checkRequest(request).map((violation) => [violation.rule, violation.parameter])).toEqual([
      ["parameter.unknown", "BackupMethd"],
      ["backup-strategy.invalid-value", "BackupStrategy"],
      ["retention.invalid-value", "BackupRetentionPeriod"],
    ]);
  });

  it("does not judge what needs the state or the context", () => {
    // Logical on a cloud disk, an instance that is not this one, a database that does not exist: all need a state.
    expect(checkRequest("Action=CreateBackup&DBInstanceId=rm-9&BackupMethod=Logical&BackupStrategy=db&DBName=nowhere")).toEqual([]);
  });

  it("refuses a missing or empty DBInstanceId, a repeated name and a non-request", () => {
    expect(checkRequest("Action=CreateBackup&DBInstanceId=")[0]?.rule).toBe("instance-id.missing");
    expect(checkRequest("Action=CreateBackup&DBInstanceId=rm-1&DBInstanceId=rm-2")[0]?.rule).toBe("parameter.malformed");
    expect(checkRequest("Action=DescribeBackups&DBInstanceId=rm-1")[0]).toMatchObject({ rule: "action.unsupported", httpStatus: 404 });
    expect(checkRequest(null)).toMatchObject([{ rule: "request.malformed" }]);
  });
});

describe("well-formed text in states", () => {
  it.each([
    ["state.instanceId", { ...STATE, instanceId: "rm-1\u0000" }],
    ["state.engineVersion", { ...STATE, engine: "PostgreSQL", engineVersion: "16\uD800" }],
    ["state.databases[1]", { ...STATE, databases: ["orders", "\uDC00users"] }],
    ["state.jobs[0].dbNames[0]", { ...STATE, jobs: [{ ...JOB, dbNames: ["ord\u0000ers"] }] }],
  ])("refuses text no JSON store can hold at %s", (path, state) => {
    const parsed = parseInstanceState(state);
    expect(parsed).toMatchObject({ ok: false, error: { rule: "state.invalid", parameter: path } });
    expect(!parsed.ok && parsed.error.message).toContain("must be well-formed text without U+0000");
    expect(createBackup(state as never, "Action=CreateBackup&DBInstanceId=rm-1", { now: NOW })).toMatchObject({
      ok: false,
      error: { rule: "state.invalid", parameter: path },
    });
  });

  it("accepts any well-formed text, astral characters included", () => {
    expect(parseInstanceState({ ...STATE, engine: "SQLServer", engineVersion: "2022_std_ha \u{1F600}", databases: ["数据库"] }).ok).toBe(
      true,
    );
  });

  it("requestedInstanceId names no instance for such an id", () => {
    expect(requestedInstanceId("Action=CreateBackup&DBInstanceId=rm-1%00")).toBeUndefined();
    expect(requestedInstanceId({ Action: "CreateBackup", DBInstanceId: "rm-\uD83D" })).toBeUndefined();
    expect(requestedInstanceId({ Action: "CreateBackup", DBInstanceId: "rm-\u{1F600}" })).toBe("rm-\u{1F600}");
  });
});
