import type { InstanceState, RuleInfo } from "../domain/types";
import type { ParsedContext } from "../input/parse-context";
import type { ParsedJobUpdate } from "../input/parse-job-update";
import type { RawParameters } from "../input/parse-request";
import type { Parsed } from "../input/parsed";
import type { BackupRequest, RequestFields } from "../input/request-fields";
import type { PolicyDay } from "../time/policy-day";

/**
 * Everything a rule may read about one decision. Each fact is derived once, on first use, from
 * the untrusted arguments (see `engine/decision-facts`). The `…Input` facts are parse outcomes
 * and always exist; every other fact exists only when the inputs it comes from parsed.
 */
export interface Facts {
  /** The context argument, parsed. */
  readonly contextInput: Parsed<ParsedContext>;
  /** The state argument, parsed. */
  readonly stateInput: Parsed<InstanceState>;
  /** The request argument, parsed into parameters (createBackup only). */
  readonly requestInput: Parsed<RawParameters>;
  readonly context: ParsedContext;
  readonly state: InstanceState;
  /** The request's parameters, some possibly malformed (rule 4). */
  readonly rawParameters: RawParameters;
  /** Each CreateBackup parameter read into its typed value. */
  readonly fields: RequestFields;
  /** The request with every parameter valid and the defaults filled in. */
  readonly request: BackupRequest;
  /** The calendar day of `context.now` in the policy's time zone. */
  readonly policyDay: PolicyDay;
  /** The update argument of advanceBackupJob. */
  readonly update: ParsedJobUpdate;
}

/** The name of a fact. */
export type FactName = keyof Facts;

/** What a violated rule without typed details reports: a message that says what is wrong and how to fix it. */
export interface Finding {
  readonly message: string;
  /** The parameter, or the context, state or update path, the finding is about. */
  readonly parameter?: string;
}

/** What a violated rule with typed details reports: the details, from which the rule builds its message. */
export interface DetailedFinding<Details> {
  readonly details: Details;
  /** The parameter, or the context, state or update path, the finding is about. */
  readonly parameter?: string;
}

/**
 * One rule: its public description and its check. The check runs only when every fact it
 * `requires` exists, and sees exactly those facts; it returns a finding when the rule is violated.
 */
export interface Rule<Id extends string = string, Needs extends FactName = FactName> extends RuleInfo {
  readonly id: Id;
  readonly requires: readonly Needs[];
  readonly check: (facts: Pick<Facts, Needs>) => Finding | undefined;
}

/**
 * A rule whose violation carries typed `details` a caller can read (the suggestion, the limit, the
 * job in progress…): its check returns the details, and `message` builds the message from them, so
 * the two never disagree.
 */
export interface DetailedRule<Id extends string = string, Needs extends FactName = FactName, Details = unknown> extends RuleInfo {
  readonly id: Id;
  readonly requires: readonly Needs[];
  readonly check: (facts: Pick<Facts, Needs>) => DetailedFinding<Details> | undefined;
  /** The message of a violation with these details. */
  message(details: Details): string;
}

/**
 * Declares a rule, keeping its id as a literal type so the catalog can name the union of ids.
 *
 * @example
 * ```ts
 * import { defineRule } from "./rule";
 *
 * const rule = defineRule({
 *   id: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403,
 *   title: "The instance is running", description: "…", requires: ["state"],
 *   check: ({ state }) => (state.status === "Running" ? undefined : { message: "not running" }),
 * });
 * expect(rule.id).toBe("instance.not-running");
 * ```
 */
export function defineRule<const Id extends string, Needs extends FactName>(rule: Rule<Id, Needs>): Rule<Id, Needs> {
  return Object.freeze(rule);
}

/**
 * Declares a rule with typed details: its check returns them, and its `message` builds the
 * violation's message from them.
 *
 * @example
 * ```ts
 * import { defineDetailedRule } from "./rule";
 *
 * const rule = defineDetailedRule({
 *   id: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403,
 *   title: "The instance is running", description: "…", requires: ["state"],
 *   check: ({ state }) => (state.status === "Running" ? undefined : { details: { status: state.status } }),
 *   message: ({ status }) => `The instance is ${status}`,
 * });
 * expect(rule.message({ status: "Stopped" })).toBe("The instance is Stopped");
 * ```
 */
export function defineDetailedRule<const Id extends string, Needs extends FactName, Details>(
  rule: DetailedRule<Id, Needs, Details>,
): DetailedRule<Id, Needs, Details> {
  return Object.freeze(rule);
}
