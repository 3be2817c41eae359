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

/** A fact not derived yet (`undefined` is a derived fact's "does not exist"). */
const UNSET: unique symbol = Symbol("unset");
type Slot<K extends FactName> = Facts[K] | undefined | typeof UNSET;

/**
 * The facts of one decision, each derived on first use and kept: a decision refused by rule 1
 * never parses the request, and the policy day is computed once, not once per job. Rules read
 * the facts as properties (`view`, which is the object itself): each property is one memoized
 * derivation held in its own slot, so a decision allocates no map, closure or view for its facts.
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
export class DecisionFacts implements Facts {
  private contextInputSlot: Slot<"contextInput"> = UNSET;
  private stateInputSlot: Slot<"stateInput"> = UNSET;
  private requestInputSlot: Slot<"requestInput"> = UNSET;
  private updateSlot: Slot<"update"> = UNSET;
  private fieldsSlot: Slot<"fields"> = UNSET;
  private requestSlot: Slot<"request"> = UNSET;
  private policyDaySlot: Slot<"policyDay"> = UNSET;

  constructor(private readonly args: DecisionArguments) {}

  /** The fact, or `undefined` when the inputs it comes from did not parse. */
  get<K extends FactName>(name: K): Facts[K] | undefined {
    return this.fact(name) as Facts[K] | undefined;
  }

  /** Whether every named fact exists. */
  has(names: readonly FactName[]): boolean {
    for (let index = 0; index < names.length; index++) if (this.fact(names[index] as FactName) === undefined) return false;
    return true;
  }

  /** A fact by name, through its getter named in full (a property read by a computed name is slower to dispatch). */
  private fact(name: FactName): unknown {
    switch (name) {
      case "contextInput":
        return this.contextInput;
      case "stateInput":
        return this.stateInput;
      case "requestInput":
        return this.requestInput;
      case "update":
        return this.update;
      case "context":
        return this.context;
      case "state":
        return this.state;
      case "rawParameters":
        return this.rawParameters;
      case "fields":
        return this.fields;
      case "request":
        return this.request;
      case "policyDay":
        return this.policyDay;
    }
  }

  /** The facts as a `Facts` object for a rule's check; read only facts that `has` confirmed. */
  get view(): Facts {
    return this;
  }

  get contextInput(): Facts["contextInput"] {
    if (this.contextInputSlot === UNSET) this.contextInputSlot = parseContext(this.args.context);
    return this.contextInputSlot as Facts["contextInput"];
  }

  get stateInput(): Facts["stateInput"] {
    if (this.stateInputSlot === UNSET) this.stateInputSlot = parseState(this.args.state);
    return this.stateInputSlot as Facts["stateInput"];
  }

  get requestInput(): Facts["requestInput"] {
    if (this.requestInputSlot === UNSET) this.requestInputSlot = this.args.kind === "create" ? parseRequest(this.args.request) : undefined;
    return this.requestInputSlot as Facts["requestInput"];
  }

  get update(): Facts["update"] {
    if (this.updateSlot === UNSET) this.updateSlot = this.args.kind === "advance" ? parseJobUpdate(this.args.update) : undefined;
    return this.updateSlot as Facts["update"];
  }

  get context(): Facts["context"] {
    return okValue(this.contextInput) as Facts["context"];
  }

  get state(): Facts["state"] {
    return okValue(this.stateInput) as Facts["state"];
  }

  get rawParameters(): Facts["rawParameters"] {
    return okValue(this.requestInput) as Facts["rawParameters"];
  }

  get fields(): Facts["fields"] {
    if (this.fieldsSlot === UNSET) {
      const parameters = this.rawParameters as Facts["rawParameters"] | undefined;
      this.fieldsSlot = parameters && readRequestFields(parameters);
    }
    return this.fieldsSlot as Facts["fields"];
  }

  get request(): Facts["request"] {
    if (this.requestSlot === UNSET) {
      const fields = this.fields as Facts["fields"] | undefined;
      this.requestSlot = fields && toBackupRequest(fields);
    }
    return this.requestSlot as Facts["request"];
  }

  get policyDay(): Facts["policyDay"] {
    if (this.policyDaySlot === UNSET) {
      const context = this.context as Facts["context"] | undefined;
      this.policyDaySlot = context && policyDay(context.now, context.zone);
    }
    return this.policyDaySlot as Facts["policyDay"];
  }
}

function okValue<T>(parsed: Parsed<T> | undefined): T | undefined {
  return parsed !== undefined && parsed.ok ? parsed.value : undefined;
}
