import { requestedInstanceId, type Violation } from "../index";
import { notRegistered, storeUnavailable, type StateStore } from "../store/index";

/**
 * The stored state of an instance for a route that only reads it (DescribeBackupTasks, the admin
 * GET): `instance-id.not-found` when the store holds none, or when the id is text no instance can
 * have (U+0000, a lone surrogate: no store is asked), `store.unavailable` when the store fails.
 */
export async function loadState(
  store: StateStore,
  instanceId: string,
  operation: string,
): Promise<{ ok: true; state: unknown } | { ok: false; error: Violation<string> }> {
  // The core's reading of a DBInstanceId: undefined for text no store can hold.
  if (requestedInstanceId({ DBInstanceId: instanceId }) === undefined) return { ok: false, error: notRegistered(undefined) };
  let loaded: unknown;
  try {
    loaded = await store.load(instanceId);
  } catch (error) {
    return { ok: false, error: storeUnavailable(operation, instanceId, "load", error) };
  }
  if (loaded === undefined) return { ok: false, error: notRegistered(instanceId) };
  return { ok: true, state: loaded };
}
