import fc from "fast-check";
import type { DecisionContext, InstanceState } from "../domain/types";
import { contextFor, contextPlan, type ContextPlan } from "./context";
import { jobHistory, type HistoryKind } from "./history";
import { assembleState, instanceIdText, stateVersion, type InstanceShape } from "./instance-state";
import { requestFor, type BackupOptions } from "./request";

/** The three arguments of one `createBackup` call; `Request` is narrower when drawn only from the wire. */
export interface BackupCase<Request = unknown> {
  readonly state: InstanceState;
  readonly request: Request;
  readonly context: DecisionContext;
}

/**
 * The cases of the rules about the arguments themselves hold values that are not what the API's
 * types say, on purpose: typed `unknown`, so that a test that reads them as a state or a context
 * does not compile.
 */
export interface ArgumentCases<Request = unknown> {
  /** Rule 1: the context is wrong, and the state and request are anything at all. */
  readonly "context.invalid": { readonly state: unknown; readonly request: unknown; readonly context: unknown };
  /** Rule 2: the state is wrong (or not an object); the context is valid, the request anything. */
  readonly "state.invalid": { readonly state: unknown; readonly request: Request; readonly context: DecisionContext };
}

/** How to build a case from an instance and the options of its request. */
export interface CaseRecipe {
  readonly shape: InstanceShape;
  readonly options: BackupOptions;
  /** The jobs the state holds, relative to the context. */
  readonly history: HistoryKind;
  /** The DBInstanceId sent, given the state's id; the state's id when left out. */
  readonly requestInstanceId?: (instanceId: string) => fc.Arbitrary<string>;
  /** The context's resolved values; any when left out. */
  readonly plan?: fc.Arbitrary<ContextPlan>;
}

/**
 * A case for the recipe: a state with the recipe's instance and jobs, a request with its options
 * in any form, and a context for its plan.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { buildCase } from "./backup-case";
 *
 * const shape = { engine: "PostgreSQL", engineVersion: "16.0", storageType: "cloud_essd", status: "Running", databases: [] } as const;
 * const [built] = sampleValues(buildCase({ shape, options: { method: "Snapshot" }, history: "acceptable" }), 1);
 * expect(createBackup(built!.state, built!.request, built!.context).ok).toBe(true);
 * ```
 */
export function buildCase(recipe: CaseRecipe): fc.Arbitrary<BackupCase> {
  return fc
    .record({ instanceId: instanceIdText(), plan: recipe.plan ?? contextPlan(), version: stateVersion() })
    .chain(({ instanceId, plan, version }) =>
      fc.record({
        state: jobHistory(plan, recipe.history).map((jobs) => assembleState(instanceId, recipe.shape, jobs, version)),
        request: (recipe.requestInstanceId?.(instanceId) ?? fc.constant(instanceId)).chain((sentId) => requestFor(sentId, recipe.options)),
        context: contextFor(plan),
      }),
    );
}
