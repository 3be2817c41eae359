import type fc from "fast-check";
import type { CreateBackupRuleId } from "../rules/catalog";
import { contextInvalidCase, requestMalformedCase, stateInvalidCase } from "./argument-violations";
import type { BackupCase } from "./backup-case";
import { BUSINESS_RULE_CASES } from "./business-violations";
import { PARAMETER_RULE_CASES } from "./parameter-violations";

const CASES: Readonly<Record<string, () => fc.Arbitrary<BackupCase>>> = {
  "context.invalid": contextInvalidCase,
  "state.invalid": stateInvalidCase,
  "request.malformed": requestMalformedCase,
  ...PARAMETER_RULE_CASES,
  ...BUSINESS_RULE_CASES,
};

/**
 * `{ state, request, context }` for which `createBackup` refuses with exactly `ruleId`, one of
 * the 31 CreateBackup rules: every rule before it passes by construction, and the case reaches
 * the rule by every path the spec allows (each wrong field of the context or state, each request
 * form, each refused cell of the capability matrix, each time-zone family…). Rules after it may
 * be violated too, as they would be in real requests. The arguments are typed as the API's, but a
 * case for rules 1 to 3 holds values of other types on purpose.
 *
 * @example
 * ```ts
 * for (const rule of ["context.invalid", "db-name.malformed", "instance.daily-limit-reached"] as const) {
 *   for (const { state, request, context } of sampleValues(violatingCase(rule), 10)) {
 *     expect(createBackup(state, request, context)).toMatchObject({ ok: false, error: { rule } });
 *   }
 * }
 * ```
 */
export function violatingCase(ruleId: CreateBackupRuleId): fc.Arbitrary<BackupCase> {
  const cases = CASES[ruleId];
  if (cases === undefined) throw new RangeError(`violatingCase: ${String(ruleId)} is not a CreateBackup rule id`);
  return cases();
}
