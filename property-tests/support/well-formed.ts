import { expect } from "vitest";
import { RULES } from "../../src/index";

const CREATE_BACKUP_RULE_IDS = RULES.slice(0, 30).map((rule) => rule.id as string);
const ADVANCE_RULE_IDS = ["context.invalid", "state.invalid", "job.not-found", "job-status.invalid-value", "job.invalid-transition"];

/** Asserts a violation names one of `allowed` rules, with that rule's code and HTTP status, and says something. */
export function expectViolationOf(error: unknown, allowed: readonly string[]): void {
  const violation = error as { rule: unknown; code: unknown; httpStatus: unknown; message: unknown; parameter?: unknown };
  expect(allowed).toContain(violation.rule);
  const info = RULES.find((rule) => rule.id === violation.rule);
  expect(violation.code).toBe(info?.code);
  expect(violation.httpStatus).toBe(info?.httpStatus);
  expect(typeof violation.message).toBe("string");
  expect((violation.message as string).length).toBeGreaterThan(0);
  if ("parameter" in violation) expect(typeof violation.parameter).toBe("string");
}

/** Asserts the shape of a `createBackup` decision. */
export function expectWellFormedBackupDecision(decision: unknown): void {
  const d = decision as Record<string, unknown>;
  if (d.ok === true) {
    expect(Object.keys(d).sort()).toEqual(["job", "ok", "response", "state"]);
    const response = d.response as Record<string, unknown>;
    expect(typeof response.BackupJobId).toBe("string");
    expect(typeof response.RequestId).toBe("string");
    expect(response.BackupJobId).toBe((d.job as Record<string, unknown>).jobId);
  } else {
    expect(d.ok).toBe(false);
    expect(Object.keys(d).sort()).toEqual(["error", "ok"]);
    expectViolationOf(d.error, CREATE_BACKUP_RULE_IDS);
  }
}

/** Asserts the shape of an `advanceBackupJob` decision. */
export function expectWellFormedJobDecision(decision: unknown): void {
  const d = decision as Record<string, unknown>;
  if (d.ok === true) {
    expect(Object.keys(d).sort()).toEqual(["job", "ok", "state"]);
  } else {
    expect(d.ok).toBe(false);
    expectViolationOf(d.error, ADVANCE_RULE_IDS);
  }
}

export { CREATE_BACKUP_RULE_IDS };
