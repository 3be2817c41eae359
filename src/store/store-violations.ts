import type { RuleInfo, Violation } from "../index";

/** The id of an outcome of the store layer that is not a rule of the core. */
export type StoreRuleId = "store.contention" | "store.unavailable";

/** The operation of the store layer an outcome comes from. */
export type StoreOperation = "createBackupIn" | "advanceBackupJobIn" | "registerInstance";

/** A store outcome as a violation of its own rule id: the operation, and the details its message is built from. */
export type StoreViolation =
  | (Violation<"store.contention"> & {
      readonly operation: StoreOperation;
      readonly instanceId: string;
      /** The compare-and-sets tried, all lost. */
      readonly attempts: number;
    })
  | StoreUnavailable;

/**
 * `store.unavailable`: the store threw or rejected. `Operation` is the operation of the store layer,
 * or what else loaded the state (a service's own read: `storeUnavailable`'s first argument).
 */
export type StoreUnavailable<Operation extends string = StoreOperation> = Violation<"store.unavailable"> & {
  readonly operation: Operation;
  readonly instanceId: string;
  /** The store call that failed. */
  readonly failed: "load" | "compareAndSet";
  /** True only when the compare-and-set itself failed: the state may or may not have been written. */
  readonly writeMayHaveHappened: boolean;
  /** What the store threw or rejected with, as text. */
  readonly cause: string;
};

/**
 * The outcomes of the store layer that are not rules of the core, in the shape of `RULES`
 * (id, code, HTTP status, title, description); frozen. docs/rules.md lists them in their own
 * section.
 *
 * @example
 * ```ts
 * import { STORE_RULES } from "rds-backup-rules/store";
 *
 * expect(STORE_RULES.map((rule) => [rule.id, rule.code, rule.httpStatus])).toEqual([
 *   ["store.contention", "OperationConflict", 409],
 *   ["store.unavailable", "ServiceUnavailable", 503],
 * ]);
 * expect(Object.isFrozen(STORE_RULES) && Object.isFrozen(STORE_RULES[0])).toBe(true);
 * ```
 */
export const STORE_RULES: readonly (RuleInfo & { readonly id: StoreRuleId })[] = Object.freeze([
  Object.freeze({
    id: "store.contention",
    code: "OperationConflict",
    httpStatus: 409,
    title: "A write wins within the attempts",
    description:
      "Every one of the `maxAttempts` compare-and-sets (default 10) lost to another writer of the same instance. Nothing was written; retrying later is safe.",
  } as const),
  Object.freeze({
    id: "store.unavailable",
    code: "ServiceUnavailable",
    httpStatus: 503,
    title: "The state store answers",
    description:
      "The store threw or rejected (connection refused or lost, timeout…). The message says which store call failed and whether a write may have happened: only a failed compare-and-set may have written, and a retry with the same `idempotencyKey` then returns that job or queues exactly one.",
  } as const),
]);

const info = (id: StoreRuleId) => STORE_RULES.find((rule) => rule.id === id)!;

/**
 * `store.contention`: every compare-and-set of an operation lost.
 *
 * @example
 * ```ts
 * import { storeContention } from "./store-violations";
 *
 * const violation = storeContention("createBackupIn", "rm-1", 10);
 * expect(violation).toMatchObject({ rule: "store.contention", code: "OperationConflict", httpStatus: 409, attempts: 10 });
 * expect(violation.message).toContain("10 compare-and-sets");
 * ```
 */
export function storeContention(
  operation: StoreOperation,
  instanceId: string,
  attempts: number,
): Extract<StoreViolation, { rule: "store.contention" }> {
  const { code, httpStatus } = info("store.contention");
  return {
    rule: "store.contention",
    code,
    httpStatus,
    message: `${operation} on instance ${JSON.stringify(instanceId)} lost all ${attempts} compare-and-sets to other writers of the same instance; nothing was written, so retry later`,
    operation,
    instanceId,
    attempts,
  };
}

/**
 * `store.unavailable`: the store threw or rejected during `failed`, whatever it threw. Only a failed
 * compare-and-set may have written. The commit loop builds it for its operations; a service that
 * loads a state itself (to show it, say) builds the same outcome under its own operation's name.
 *
 * @example
 * ```ts
 * import { storeUnavailable } from "rds-backup-rules/store";
 *
 * const lost = storeUnavailable("createBackupIn", "rm-1", "compareAndSet", new Error("Connection terminated"));
 * expect(lost).toMatchObject({ rule: "store.unavailable", httpStatus: 503, writeMayHaveHappened: true });
 * expect(lost.message).toContain("may or may not have been written");
 * const read = storeUnavailable("DescribeBackupTasks", "rm-1", "load", new Error("connect ECONNREFUSED"));
 * expect(read).toMatchObject({ operation: "DescribeBackupTasks", failed: "load", writeMayHaveHappened: false });
 * expect(read.message).toContain("nothing was written");
 * ```
 */
export function storeUnavailable<Operation extends string>(
  operation: Operation,
  instanceId: string,
  failed: "load" | "compareAndSet",
  thrown: unknown,
): StoreUnavailable<Operation> {
  const { code, httpStatus } = info("store.unavailable");
  const cause = describeThrown(thrown);
  const writeMayHaveHappened = failed === "compareAndSet";
  const consequence = writeMayHaveHappened
    ? operation === "createBackupIn"
      ? "the new state may or may not have been written; retry with the same idempotencyKey to get that job, or exactly one new one"
      : "the new state may or may not have been written; retrying is safe"
    : "nothing was written; retry once the store is back";
  return {
    rule: "store.unavailable",
    code,
    httpStatus,
    message: `The state store failed during ${failed} of instance ${JSON.stringify(instanceId)} in ${operation} (${cause}): ${consequence}`,
    operation,
    instanceId,
    failed,
    writeMayHaveHappened,
    cause,
  };
}

/** What was thrown, as one short line of text; never throws itself. */
function describeThrown(thrown: unknown): string {
  try {
    const text =
      thrown instanceof Error
        ? `${thrown.name}: ${thrown.message}`
        : typeof thrown === "string"
          ? thrown
          : `a thrown ${thrown === null ? "null" : typeof thrown}`;
    const line = text.replace(/\s+/g, " ").trim();
    return line.length > 200 ? `${line.slice(0, 200)}…` : line;
  } catch {
    return "an unreadable error";
  }
}
