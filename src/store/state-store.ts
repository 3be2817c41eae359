import type { BackupDecision, InstanceState, JobDecision, Violation } from "../index";
import type { StoreViolation } from "./store-violations";

/**
 * Where the states of instances live between decisions: one state per instance id, written only
 * through a compare-and-set on its `version`. Any store with a conditional write fits (a
 * PostgreSQL row, a DynamoDB `ConditionExpression`, an etcd transaction, Redis `WATCH`/`MULTI`);
 * `checkStateStore` checks an adapter against this contract.
 *
 * @example
 * ```ts
 * import { memoryStore, type StateStore } from "rds-backup-rules/store";
 *
 * const store: StateStore = memoryStore();
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [], version: 1 } as const;
 * expect(await store.compareAndSet("rm-1", null, state)).toBe(true);
 * expect(await store.compareAndSet("rm-1", null, state)).toBe(false);
 * expect(await store.load("rm-1")).toEqual(state);
 * ```
 */
export interface StateStore {
  /**
   * The stored state of the instance, exactly as stored (the rule set parses it), or `undefined`
   * when no state is stored for that id.
   */
  load(instanceId: string): Promise<unknown>;
  /**
   * Writes `next` only if the instance's stored version is still `expectedVersion` (`null`: only
   * if no state is stored for it yet). Resolves `true` when written, `false` when another writer
   * got there first. Atomic: a reader sees the old state or the new one, never a mix.
   */
  compareAndSet(instanceId: string, expectedVersion: number | null, next: InstanceState): Promise<boolean>;
}

/** The outcome of `registerInstance`: the instance's state as stored, or why nothing was written. */
export type RegistrationDecision =
  | {
      readonly ok: true;
      /** The state now stored. */
      readonly state: InstanceState;
      /** Whether the instance was new (`true`), or already stored (`false`). */
      readonly created: boolean;
    }
  | { readonly ok: false; readonly error: Violation };

/**
 * A decision taken through a store: the pure core's decision (or a store violation: its error is
 * then a `StoreViolation`, so `error.rule` is `RuleId | StoreRuleId`) and the number of
 * load-decide-write attempts it took (0 when the request was refused before the store was read).
 */
export type StoreDecision<D extends BackupDecision | JobDecision | RegistrationDecision = BackupDecision | JobDecision> = (
  D | { readonly ok: false; readonly error: StoreViolation }
) & {
  readonly attempts: number;
};
