/**
 * What an embedding service needs from the API, so that it writes no list, type or comparison of
 * its own (issue 12; decisions 0006, 0008, 0014, 0017 and 0022): the catalog's numbers, operations and families, the
 * vocabularies at run time, `changed` on a job decision, the HTTP answer, hidden internal detail,
 * plain decimal job ids, and a clear refusal of a malformed job update.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as argumentRules from "../../src/rules/input-rules";
import * as backupMethodRules from "../../src/rules/backup-method-rules";
import * as databaseRules from "../../src/rules/database-rules";
import * as idempotencyRules from "../../src/rules/idempotency-rules";
import * as instanceRules from "../../src/rules/instance-rules";
import * as jobRules from "../../src/rules/job-rules";
import * as optionScopeRules from "../../src/rules/option-scope-rules";
import * as parameterValueRules from "../../src/rules/parameter-value-rules";
import * as quotaRules from "../../src/rules/quota-rules";
import * as requiredParameterRules from "../../src/rules/required-parameter-rules";
import {
  advanceBackupJob,
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  createBackup,
  ENGINES,
  INSTANCE_STATUSES,
  isLocalDisk,
  JOB_STATUSES,
  LOCAL_STORAGE_TYPES,
  RULES,
  STORAGE_TYPES,
  toErrorResponse,
  toHttpResponse,
  type RuleFamily,
  type Violation,
} from "../../src/index";
import { BASE, context, expectAccepted, expectRefused, instance, job, NOW } from "../support/builders";

describe("RULES for a service", () => {
  it("numbers the rules 1–34 in precedence order", () => {
    expect(RULES.map((rule) => rule.number)).toEqual(RULES.map((_, index) => index + 1));
  });

  it("says which operations check each rule: createBackup 1–31, advanceBackupJob 1, 2 and 32–34", () => {
    const numbersOf = (operation: "createBackup" | "advanceBackupJob") =>
      RULES.filter((rule) => rule.operations.includes(operation)).map((rule) => rule.number);
    expect(numbersOf("createBackup")).toEqual(Array.from({ length: 31 }, (_, index) => index + 1));
    expect(numbersOf("advanceBackupJob")).toEqual([1, 2, 32, 33, 34]);
    expect(RULES.filter((rule) => rule.operations.length === 2).map((rule) => rule.id)).toEqual(["context.invalid", "state.invalid"]);
  });

  it("gives each rule the family of the module that defines it", () => {
    const modules: Record<RuleFamily, object> = {
      arguments: argumentRules,
      "required-parameters": requiredParameterRules,
      "parameter-values": parameterValueRules,
      instance: instanceRules,
      idempotency: idempotencyRules,
      "backup-method": backupMethodRules,
      "option-scope": optionScopeRules,
      database: databaseRules,
      quota: quotaRules,
      job: jobRules,
    };
    const defined = Object.entries(modules).flatMap(([family, module]) =>
      Object.values(module)
        .filter(
          (value): value is { id: string; check: unknown } =>
            typeof value === "object" && value !== null && "check" in value && "id" in value,
        )
        .map((rule) => [rule.id, family]),
    );
    expect(Object.fromEntries(RULES.map((rule) => [rule.id, rule.family]))).toEqual(Object.fromEntries(defined));
  });

  it("is frozen down to each entry's operations", () => {
    expect(Object.isFrozen(RULES) && RULES.every((rule) => Object.isFrozen(rule) && Object.isFrozen(rule.operations))).toBe(true);
  });
});

describe("the vocabularies at run time", () => {
  it("lists what a state may hold, frozen", () => {
    const lists = [
      ENGINES,
      STORAGE_TYPES,
      LOCAL_STORAGE_TYPES,
      INSTANCE_STATUSES,
      JOB_STATUSES,
      BACKUP_METHODS,
      BACKUP_STRATEGIES,
      BACKUP_TYPES,
    ];
    expect(lists.every((list) => Object.isFrozen(list))).toBe(true);
    expect(ENGINES).toEqual(["MySQL", "SQLServer", "PostgreSQL", "MariaDB"]);
    expect(JOB_STATUSES).toEqual(["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished", "Failed"]);
    expect(INSTANCE_STATUSES).toContain("Running");
  });

  it("says which storage types are local disks, as the rules judge them", () => {
    expect(STORAGE_TYPES.filter(isLocalDisk)).toEqual([...LOCAL_STORAGE_TYPES]);
    for (const storageType of STORAGE_TYPES) {
      const snapshot = createBackup(instance({ storageType }), `${BASE}&BackupMethod=Snapshot`, context());
      expect(!snapshot.ok && snapshot.error.rule === "backup-method.snapshot-requires-cloud-disk").toBe(isLocalDisk(storageType));
    }
  });

  it("cannot be changed by a caller", () => {
    expect(() => (JOB_STATUSES as unknown as string[]).push("Paused")).toThrow(TypeError);
    expect(() => (LOCAL_STORAGE_TYPES as unknown as string[]).push("cloud_essd")).toThrow(TypeError);
  });
});

describe("changed, on an accepted job decision", () => {
  const state = instance({ jobs: [job("7", "Uploading")], version: 3 });

  it("is true when the state is new (version plus one)", () => {
    const decision = expectAccepted(advanceBackupJob(state, { jobId: "7", status: "Finished" }, context()));
    expect(decision.changed).toBe(true);
    expect(decision.state.version).toBe(4);
  });

  it("is false for an idempotent repeat, whose state is the input itself", () => {
    const decision = expectAccepted(advanceBackupJob(state, { jobId: "7", status: "Uploading" }, context()));
    expect(decision.changed).toBe(false);
    expect(decision.state).toBe(state);
  });
});

describe("toHttpResponse", () => {
  it("answers 200 with { RequestId, BackupJobId }, a replay too", () => {
    const accepted = expectAccepted(createBackup(instance(), BASE, context({ requestId: "r-1", idempotencyKey: "k" })));
    expect(toHttpResponse(accepted, "ignored")).toEqual({ status: 200, body: { RequestId: "r-1", BackupJobId: accepted.job.jobId } });
    const replay = createBackup(accepted.state, BASE, context({ requestId: "r-2", idempotencyKey: "k" }));
    expect(toHttpResponse(replay, "ignored")).toEqual({ status: 200, body: { RequestId: "r-2", BackupJobId: accepted.job.jobId } });
  });

  it("answers a refusal with the rule's status and the error body without HttpStatus", () => {
    const refused = createBackup(instance({ status: "Stopped" }), BASE, context());
    const error = expectRefused(refused, "instance.not-running");
    const { HttpStatus, ...body } = toErrorResponse(error, "r-3");
    expect(toHttpResponse(refused, "r-3")).toEqual({ status: HttpStatus, body });
    expect(HttpStatus).toBe(403);
  });

  it("answers 500 InternalError for anything that is not a decision", () => {
    for (const junk of [null, 7, {}, { ok: true }, { ok: true, response: { RequestId: 1 } }, { ok: false }]) {
      expect(toHttpResponse(junk as never, "r")).toMatchObject({ status: 500, body: { Code: "InternalError" } });
    }
  });
});

describe("toErrorResponse({ hideInternalDetails })", () => {
  const internal: Violation = {
    rule: "state.invalid",
    code: "InvalidInstanceState",
    httpStatus: 500,
    message: "state.jobs[0].createdAt must be an ISO 8601 instant",
  };
  const customer: Violation<string> = {
    rule: "instance.not-running",
    code: "IncorrectDBInstanceState",
    httpStatus: 403,
    message: "The instance is Stopped",
  };

  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).hideInternalDetails;
  });

  it("replaces a 5xx message by the RequestId to quote, keeping the code, the status and the rule", () => {
    const response = toErrorResponse(internal, "r-9", { hideInternalDetails: true });
    expect(response).toEqual({
      RequestId: "r-9",
      Code: "InvalidInstanceState",
      HttpStatus: 500,
      Message: "The service could not decide this request; quote RequestId r-9 to its operator (rule state.invalid)",
    });
    expect(response.Message).not.toContain("createdAt");
    expect(internal.message).toContain("createdAt");
  });

  it("leaves the caller's own mistakes (4xx) and the default as they were", () => {
    expect(toErrorResponse(customer, "r", { hideInternalDetails: true })).toEqual(toErrorResponse(customer, "r"));
    expect(toErrorResponse(internal, "r").Message).toContain("createdAt");
  });

  it("hides only for an own `true`, never for pollution or odd options", () => {
    (Object.prototype as Record<string, unknown>).hideInternalDetails = true;
    for (const options of [undefined, null, {}, { hideInternalDetails: "yes" }, 7]) {
      expect(toErrorResponse(internal, "r", options as never).Message).toContain("createdAt");
    }
  });
});

describe("derived job ids", () => {
  const finished = (jobId: string) => job(jobId, "Finished", "2026-03-02T01:00:00Z");

  it("are the next version in decimal", () => {
    expect(expectAccepted(createBackup(instance({ version: 4 }), BASE, context())).job.jobId).toBe("5");
  });

  it("take the next free number when a caller-allocated id holds it, never a zero-prefixed one", () => {
    const decision = expectAccepted(
      createBackup(instance({ version: 4, jobs: [finished("5"), finished("6"), finished("8")] }), BASE, context()),
    );
    expect(decision.job.jobId).toBe("7");
    expect(decision.response.BackupJobId).toBe("7");
  });

  it("never repeat while the library allocates them, however many jobs are dropped", () => {
    let state = instance();
    const seen = new Set<string>();
    for (let day = 0; day < 12; day += 1) {
      const now = new Date(Date.parse(NOW) + day * 24 * 3_600_000).toISOString();
      const accepted = expectAccepted(createBackup(state, BASE, { now }));
      expect(seen.has(accepted.job.jobId)).toBe(false);
      seen.add(accepted.job.jobId);
      state = expectAccepted(advanceBackupJob(accepted.state, { jobId: accepted.job.jobId, status: "Finished" }, { now })).state;
    }
    expect(state.jobs.length).toBeLessThan(seen.size);
  });
});

describe("a malformed job update", () => {
  const state = instance({ jobs: [job("7", "Uploading")] });

  it("that is not an object is refused saying the shape expected, about the update itself", () => {
    for (const [update, received] of [
      [null, "null"],
      [7, "the number 7"],
      ["7", 'the string "7"'],
    ] as const) {
      const error = expectRefused(advanceBackupJob(state, update as never, { now: NOW }), "job.not-found");
      expect(error.parameter).toBe("update");
      expect(error.message).toBe(`The job update must be an object { jobId, status }; received ${received}`);
    }
  });

  it("whose jobId is not a string is refused about jobId", () => {
    const error = expectRefused(advanceBackupJob(state, { jobId: 7, status: "Finished" } as never, { now: NOW }), "job.not-found");
    expect(error.parameter).toBe("jobId");
    expect(error.message).toContain("update.jobId must be the BackupJobId string");
  });
});
