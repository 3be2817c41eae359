import type { Violation } from "../index";
import { notRegistered, storeUnavailable, type StateStore } from "../store/index";

/**
 * The stored state of an instance for a route that only reads it (DescribeBackupTasks, the admin
 * GET): `instance-id.not-found` when the store holds none, `store.unavailable` when it fails.
 */
export async function loadState(store: StateStore, instanceId: string, operation: string): Promise<{ ok: true; state: unknown } | { ok: false; error: Violation<string> }> {
  let loaded: unknown;
  try {
    loaded = await store.load(instanceId);
  } catch (error) {
    return { ok: false, error: storeUnavailable(operation, instanceId, "load", error) };
  }
  if (loaded === undefined) return { ok: false, error: notRegistered(instanceId) };
  return { ok: true, state: loaded };
}
