import { hasOwn } from "../input/parsed";
import type { AnyRule, RuleId } from "../rules/catalog";
import type { DetailedFinding, DetailedRule, FactName, Finding } from "../rules/rule";
import type { Violation } from "../rules/violation";
import type { DecisionFacts } from "./decision-facts";

/**
 * Walks rules in order and yields a violation for each violated one. A rule whose required facts
 * do not exist (its inputs did not parse) is not evaluated: an earlier rule already says why.
 * Lazy, so `createBackup` stops at the first violation and `listViolations` takes them all.
 *
 * @example
 * ```ts
 * import { CREATE_BACKUP_RULES } from "../rules/catalog";
 * import { DecisionFacts } from "./decision-facts";
 * import { evaluateRules } from "./evaluate-rules";
 *
 * const facts = new DecisionFacts({ kind: "create", state: {}, request: 7, context: {} });
 * expect([...evaluateRules(CREATE_BACKUP_RULES, facts)].map((v) => v.rule)).toEqual([
 *   "context.invalid", "state.invalid", "request.malformed",
 * ]);
 * ```
 */
export function* evaluateRules(rules: readonly AnyRule[], facts: DecisionFacts): Generator<Violation, void, undefined> {
  for (const rule of rules) {
    const finding = findingOf(rule, facts);
    if (finding !== undefined) yield toViolation(rule, finding);
  }
}

/**
 * The violation of the first violated rule, in order, or `undefined`: what `evaluateRules` yields
 * first, without a generator (the path of every `createBackup` and `advanceBackupJob`).
 *
 * @example
 * ```ts
 * import { CREATE_BACKUP_RULES } from "../rules/catalog";
 * import { DecisionFacts } from "./decision-facts";
 * import { firstViolation } from "./evaluate-rules";
 *
 * const facts = new DecisionFacts({ kind: "create", state: {}, request: 7, context: {} });
 * expect(firstViolation(CREATE_BACKUP_RULES, facts)?.rule).toBe("context.invalid");
 * ```
 */
export function firstViolation(rules: readonly AnyRule[], facts: DecisionFacts): Violation | undefined {
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as AnyRule;
    const finding = findingOf(rule, facts);
    if (finding !== undefined) return toViolation(rule, finding);
  }
  return undefined;
}

/** A rule's finding, when every fact it requires exists (else an earlier rule already says why). */
function findingOf(rule: AnyRule, facts: DecisionFacts): Finding | DetailedFinding<unknown> | undefined {
  return facts.has(rule.requires) ? rule.check(facts) : undefined;
}

/**
 * The violation of a rule for a finding: for a rule with typed details, the details and the
 * message the rule builds from them.
 *
 * @example
 * ```ts
 * import { instanceIdNotFound, instanceNotRunning } from "../rules/instance-rules";
 * import { toViolation } from "./evaluate-rules";
 *
 * expect(toViolation(instanceIdNotFound, { message: "not this one", parameter: "DBInstanceId" })).toEqual({
 *   rule: "instance-id.not-found", code: "InvalidDBInstanceId.NotFound", httpStatus: 404, message: "not this one", parameter: "DBInstanceId",
 * });
 * expect(toViolation(instanceNotRunning, { details: { instanceId: "rm-1", status: "Stopped" } })).toEqual({
 *   rule: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403,
 *   message: 'The instance "rm-1" is Stopped, and a backup needs it Running; retry once it is Running',
 *   details: { instanceId: "rm-1", status: "Stopped" },
 * });
 * ```
 */
export function toViolation(rule: AnyRule, finding: Finding | DetailedFinding<unknown>): Violation {
  const { id, code, httpStatus } = rule;
  const parameter = hasOwn(finding, "parameter") ? finding.parameter : undefined;
  if (!hasOwn(finding, "details")) {
    const { message } = finding as Finding;
    return (
      parameter === undefined ? { rule: id, code, httpStatus, message } : { rule: id, code, httpStatus, message, parameter }
    ) as Violation;
  }
  const { details } = finding as DetailedFinding<unknown>;
  const message = (rule as DetailedRule<RuleId, FactName, unknown>).message(details);
  return (parameter === undefined
    ? { rule: id, code, httpStatus, message, details }
    : { rule: id, code, httpStatus, message, parameter, details }) as unknown as Violation;
}
