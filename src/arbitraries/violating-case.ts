import type fc from "fast-check";
import type { CreateBackupRuleId } from "../rules/catalog";
import { contextInvalidCase, requestMalformedCase, stateInvalidCase } from "./argument-violations";
import type { ArgumentCases, BackupCase } from "./backup-case";
import { BUSINESS_RULE_CASES } from "./business-violations";
import { PARAMETER_RULE_CASES } from "./parameter-violations";
import { onlyOnTheWire, type DrawOptions, type RequestDrawn } from "./wire";

/** What `violatingCase(ruleId)` draws: an `ArgumentCases` entry for rules 1 and 2, else a `BackupCase`. */
export type ViolatingCase<Rule extends CreateBackupRuleId, Request = unknown> = Rule extends keyof ArgumentCases
  ? ArgumentCases<Request>[Rule]
  : BackupCase<Request>;

/** One entry per CreateBackup rule, keyed by the rule-id type: a rule added to the catalog does not compile until it is here. */
const CASES: { readonly [Rule in CreateBackupRuleId]: () => fc.Arbitrary<ViolatingCase<Rule>> } = {
  "context.invalid": contextInvalidCase,
  "state.invalid": stateInvalidCase,
  "request.malformed": requestMalformedCase,
  ...PARAMETER_RULE_CASES,
  ...BUSINESS_RULE_CASES,
};

/** Why no request arriving over the wire in a form can break a rule. */
function notOnTheWire(ruleId: CreateBackupRuleId, wire: true | "query" | "object"): string | undefined {
  if (ruleId === "request.malformed") return "every query string and every object is a well-formed request";
  if (ruleId === "parameter.malformed" && wire === "object")
    return "an object of strings cannot repeat a name or hold a value of another type";
  return undefined;
}

/**
 * `{ state, request, context }` for which `createBackup` refuses with exactly `ruleId`, one of
 * the 31 CreateBackup rules: every rule before it passes by construction, and the case reaches
 * the rule by every path the spec allows (each wrong field of the context or state, each request
 * form, each refused cell of the capability matrix, each time-zone family…). Rules after it may
 * be violated too, as they would be in real requests. A case for rule 1 or 2 holds values that are
 * not a context or a state on purpose, and is typed so (`unknown`). With `{ wire }`, only requests
 * that arrive over HTTP (see `DrawOptions`); `request.malformed` then has no case (a RangeError),
 * nor `parameter.malformed` as an object (only a repeated name in a query string breaks it).
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { sampleValues, violatingCase } from "rds-backup-rules/arbitraries";
 *
 * for (const rule of ["instance.not-running", "db-name.malformed", "instance.daily-limit-reached"] as const) {
 *   for (const { state, request, context } of sampleValues(violatingCase(rule, { wire: true }), 10)) {
 *     expect(createBackup(state, request, context)).toMatchObject({ ok: false, error: { rule } });
 *   }
 * }
 * const [broken] = sampleValues(violatingCase("context.invalid"), 1);
 * expect(createBackup(broken!.state as InstanceState, broken!.request, broken!.context as DecisionContext).ok).toBe(false);
 * ```
 */
export function violatingCase<Rule extends CreateBackupRuleId, Options extends DrawOptions | undefined = undefined>(
  ruleId: Rule,
  options?: Options,
): fc.Arbitrary<ViolatingCase<Rule, RequestDrawn<Options>>> {
  const cases = Object.hasOwn(CASES, ruleId) ? (CASES[ruleId] as () => fc.Arbitrary<ViolatingCase<Rule>>) : undefined;
  if (cases === undefined) throw new RangeError(`violatingCase: ${String(ruleId)} is not a CreateBackup rule id`);
  const wire = options?.wire ?? false;
  const impossible = wire === false ? undefined : notOnTheWire(ruleId, wire);
  if (impossible !== undefined) {
    throw new RangeError(
      `violatingCase: ${ruleId} cannot arrive over the wire as ${wire === "object" ? "an object" : wire === "query" ? "a query string" : "a query string or an object"}: ${impossible}`,
    );
  }
  return onlyOnTheWire(cases(), options) as fc.Arbitrary<ViolatingCase<Rule, RequestDrawn<Options>>>;
}
