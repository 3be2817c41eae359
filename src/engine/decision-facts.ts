import { parseContext } from "../input/parse-context";
import { parseJobUpdate } from "../input/parse-job-update";
import { parseRequest } from "../input/parse-request";
import { parseState } from "../input/parse-state";
import type { Parsed } from "../input/parsed";
import { readRequestFields, toBackupRequest } from "../input/request-fields";
import type { Facts, FactName } from "../rules/rule";
import { policyDay } from "../time/policy-day";

/** The untrusted arguments of one decision, exactly as the caller passed them. */
export type DecisionArguments =
  | { readonly kind: "create"; readonly state: unknown; readonly request: unknown; readonly context: unknown }
  | { readonly kind: "advance"; readonly state: unknown; readonly update: unknown; readonly context: unknown };

type Derivations = { readonly [K in FactName]: (facts: DecisionFacts, args: DecisionArguments) => Facts[K] | undefined };

/** How each fact is derived: from the arguments (the `…Input` facts) or from other facts. */
const DERIVATIONS: Derivations = {
  contextInput: (_, args) => parseContext(args.context),
  stateInput: (_, args) => parseState(args.state),
  requestInput: (_, args) => (args.kind === "create" ? parseRequest(args.request) : undefined),
  update: (_, args) => (args.kind === "advance" ? parseJobUpdate(args.update) : undefined),
  context: (facts) => okValue(facts.get("contextInput")),
  state: (facts) => okValue(facts.get("stateInput")),
  rawParameters: (facts) => okValue(facts.get("requestInput")),
  fields: (facts) => {
    const parameters = facts.get("rawParameters");
    return parameters && readRequestFields(parameters);
  },
  request: (facts) => {
    const fields = facts.get("fields");
    return fields && toBackupRequest(fields);
  },
  policyDay: (facts) => {
    const context = facts.get("context");
    return context && policyDay(context.now, context.zone);
  },
};

/**
 * The facts of one decision, each derived on first use and kept: a decision refused by rule 1
 * never parses the request, and the policy day is computed once, not once per job.
 *
 * @example
 * ```ts
 * import { DecisionFacts } from "./decision-facts";
 *
 * const facts = new DecisionFacts({ kind: "create", state: null, request: "Action=CreateBackup", context: { now: "2026-01-01T00:00:00Z" } });
 * expect(facts.get("stateInput")?.ok).toBe(false);
 * expect(facts.get("state")).toBeUndefined();
 * expect(facts.get("fields")?.action).toEqual({ kind: "valid", value: "CreateBackup", raw: "CreateBackup" });
 * ```
 */
export class DecisionFacts {
  private readonly known = new Map<FactName, unknown>();

  constructor(private readonly args: DecisionArguments) {}

  /** The fact, or `undefined` when the inputs it comes from did not parse. */
  get<K extends FactName>(name: K): Facts[K] | undefined {
    const known = this.known.get(name) as Facts[K] | undefined;
    if (known !== undefined || this.known.has(name)) return known;
    const value = (DERIVATIONS[name] as (facts: DecisionFacts, args: DecisionArguments) => Facts[K] | undefined)(this, this.args);
    this.known.set(name, value);
    return value;
  }

  /** Whether every named fact exists. */
  has(names: readonly FactName[]): boolean {
    for (const name of names) if (this.get(name) === undefined) return false;
    return true;
  }

  /** The facts as a `Facts` object for a rule's check; read only facts that `has` confirmed. */
  readonly view: Facts = new FactsView(this);
}

/** Reads facts by property, as rules destructure them; each property is one memoized `get`. */
class FactsView implements Facts {
  constructor(private readonly facts: DecisionFacts) {}
  get contextInput() { return this.read("contextInput"); }
  get stateInput() { return this.read("stateInput"); }
  get requestInput() { return this.read("requestInput"); }
  get context() { return this.read("context"); }
  get state() { return this.read("state"); }
  get rawParameters() { return this.read("rawParameters"); }
  get fields() { return this.read("fields"); }
  get request() { return this.read("request"); }
  get policyDay() { return this.read("policyDay"); }
  get update() { return this.read("update"); }

  private read<K extends FactName>(name: K): Facts[K] {
    return this.facts.get(name) as Facts[K];
  }
}

function okValue<T>(parsed: Parsed<T> | undefined): T | undefined {
  return parsed?.ok ? parsed.value : undefined;
}
