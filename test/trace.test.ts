/**
 * The trace of a decision as a person reads it (traceDecision, traceJobUpdate): which rules
 * passed, which were violated, and why the others were not checked. Its agreement with
 * createBackup and listViolations over random cases is property 16 (property-tests/trace.test.ts).
 */
import { describe, expect, it } from "vitest";
import { traceDecision, traceJobUpdate, type RuleVerdict } from "../src/index";

const NOW = "2026-03-02T08:00:00Z";
const STATE = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
  jobs: [],
} as const;

const verdictOf = (rules: readonly RuleVerdict[], number: number) => rules.find((rule) => rule.number === number);
const summary = (rules: readonly RuleVerdict[]) => rules.map((rule) => `${rule.number}:${rule.verdict}`);

describe("traceDecision", () => {
  it("passes every rule of an accepted request", () => {
    const trace = traceDecision(STATE, "Action=CreateBackup&DBInstanceId=rm-1", { now: NOW });
    expect(trace.decision.ok).toBe(true);
    expect(trace.rules.every((rule) => rule.verdict === "passed")).toBe(true);
    expect(trace.rules.map((rule) => rule.number)).toEqual(Array.from({ length: 31 }, (_, index) => index + 1));
  });

  it("shows every violated rule, not only the first", () => {
    const trace = traceDecision(
      { ...STATE, status: "Stopped", databases: [] },
      "Action=CreateBackup&DBInstanceId=rm-1&BackupMethod=Snapshot",
      { now: NOW },
    );
    expect(!trace.decision.ok && trace.decision.error.rule).toBe("instance.not-running");
    expect(trace.rules.filter((rule) => rule.verdict === "violated").map((rule) => rule.rule)).toEqual([
      "instance.not-running",
      "backup-method.snapshot-requires-cloud-disk",
    ]);
    expect(verdictOf(trace.rules, 20)).toMatchObject({
      verdict: "violated",
      violation: { code: "InvalidBackupMethod.ValueNotSupport", httpStatus: 400 },
    });
  });

  it("names the earlier rule that took away what a rule needs", () => {
    const trace = traceDecision(STATE, "Action=CreateBackup&DBInstanceId=rm-1&BackupMethod=Snapshoot", { now: "yesterday" });
    expect(verdictOf(trace.rules, 1)?.verdict).toBe("violated");
    expect(verdictOf(trace.rules, 9)?.verdict).toBe("violated");
    expect(verdictOf(trace.rules, 15)).toEqual({
      number: 15,
      rule: "idempotency-key.reused",
      verdict: "not-checked",
      reason: "Not checked: rule 9 (backup-method.invalid-value) is violated, and this rule needs every parameter present and valid.",
    });
    // Rule 30 needs only the state, which is valid: it is checked and passes.
    expect(verdictOf(trace.rules, 30)?.verdict).toBe("passed");
    expect(verdictOf(trace.rules, 31)).toMatchObject({
      verdict: "not-checked",
      reason: "Not checked: rule 1 (context.invalid) is violated, and this rule needs a valid decision context.",
    });
  });

  it("says rules 4-13 were not checked when the request is not a set of parameters", () => {
    const trace = traceDecision(STATE, 42, { now: NOW });
    expect(summary(trace.rules).slice(0, 5)).toEqual(["1:passed", "2:passed", "3:violated", "4:not-checked", "5:not-checked"]);
    expect(verdictOf(trace.rules, 4)).toMatchObject({
      reason: "Not checked: rule 3 (request.malformed) is violated, and this rule needs the request's parameters.",
    });
    expect(verdictOf(trace.rules, 16)?.verdict).toBe("passed"); // it needs only the state
    expect(verdictOf(trace.rules, 17)).toMatchObject({
      verdict: "not-checked",
      reason: expect.stringContaining("rule 3 (request.malformed)"),
    });
  });

  it("says rules 16-31 are not judged on a replay, naming the job", () => {
    const first = traceDecision(STATE, "Action=CreateBackup&DBInstanceId=rm-1", { now: NOW, idempotencyKey: "k-1" });
    if (!first.decision.ok) throw new Error("the first call is accepted");
    const stopped = { ...first.decision.state, status: "Stopped" as const };
    const replay = traceDecision(stopped, "Action=CreateBackup&DBInstanceId=rm-1", { now: NOW, idempotencyKey: "k-1" });
    expect(replay.decision).toMatchObject({ ok: true, replayed: true });
    expect(replay.rules.slice(0, 15).every((rule) => rule.verdict === "passed")).toBe(true);
    expect(replay.rules.slice(15).every((rule) => rule.verdict === "not-checked")).toBe(true);
    expect(verdictOf(replay.rules, 16)).toMatchObject({
      reason: expect.stringContaining("repeats backup job 1, created with the same idempotency key"),
    });
  });

  it("never returns a state when it refuses, and returns the decision createBackup returns", () => {
    const trace = traceDecision(STATE, "Action=CreateBackup&DBInstanceId=rm-2", { now: NOW });
    expect(trace.decision).toEqual({ ok: false, error: expect.objectContaining({ rule: "instance-id.not-found" }) });
  });
});

describe("traceJobUpdate", () => {
  const job = {
    jobId: "7",
    status: "Uploading",
    mode: "Manual",
    method: "Physical",
    backupType: "Auto",
    createdAt: "2026-03-02T07:00:00Z",
  } as const;

  it("passes all five rules of a forward move", () => {
    const trace = traceJobUpdate({ ...STATE, jobs: [job] }, { jobId: "7", status: "Finished" }, { now: NOW });
    expect(trace.decision).toMatchObject({ ok: true, changed: true });
    expect(summary(trace.rules)).toEqual(["1:passed", "2:passed", "32:passed", "33:passed", "34:passed"]);
  });

  it("does not check the job rules against a state it cannot read", () => {
    const trace = traceJobUpdate({ ...STATE, jobs: [{ ...job, createdAt: "noon" }] }, { jobId: "7", status: "Finished" }, { now: NOW });
    expect(summary(trace.rules)).toEqual(["1:passed", "2:violated", "32:not-checked", "33:passed", "34:not-checked"]);
    expect(verdictOf(trace.rules, 32)).toMatchObject({
      reason: "Not checked: rule 2 (state.invalid) is violated, and this rule needs a valid instance state.",
    });
  });
});
