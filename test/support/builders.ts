/**
 * Short builders shared by the example-based tests: a running MySQL instance, jobs, contexts and
 * requests, plus assertions that read a decision's outcome against the public rule catalog.
 */
import { expect } from "vitest";
import {
  createBackup,
  RULES,
  type BackupDecision,
  type BackupJob,
  type DecisionContext,
  type InstanceState,
  type JobDecision,
  type JobStatus,
  type RuleId,
  type Violation,
} from "../../src/index";

/** The clock of most tests: Monday 2026-03-02, 08:00 UTC. */
export const NOW = "2026-03-02T08:00:00Z";

/** The instance id of `instance()`. */
export const INSTANCE_ID = "rm-test";

/** `Action=CreateBackup&DBInstanceId=rm-test`: the smallest request that `instance()` accepts. */
export const BASE = `Action=CreateBackup&DBInstanceId=${INSTANCE_ID}`;

/** A Running MySQL 8.0 instance on local SSD with databases `orders` and `users` and no jobs. */
export function instance(changes: Partial<InstanceState> = {}): InstanceState {
  return {
    instanceId: INSTANCE_ID,
    engine: "MySQL",
    engineVersion: "8.0",
    storageType: "local_ssd",
    status: "Running",
    databases: ["orders", "users"],
    jobs: [],
    ...changes,
  };
}

/** A Manual Physical Auto job created at `createdAt` (an hour before `NOW` by default). */
export function job(jobId: string, status: JobStatus, createdAt = "2026-03-02T07:00:00Z", changes: Partial<BackupJob> = {}): BackupJob {
  return { jobId, status, mode: "Manual", method: "Physical", backupType: "Auto", createdAt, ...changes };
}

/** A context at `NOW` (or `now`), with extra fields. */
export function context(changes: Partial<DecisionContext> = {}): DecisionContext {
  return { now: NOW, ...changes };
}

/** `BASE` followed by `&extra` when extra parameters are given. */
export function withBase(extra = ""): string {
  return extra === "" ? BASE : `${BASE}&${extra}`;
}

/** The catalog entry of a rule id (fails the test when the id is not in the catalog). */
export function ruleInfo(id: string): (typeof RULES)[number] {
  const info = RULES.find((rule) => rule.id === id);
  expect(info, `rule ${id} is in RULES`).toBeDefined();
  return info as (typeof RULES)[number];
}

/**
 * Asserts the decision refused with `rule`, carrying the catalog's code and HTTP status (and the
 * `parameter`, when one is expected: `null` means "no parameter"), and returns the violation.
 */
export function expectRefused(decision: BackupDecision | JobDecision, rule: RuleId, parameter?: string | null): Violation {
  expect(decision.ok, `expected a refusal by ${rule}, got ${JSON.stringify(decision).slice(0, 400)}`).toBe(false);
  const error = (decision as { error: Violation }).error;
  const { code, httpStatus } = ruleInfo(rule);
  expect(error).toMatchObject({ rule, code, httpStatus });
  expect(typeof error.message).toBe("string");
  if (parameter === null) expect(error.parameter).toBeUndefined();
  else if (parameter !== undefined) expect(error.parameter).toBe(parameter);
  return error;
}

/** Asserts the decision accepted and returns it, typed as accepted. */
export function expectAccepted<D extends BackupDecision | JobDecision>(decision: D): D & { ok: true } {
  expect(decision.ok, `expected acceptance, got ${JSON.stringify(decision).slice(0, 400)}`).toBe(true);
  return decision as D & { ok: true };
}

/** Asserts that a message contains each fragment. */
export function expectMessage(violation: Violation, ...fragments: string[]): void {
  for (const fragment of fragments) expect(violation.message).toContain(fragment);
}

/** Freezes a value and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** Whether a value and everything reachable from it is frozen. */
export function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  return Reflect.ownKeys(value).every((key) => isDeepFrozen((value as Record<PropertyKey, unknown>)[key]));
}

/** Decides `request` on `state` (`instance()` by default) with `ctx` (`context()` by default). */
export function decide(request: unknown, state: unknown = instance(), ctx: unknown = context()) {
  return createBackup(state as InstanceState, request, ctx as never);
}
