import { createBackup } from "../src/index";
import { rawArguments } from "./faithfulness";
import { floorDecide } from "./floor";
import { jsonRulesEngineValidator } from "./json-rules-engine/engine";
import { decodeRequest } from "./plain/decode-request";
import type { WorkloadCase } from "./workload/workload";

/** One of the three validators the bench compares, with the input it is timed on. */
export interface Implementation {
  readonly name: ImplementationName;
  /** What the implementation is given for one case (prepared before timing). */
  readonly prepare: (workloadCase: WorkloadCase) => unknown;
  /** One decision; json-rules-engine's returns a promise. */
  readonly decide: (input: unknown) => unknown;
}

export type ImplementationName = "library" | "json-rules-engine" | "floor";

/** The groups of cases the bench times separately. */
export const GROUPS = {
  workload: () => true,
  refusals: (workloadCase: WorkloadCase) => workloadCase.expected !== null,
  accepted: (workloadCase: WorkloadCase) => workloadCase.expected === null,
} as const;
export type GroupName = keyof typeof GROUPS;

/**
 * The three validators: this library (untrusted arguments in, a decision with messages and a new
 * state out), json-rules-engine with the 31 rules encoded as its rules and facts (the same
 * untrusted arguments in, the first violated rule out), and the floor (the request already decoded
 * into parameters, the first violated rule's id out).
 */
export function implementations(): Implementation[] {
  const jsonRulesEngine = jsonRulesEngineValidator();
  return [
    {
      name: "library",
      prepare: (workloadCase) => workloadCase,
      decide: (input) => {
        const { state, request, context } = input as WorkloadCase;
        return createBackup(state, request, context);
      },
    },
    {
      name: "json-rules-engine",
      prepare: rawArguments,
      decide: (input) => jsonRulesEngine(input as ReturnType<typeof rawArguments>),
    },
    {
      name: "floor",
      prepare: ({ state, request, context }) => ({ state, request: decodeRequest(request), context }),
      decide: (input) => floorDecide(input as Parameters<typeof floorDecide>[0]),
    },
  ];
}
