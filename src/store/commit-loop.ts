import { isStorableText, type InstanceState } from "../index";
import { resolveOptions, spreadOf, type ResolvedOptions } from "./commit-options";
import { deadlineFor, type Deadline } from "./deadline";
import { callsAtOnce, type CallsAtOnce } from "./settles-at-once";
import type { StateStore } from "./state-store";
import { storeContention, storeUnavailable, type StoreOperation, type StoreViolation } from "./store-violations";

/** What one attempt decided on the state it loaded: return `decision` as it is, or write `next` first. */
export type Attempt<D> =
  | { readonly decision: D; readonly write?: undefined }
  | { readonly decision: D; readonly write: { readonly expectedVersion: number | null; readonly next: InstanceState } };

/** One operation of the loop: its name, the instance, a key that tells this call from others (for the backoff's spread, made only if the loop waits), and its decision on a loaded state. */
export interface LoopCall<D> {
  readonly store: StateStore;
  readonly operation: StoreOperation;
  readonly instanceId: string;
  readonly callKey: () => string;
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
 * instance with nothing stored, without a load. A store that settles at once (`settlesAtOnce`)
 * gets its first attempt through its synchronous calls: no promise, no timer, nothing else can run
 * between the load and the write. Never throws, never rejects.
 *
 * @example
 * ```ts
 * import { memoryStore } from "rds-backup-rules/store";
 * import { commitLoop } from "./commit-loop";
 *
 * const store = memoryStore();
 * const next = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [], version: 1 } as const;
 * const call = {
 *   store, operation: "registerInstance", instanceId: "rm-1", callKey: () => "example",
 *   decide: (loaded: unknown) => loaded === undefined
 *     ? { decision: { ok: true }, write: { expectedVersion: null, next } }
 *     : { decision: { ok: false } },
 * } as const;
 * expect(await commitLoop(call, {})).toEqual({ ok: true, attempts: 1 });
 * expect(await commitLoop(call, {})).toEqual({ ok: false, attempts: 1 });
 * expect(await store.load("rm-1")).toEqual(next);
 * ```
 */
export function commitLoop<D extends { readonly ok: boolean }>(call: LoopCall<D>, options: unknown): Promise<LoopOutcome<D>> {
  const resolved = resolveOptions(options);
  const calls = callsAtOnce(call.store);
  const first = calls === undefined ? undefined : firstAttemptAtOnce(call, calls);
  if (first !== undefined) return Promise.resolve(first);
  // A lost first compare-and-set at once waits its backoff and goes on as any store would, from attempt 2.
  return loop(call, resolved, calls === undefined ? 1 : 2);
}

async function loop<D extends { readonly ok: boolean }>(
  call: LoopCall<D>,
  resolved: ResolvedOptions,
  from: number,
): Promise<LoopOutcome<D>> {
  const deadline = deadlineFor(call.store, resolved.deadlineMs);
  try {
    if (from > resolved.maxAttempts)
      return { ok: false, error: storeContention(call.operation, call.instanceId, from - 1), attempts: from - 1 };
    if (from > 1) await waitAfter(call, resolved, deadline, from - 1);
    return await attempts(call, resolved, deadline, from);
  } finally {
    deadline.end();
  }
}

/** The first attempt through a store's synchronous calls: the outcome, or undefined when its compare-and-set was lost. */
function firstAttemptAtOnce<D extends { readonly ok: boolean }>(call: LoopCall<D>, calls: CallsAtOnce): LoopOutcome<D> | undefined {
  const { operation, instanceId, decide } = call;
  let loaded: unknown;
  try {
    loaded = isStorableText(instanceId) ? calls.load(instanceId) : undefined;
  } catch (thrown) {
    return { ok: false, error: storeUnavailable(operation, instanceId, "load", thrown), attempts: 1 };
  }
  const { decision, write } = decide(loaded);
  if (write === undefined) return { ...decision, attempts: 1 };
  let written: boolean;
  try {
    written = calls.compareAndSet(instanceId, write.expectedVersion, write.next);
  } catch (thrown) {
    return { ok: false, error: storeUnavailable(operation, instanceId, "compareAndSet", thrown), attempts: 1 };
  }
  return written ? { ...decision, attempts: 1 } : undefined;
}

/** What the loop answers: the decision, or a store violation, with the attempts it took. */
export type LoopOutcome<D> = (D | { readonly ok: false; readonly error: StoreViolation }) & { readonly attempts: number };

async function attempts<D extends { readonly ok: boolean }>(
  call: LoopCall<D>,
  resolved: ResolvedOptions,
  deadline: Deadline,
  from: number,
): Promise<LoopOutcome<D>> {
  const { store, operation, instanceId, decide } = call;
  // An id no store can hold is an instance no store holds: the store is never asked for it.
  const storable = isStorableText(instanceId);
  for (let attempt = from; ; attempt++) {
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
    if (attempt >= resolved.maxAttempts) return { ok: false, error: storeContention(operation, instanceId, attempt), attempts: attempt };
    await waitAfter(call, resolved, deadline, attempt);
  }
}

/** The backoff after a lost attempt (cut at the deadline). */
function waitAfter(call: LoopCall<unknown>, resolved: ResolvedOptions, deadline: Deadline, attempt: number): Promise<void> {
  return deadline.wait(resolved.waitAfter(attempt, spreadOf(`${call.callKey()}\u0000${attempt}`)));
}
