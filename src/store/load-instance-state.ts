import { parseInstanceState, requestedInstanceId, type InstanceState, type Violation } from "../index";
import { notRegistered } from "./core-violations";
import { deepFrozen } from "./deep-frozen";
import { callsAtOnce } from "./settles-at-once";
import type { StateStore } from "./state-store";
import { storeUnavailable, type StoreUnavailable } from "./store-violations";

/** What `loadInstanceState` answers. */
export type LoadedInstanceState<Operation extends string> =
  | { readonly ok: true; readonly state: InstanceState }
  | { readonly ok: false; readonly error: Violation<"instance-id.not-found" | "state.invalid"> | StoreUnavailable<Operation> };

/** The states parsed from the frozen stored objects of stores that settle at once: the same object always parses the same. */
const parsedStates = new WeakMap<object, InstanceState>();

/**
 * The stored state of an instance, parsed, for a call that only reads it (DescribeBackupTasks):
 * `instance-id.not-found` when the store holds none, or when the id is text no instance can have
 * (U+0000, a lone surrogate: the store is not asked); `state.invalid` naming the field when what is
 * stored is not a state; `store.unavailable` naming `operation` when the store fails. The state is
 * frozen. A store that settles at once (`memoryStore`) is read without a copy, and a stored
 * version is parsed once. Never throws, never rejects.
 *
 * @example
 * ```ts
 * import { loadInstanceState, memoryStore, registerInstance } from "rds-backup-rules/store";
 *
 * const store = memoryStore({ "rm-broken": { instanceId: "rm-broken" } });
 * await registerInstance(store, { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] });
 * const loaded = await loadInstanceState(store, "rm-1", "DescribeBackupTasks");
 * expect(loaded.ok && [loaded.state.version, loaded.state.jobs]).toEqual([1, []]);
 * const broken = await loadInstanceState(store, "rm-broken", "DescribeBackupTasks");
 * expect(!broken.ok && broken.error.rule).toBe("state.invalid");
 * const missing = await loadInstanceState(store, "rm-2", "DescribeBackupTasks");
 * expect(!missing.ok && missing.error.rule).toBe("instance-id.not-found");
 * ```
 */
export async function loadInstanceState<Operation extends string>(
  store: StateStore,
  instanceId: string,
  operation: Operation,
): Promise<LoadedInstanceState<Operation>> {
  // The core's reading of a DBInstanceId: undefined for text no store can hold.
  if (requestedInstanceId({ DBInstanceId: instanceId }) === undefined) return { ok: false, error: notRegistered(undefined) };
  const calls = callsAtOnce(store);
  let loaded: unknown;
  try {
    loaded = calls === undefined ? await store.load(instanceId) : calls.load(instanceId);
  } catch (thrown) {
    return { ok: false, error: storeUnavailable(operation, instanceId, "load", thrown) };
  }
  if (loaded === undefined) return { ok: false, error: notRegistered(instanceId) };
  // Only a store that settles at once hands out the same frozen object for the same stored version.
  const shared = calls !== undefined && typeof loaded === "object" && loaded !== null ? loaded : undefined;
  const remembered = shared === undefined ? undefined : parsedStates.get(shared);
  if (remembered !== undefined) return { ok: true, state: remembered };
  const parsed = parseInstanceState(loaded);
  if (!parsed.ok) return { ok: false, error: parsed.error as Violation<"state.invalid"> };
  const state = deepFrozen(parsed.state);
  if (shared !== undefined) parsedStates.set(shared, state);
  return { ok: true, state };
}
