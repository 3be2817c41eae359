import type { InstanceState } from "../index";

/**
 * The same calls as a `StateStore`'s, answered at once instead of through a promise: what a store
 * without I/O (`memoryStore`) gives the commit loop, which then takes its first attempt with no
 * promise and no timer. `load` may hand out one shared object (not a copy), which must be the stored
 * JSON deeply frozen, never changed: the loop only decides on it, a decision never changes its
 * input, and `loadInstanceState` parses each such object once.
 */
export interface CallsAtOnce {
  readonly load: (instanceId: string) => unknown;
  readonly compareAndSet: (instanceId: string, expectedVersion: number | null, next: InstanceState) => boolean;
}

const callsOfStore = new WeakMap<object, CallsAtOnce>();

/**
 * Marks a store whose `load` and `compareAndSet` settle at once, without I/O, and gives their
 * synchronous twins (which must agree with them). The store is returned as it is.
 *
 * @example
 * ```ts
 * import { callsAtOnce, settlesAtOnce } from "./settles-at-once";
 *
 * const state = Object.freeze({ instanceId: "rm-1", version: 1 });
 * const store = settlesAtOnce({ load: async () => structuredClone(state) }, { load: () => state, compareAndSet: () => false });
 * expect(callsAtOnce(store)?.load("rm-1")).toBe(state);
 * expect(callsAtOnce({ load: async () => state })).toBeUndefined();
 * ```
 */
export function settlesAtOnce<T extends object>(store: T, calls: CallsAtOnce): T {
  callsOfStore.set(store, calls);
  return store;
}

/** The synchronous twins of a store marked with `settlesAtOnce`; none for any other store. */
export function callsAtOnce(store: object): CallsAtOnce | undefined {
  return callsOfStore.get(store);
}
