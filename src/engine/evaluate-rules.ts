import type { Violation } from "../domain/types";
import { hasOwn } from "../input/parsed";
import type { AnyRule } from "../rules/catalog";
import type { Finding } from "../rules/rule";
import type { DecisionFacts } from "./decision-facts";

/**
 * Walks rules in order and yields a violation for each violated one. A rule whose required facts
 * do not exist (its inputs did not parse) is not evaluated: an earlier rule already says why.
 * Lazy, so `createBackup` stops at the first violation and `listViolations` takes them all.
 *
 * @example
 * ```ts
 * const facts = new DecisionFacts({ kind: "create", state: {}, request: 7, context: {} });
 * expect([...evaluateRules(CREATE_BACKUP_RULES, facts)].map((v) => v.rule)).toEqual([
 *   "context.invalid", "state.invalid", "request.malformed",
 * ]);
 * ```
 */
export function* evaluateRules(rules: readonly AnyRule[], facts: DecisionFacts): Generator<Violation, void, undefined> {
  for (const rule of rules) {
    if (!facts.has(rule.requires)) continue;
    const finding = rule.check(facts.view);
    if (finding !== undefined) yield toViolation(rule, finding);
  }
}

/**
 * The violation of a rule for a finding.
 *
 * @example
 * ```ts
 * const violation = toViolation(RULES[15]!, { message: "The instance is Stopped" });
 * expect(violation).toEqual({ rule: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403, message: "The instance is Stopped" });
 * ```
 */
export function toViolation(rule: Pick<AnyRule, "id" | "code" | "httpStatus">, finding: Finding): Violation {
  const { id, code, httpStatus } = rule;
  const { message } = finding;
  const parameter = hasOwn(finding, "parameter") ? finding.parameter : undefined;
  return parameter === undefined ? { rule: id, code, httpStatus, message } : { rule: id, code, httpStatus, message, parameter };
}
