import { RULES, type RuleId, type Violation, type ViolationDetails } from "../index";

/** A rule of the core whose violations carry no typed details: the store may word their message itself. */
type PlainRuleId = Exclude<RuleId, keyof ViolationDetails>;

/**
 * A violation of a rule of the core's catalog with a message of the store layer (the rule's code
 * and HTTP status come from `RULES`).
 *
 * @example
 * ```ts
 * import { coreViolation } from "./core-violations";
 *
 * expect(coreViolation("instance-id.not-found", "not here", "DBInstanceId")).toEqual({
 *   rule: "instance-id.not-found", code: "InvalidDBInstanceId.NotFound", httpStatus: 404, message: "not here", parameter: "DBInstanceId",
 * });
 * ```
 */
export function coreViolation<Id extends PlainRuleId>(rule: Id, message: string, parameter?: string): Violation<Id> {
  const { code, httpStatus } = RULES.find((each) => each.id === rule)!;
  return (parameter === undefined ? { rule, code, httpStatus, message } : { rule, code, httpStatus, message, parameter }) as Violation<Id>;
}

/**
 * The `instance-id.not-found` violation for an instance id the store holds no state for, or
 * (`undefined`) for a DBInstanceId no instance can have: text that is not well-formed or holds U+0000.
 *
 * @example
 * ```ts
 * import { notRegistered } from "rds-backup-rules/store";
 *
 * expect(notRegistered("rm-9").message).toBe('The instance "rm-9" is not found: no state is stored for it; check DBInstanceId, or register the instance (registerInstance)');
 * expect(notRegistered(undefined).message).toBe("No instance has this DBInstanceId: it is not well-formed text (it holds U+0000 or a lone surrogate); check DBInstanceId");
 * ```
 */
export function notRegistered(instanceId: string | undefined): Violation<"instance-id.not-found"> {
  const message =
    instanceId === undefined
      ? "No instance has this DBInstanceId: it is not well-formed text (it holds U+0000 or a lone surrogate); check DBInstanceId"
      : `The instance ${JSON.stringify(instanceId)} is not found: no state is stored for it; check DBInstanceId, or register the instance (registerInstance)`;
  return coreViolation("instance-id.not-found", message, "DBInstanceId");
}
