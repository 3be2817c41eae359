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
 * The `instance-id.not-found` violation for an instance id the store holds no state for.
 *
 * @example
 * ```ts
 * import { notRegistered } from "./core-violations";
 *
 * expect(notRegistered("rm-9").message).toBe('The instance "rm-9" is not found: no state is stored for it; check DBInstanceId, or register the instance (registerInstance)');
 * ```
 */
export function notRegistered(instanceId: string): Violation<"instance-id.not-found"> {
  return coreViolation(
    "instance-id.not-found",
    `The instance ${JSON.stringify(instanceId)} is not found: no state is stored for it; check DBInstanceId, or register the instance (registerInstance)`,
    "DBInstanceId",
  );
}
