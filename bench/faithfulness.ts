import { createBackup, type CreateBackupRuleId } from "../src/index";
import { floorDecide } from "./floor";
import type { RawArguments } from "./json-rules-engine/facts";
import { decodeRequest } from "./plain/decode-request";
import type { WorkloadCase } from "./workload/workload";

/** One implementation's outcome on one case: the first violated rule, or `null` for accepted. */
export type Outcome = CreateBackupRuleId | null;

/** A case where an implementation's outcome differs from the spec's. */
export interface Disagreement {
  readonly index: number;
  readonly implementation: string;
  readonly expected: Outcome;
  readonly actual: Outcome;
}

/** The library's outcome. */
export function libraryOutcome(workloadCase: WorkloadCase): Outcome {
  const decision = createBackup(workloadCase.state, workloadCase.request, workloadCase.context);
  return decision.ok ? null : (decision.error.rule as CreateBackupRuleId);
}

/** The json-rules-engine runtime facts of a case. */
export function rawArguments(workloadCase: WorkloadCase): RawArguments {
  return { rawState: workloadCase.state, rawRequest: workloadCase.request, rawContext: workloadCase.context };
}

/**
 * Runs every case through the three implementations and lists each outcome that is not the one
 * the workload was built to produce (accepted, or refused by its rule). The bench stops on any:
 * timing implementations that decide differently would compare different work.
 */
export async function checkFaithfulness(
  cases: readonly WorkloadCase[],
  jsonRulesEngine: (args: RawArguments) => Promise<Outcome>,
): Promise<Disagreement[]> {
  const disagreements: Disagreement[] = [];
  for (const [index, workloadCase] of cases.entries()) {
    const outcomes: Array<[string, Outcome]> = [
      ["library", libraryOutcome(workloadCase)],
      ["json-rules-engine", await jsonRulesEngine(rawArguments(workloadCase))],
      ["floor", floorDecide({ state: workloadCase.state, request: decodeRequest(workloadCase.request), context: workloadCase.context })],
    ];
    for (const [implementation, actual] of outcomes) {
      if (actual !== workloadCase.expected) disagreements.push({ index, implementation, expected: workloadCase.expected, actual });
    }
  }
  return disagreements;
}
