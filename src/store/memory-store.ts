import type { InstanceState } from "../index";
import type { StateStore } from "./state-store";
import { storedVersion } from "./stored-version";

/**
 * A `StateStore` in this process's memory, for tests, demos and single-process services. States
 * are kept as JSON text, as a database would keep them: `load` returns a fresh copy, and nothing a
 * caller does to a loaded or written object changes what is stored. `initial` seeds it with stored
 * JSON by instance id, as it is (a damaged state included: the rule set refuses it with
 * `state.invalid` for that instance alone).
 *
 * @example
 * ```ts
 * import { memoryStore } from "rds-backup-rules/store";
 *
 * const store = memoryStore({ "rm-broken": { instanceId: "rm-broken", version: 3 } });
 * expect(await store.load("rm-broken")).toEqual({ instanceId: "rm-broken", version: 3 });
 * expect(await store.load("rm-other")).toBeUndefined();
 * const next = { instanceId: "rm-broken", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [], version: 4 } as const;
 * expect(await store.compareAndSet("rm-broken", 2, next)).toBe(false);
 * expect(await store.compareAndSet("rm-broken", 3, next)).toBe(true);
 * ```
 */
export function memoryStore(initial: Readonly<Record<string, unknown>> = {}): StateStore {
  const rows = new Map<string, { readonly text: string; readonly version: number }>();
  for (const [instanceId, state] of Object.entries(initial)) rows.set(instanceId, { text: JSON.stringify(state), version: storedVersion(state) });
  return {
    async load(instanceId: string): Promise<unknown> {
      const row = rows.get(instanceId);
      return row === undefined ? undefined : JSON.parse(row.text);
    },
    async compareAndSet(instanceId: string, expectedVersion: number | null, next: InstanceState): Promise<boolean> {
      const row = rows.get(instanceId);
      if (expectedVersion === null ? row !== undefined : row === undefined || row.version !== expectedVersion) return false;
      rows.set(instanceId, { text: JSON.stringify(next), version: storedVersion(next) });
      return true;
    },
  };
}
