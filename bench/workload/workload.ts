import { RULES, type CreateBackupRuleId, type DecisionContext, type Engine, type InstanceState } from "../../src/index";
import { mulberry32, type Random } from "../prng";
import { REFUSALS } from "./refusals";
import { acceptedScenario, type Params } from "./scenario";

/** The rule families, by the position of their first rule in the catalog (docs/rules.md). */
const FAMILIES: ReadonlyArray<readonly [firstRule: number, name: string]> = [
  [1, "input"],
  [5, "required parameters"],
  [9, "parameter values"],
  [14, "instance"],
  [16, "backup method"],
  [21, "option scope"],
  [27, "databases"],
  [29, "quota"],
];

/** One decision of the workload, with the outcome the spec gives it. */
export interface WorkloadCase {
  readonly engine: Engine;
  /** The rule family of the expected refusal, or "accepted". */
  readonly family: string;
  /** The first rule the request violates, or `null` when it is accepted. */
  readonly expected: CreateBackupRuleId | null;
  /** The stored state as the caller passes it; invalid on purpose in `state.invalid` cases. */
  readonly state: InstanceState;
  readonly request: unknown;
  readonly context: DecisionContext;
}

/** How many cases of each kind the workload holds. */
export interface WorkloadShape {
  readonly acceptedPerEngine: number;
  /** Refusals per (rule, engine) pair where the rule can be violated on that engine. */
  readonly refusalsPerRuleAndEngine: number;
}

const ENGINES: readonly Engine[] = ["MySQL", "SQLServer", "PostgreSQL", "MariaDB"];

/**
 * The seeded workload: accepted requests on all four engines, and refusals by every one of the 31
 * rules on every engine where the rule can apply, in a shuffled order. The same seed always gives
 * the same cases.
 */
export function buildWorkload(seed: number, shape: WorkloadShape): WorkloadCase[] {
  const rng = mulberry32(seed);
  const cases: WorkloadCase[] = [];
  for (const engine of ENGINES) {
    for (let i = 0; i < shape.acceptedPerEngine; i++) {
      const scenario = acceptedScenario(rng, engine);
      cases.push({
        engine,
        family: "accepted",
        expected: null,
        state: scenario.state,
        request: renderRequest(rng, scenario.params),
        context: scenario.context,
      });
    }
  }
  for (const [rule, builder] of Object.entries(REFUSALS) as Array<[CreateBackupRuleId, (typeof REFUSALS)[CreateBackupRuleId]]>) {
    for (const engine of builder.engines) {
      for (let i = 0; i < shape.refusalsPerRuleAndEngine; i++) {
        const { scenario, rawRequest } = builder.build(rng, engine);
        const request = rawRequest === undefined ? renderRequest(rng, scenario.params) : rawRequest.value;
        cases.push({ engine, family: familyOf(rule), expected: rule, state: scenario.state, request, context: scenario.context });
      }
    }
  }
  return rng.shuffle(cases);
}

/** The family of a rule: "input", "quota", … */
export function familyOf(rule: CreateBackupRuleId): string {
  const position = RULES.findIndex((info) => info.id === rule) + 1;
  return [...FAMILIES].reverse().find(([first]) => position >= first)?.[1] ?? "input";
}

/**
 * Renders parameters the way callers send them: a query string (sometimes with a leading `?`), a
 * plain object (numeric parameters sometimes as numbers), or a `URLSearchParams`.
 */
function renderRequest(rng: Random, params: Params): unknown {
  const draw = rng.next();
  if (draw < 0.5) return `${rng.chance(0.1) ? "?" : ""}${new URLSearchParams(params).toString()}`;
  if (draw < 0.85) {
    return Object.fromEntries(
      params.map(([name, value]) => {
        const numeric = (name === "BackupRetentionPeriod" || name === "ResourceOwnerId") && String(Number(value)) === value;
        return [name, numeric && rng.chance(0.5) ? Number(value) : value];
      }),
    );
  }
  return new URLSearchParams(params);
}
