import { REQUEST_ALONE_RULES, RULES, type AnyRule, type RuleId } from "../rules/catalog";
import type { FactName } from "../rules/rule";
import type { Violation } from "../rules/violation";
import type { DecisionFacts } from "./decision-facts";
import { toViolation } from "./evaluate-rules";

/** One rule's verdict in a trace: passed, violated (with the violation), or not checked (with why). */
export type RuleVerdict =
  | { readonly number: number; readonly rule: RuleId; readonly verdict: "passed" }
  | { readonly number: number; readonly rule: RuleId; readonly verdict: "violated"; readonly violation: Violation }
  | { readonly number: number; readonly rule: RuleId; readonly verdict: "not-checked"; readonly reason: string };

/** Rules a decision does not judge, and why (a replay does not judge rules 16–31). */
export interface NotJudged {
  readonly rules: readonly AnyRule[];
  readonly reason: string;
}

const NUMBER_OF: ReadonlyMap<RuleId, number> = new Map(RULES.map((rule) => [rule.id, rule.number]));

/** What a fact is, in words, and the rules whose violation means it could not be read. */
const NEEDS: { readonly [F in FactName]?: { readonly words: string; readonly causes: readonly RuleId[] } } = {
  context: { words: "a valid decision context", causes: ["context.invalid"] },
  policyDay: { words: "the policy's calendar day, which comes from the decision context", causes: ["context.invalid"] },
  state: { words: "a valid instance state", causes: ["state.invalid"] },
  rawParameters: { words: "the request's parameters", causes: ["request.malformed"] },
  fields: { words: "the request's parameters", causes: ["request.malformed"] },
  request: { words: "every parameter present and valid", causes: REQUEST_ALONE_RULES.map((rule) => rule.id) },
};

/**
 * Every rule's verdict, in the order given: each rule whose facts exist is checked (passed or
 * violated, exactly as the walker judges it); a rule whose facts do not exist is not checked, and
 * its reason names the fact and the earlier violated rule that took it away. The violated
 * verdicts are exactly what `evaluateRules` yields.
 *
 * @example
 * ```ts
 * import { CREATE_BACKUP_RULES } from "../rules/catalog";
 * import { DecisionFacts } from "./decision-facts";
 * import { traceRules } from "./trace-rules";
 *
 * const facts = new DecisionFacts({ kind: "create", state: {}, request: "Action=CreateBackup&DBInstanceId=rm-1", context: { now: "2026-01-01T00:00:00Z" } });
 * const verdicts = traceRules(CREATE_BACKUP_RULES, facts);
 * expect(verdicts.map((each) => each.verdict).slice(0, 4)).toEqual(["passed", "violated", "passed", "passed"]);
 * expect(verdicts[13]).toEqual({
 *   number: 14, rule: "instance-id.not-found", verdict: "not-checked",
 *   reason: "Not checked: rule 2 (state.invalid) is violated, and this rule needs a valid instance state.",
 * });
 * ```
 */
export function traceRules(rules: readonly AnyRule[], facts: DecisionFacts, notJudged?: NotJudged): RuleVerdict[] {
  const verdicts: RuleVerdict[] = [];
  for (const rule of rules) {
    const number = NUMBER_OF.get(rule.id) as number; // every rule of a catalog is in RULES
    if (notJudged?.rules.includes(rule) === true) {
      verdicts.push({ number, rule: rule.id, verdict: "not-checked", reason: notJudged.reason });
      continue;
    }
    const missing = rule.requires.find((fact) => !facts.has([fact]));
    if (missing !== undefined) {
      verdicts.push({ number, rule: rule.id, verdict: "not-checked", reason: missingFactReason(missing, verdicts) });
      continue;
    }
    const finding = rule.check(facts.view);
    verdicts.push(
      finding === undefined
        ? { number, rule: rule.id, verdict: "passed" }
        : { number, rule: rule.id, verdict: "violated", violation: toViolation(rule, finding) },
    );
  }
  return verdicts;
}

/** Why a rule needing `fact` was not checked: the earliest violated rule that took the fact away. */
function missingFactReason(fact: FactName, earlier: readonly RuleVerdict[]): string {
  const need = NEEDS[fact];
  const words = need?.words ?? `the ${fact}`;
  const cause = earlier.find((verdict) => verdict.verdict === "violated" && need?.causes.includes(verdict.rule) === true);
  if (cause === undefined) return `Not checked: this rule needs ${words}, which could not be read.`;
  return `Not checked: rule ${cause.number} (${cause.rule}) is violated, and this rule needs ${words}.`;
}
