import { isStorableText, type InstanceState } from "../index";
import { resolveOptions, spreadOf, type ResolvedOptions } from "./commit-options";
import { deadlineFor, type Deadline } from "./deadline";
import type { StateStore } from "./state-store";
import { storeContention, storeUnavailable, type StoreOperation, type StoreViolation } from "./store-violations";

/** What one attempt decided on the state it loaded: return `decision` as it is, or write `next` first. */
export type Attempt<D> =
  | { readonly decision: D; readonly write?: undefined }
  | { readonly decision: D; readonly write: { readonly expectedVersion: number | null; readonly next: InstanceState } };

/** One operation of the loop: its name, the instance, a key that tells this call from others (for the backoff's spread), and its decision on a loaded state. */
export interface LoopCall<D> {
  readonly store: StateStore;
  readonly operation: StoreOperation;
  readonly instanceId: string;
  readonly callKey: string;
  /** Decides on exactly what `load` returned (`undefined`: nothing stored); pure, never throws. */
  readonly decide: (loaded: unknown) => Attempt<D>;
}

/**
 * The commit loop: load, decide on exactly what was loaded, and write an acceptance with a
 * compare-and-set on the loaded version; a lost compare-and-set means another writer changed the
 * state, so wait the backoff and decide again on the fresh state. A decision that writes nothing
 * (a refusal, a replay, an idempotent repeat) is returned at once. A store that throws or rejects,
 * or does not answer before the call's deadline (`deadlineMs`), ends the loop with
 * `store.unavailable`; `maxAttempts` lost compare-and-sets end it with `store.contention`. An
 * instance id that is not text a store can hold (U+0000, a lone surrogate) is decided on as an
 * instance with nothing stored, without a load. Never throws, never rejects.
 *
 * @example
 * ```ts
 * import { memoryStore } from "rds-backup-rules/store";
 * import { commitLoop } from "./commit-loop";
 *
 * const store = memoryStore();
 * const next = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [], version: 1 } as const;
 * const call = {
 *   store, operation: "registerInstance", instanceId: "rm-1", callKey: "example",
 *   decide: (loaded: unknown) => loaded === undefined
 *     ? { decision: { ok: true }, write: { expectedVersion: null, next } }
 *     : { decision: { ok: false } },
 * } as const;
 * expect(await commitLoop(call, {})).toEqual({ ok: true, attempts: 1 });
 * expect(await commitLoop(call, {})).toEqual({ ok: false, attempts: 1 });
 * expect(await store.load("rm-1")).toEqual(next);
 * ```
 */
export async function commitLoop<D extends { readonly ok: boolean }>(call: LoopCall<D>, options: unknown): Promise<LoopOutcome<D>> {
  const resolved = resolveOptions(options);
  const deadline = deadlineFor(call.store, resolved.deadlineMs);
  try {
    return await attempts(call, resolved, deadline);
  } finally {
    deadline.end();
  }
}

/** What the loop answers: the decision, or a store violation, with the attempts it took. */
export type LoopOutcome<D> = (D | { readonly ok: false; readonly error: StoreViolation }) & { readonly attempts: number };

async function attempts<D extends { readonly ok: boolean }>(
  call: LoopCall<D>,
  { maxAttempts, waitAfter }: ResolvedOptions,
  deadline: Deadline,
): Promise<LoopOutcome<D>> {
  const { store, operation, instanceId, callKey, decide } = call;
  // An id no store can hold is an instance no store holds: the store is never asked for it.
  const storable = isStorableText(instanceId);
  for (let attempt = 1; ; attempt++) {
    let loaded: unknown;
    try {
      loaded = storable ? await deadline.race(() => store.load(instanceId)) : undefined;
    } catch (thrown) {
      return { ok: false, error: storeUnavailable(operation, instanceId, "load", thrown), attempts: attempt };
    }
    const { decision, write } = decide(loaded);
    if (write === undefined) return { ...decision, attempts: attempt };
    let written: unknown;
    try {
      written = await deadline.race(() => store.compareAndSet(instanceId, write.expectedVersion, write.next));
    } catch (thrown) {
      return { ok: false, error: storeUnavailable(operation, instanceId, "compareAndSet", thrown), attempts: attempt };
    }
    if (written === true) return { ...decision, attempts: attempt };
    if (written !== false) {
      const answer = `compareAndSet resolved ${typeof written} instead of true or false`;
      return { ok: false, error: storeUnavailable(operation, instanceId, "compareAndSet", answer), attempts: attempt };
    }
    if (attempt >= maxAttempts) return { ok: false, error: storeContention(operation, instanceId, attempt), attempts: attempt };
    await deadline.wait(waitAfter(attempt, spreadOf(`${callKey}\u0000${attempt}`)));
  }
}
