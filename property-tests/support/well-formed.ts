import { expectIs, expectEqual, expectOneOf } from "./expect-cheaply";
import { RULES } from "../../src/index";

const CREATE_BACKUP_RULE_IDS = RULES.filter((rule) => rule.operations.includes("createBackup")).map((rule) => rule.id as string);
const ADVANCE_RULE_IDS = ["context.invalid", "state.invalid", "job.not-found", "job-status.invalid-value", "job.invalid-transition"];

/** Asserts a violation names one of `allowed` rules, with that rule's code and HTTP status, and says something. */
export function expectViolationOf(error: unknown, allowed: readonly string[]): void {
  const violation = error as { rule: unknown; code: unknown; httpStatus: unknown; message: unknown; parameter?: unknown };
  expectOneOf(violation.rule, allowed);
  const info = RULES.find((rule) => rule.id === violation.rule);
  expectIs(violation.code, info?.code);
  expectIs(violation.httpStatus, info?.httpStatus);
  expectIs(typeof violation.message, "string");
  expectIs(violation.message !== "", true);
  if ("parameter" in violation) expectIs(typeof violation.parameter, "string");
}

/** Asserts the shape of a `createBackup` decision. */
export function expectWellFormedBackupDecision(decision: unknown): void {
  const d = decision as Record<string, unknown>;
  if (d.ok === true) {
    expectEqual(Object.keys(d).sort(), ["job", "ok", "response", "state"]);
    const response = d.response as Record<string, unknown>;
    expectIs(typeof response.BackupJobId, "string");
    expectIs(typeof response.RequestId, "string");
    expectIs(response.BackupJobId, (d.job as Record<string, unknown>).jobId);
  } else {
    expectIs(d.ok, false);
    expectEqual(Object.keys(d).sort(), ["error", "ok"]);
    expectViolationOf(d.error, CREATE_BACKUP_RULE_IDS);
  }
}

/** Asserts the shape of an `advanceBackupJob` decision. */
export function expectWellFormedJobDecision(decision: unknown): void {
  const d = decision as Record<string, unknown>;
  if (d.ok === true) {
    expectEqual(Object.keys(d).sort(), ["job", "ok", "state"]);
  } else {
    expectIs(d.ok, false);
    expectViolationOf(d.error, ADVANCE_RULE_IDS);
  }
}

export { CREATE_BACKUP_RULE_IDS };
