import type { InstanceState } from "../index";
import type { StateStore } from "./state-store";
import { deepFrozen } from "./deep-frozen";
import { settlesAtOnce } from "./settles-at-once";
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
  // `parsed` is the stored JSON read once and deeply frozen, kept private: the commit loop decides on it as it is, and each `load` hands out a copy of it.
  const rows = new Map<string, { readonly text: string; readonly version: number; parsed?: unknown }>();
  for (const [instanceId, state] of Object.entries(initial))
    rows.set(instanceId, { text: JSON.stringify(state), version: storedVersion(state) });
  const loadAtOnce = (instanceId: string): unknown => {
    const row = rows.get(instanceId);
    if (row === undefined) return undefined;
    return (row.parsed ??= deepFrozen(JSON.parse(row.text) as unknown));
  };
  const compareAndSetAtOnce = (instanceId: string, expectedVersion: number | null, next: InstanceState): boolean => {
    const row = rows.get(instanceId);
    if (expectedVersion === null ? row !== undefined : row === undefined || row.version !== expectedVersion) return false;
    rows.set(instanceId, { text: JSON.stringify(next), version: storedVersion(next) });
    return true;
  };
  return settlesAtOnce(
    {
      // A copy, which is what JSON.parse(text) would give, made without reading the text again.
      load: async (instanceId: string): Promise<unknown> => copyOfJson(loadAtOnce(instanceId)),
      compareAndSet: async (instanceId: string, expectedVersion: number | null, next: InstanceState): Promise<boolean> =>
        compareAndSetAtOnce(instanceId, expectedVersion, next),
    },
    { load: loadAtOnce, compareAndSet: compareAndSetAtOnce },
  );
}

/** A deep copy of a value JSON.parse made (plain objects, arrays and primitives only), own keys in their order; `__proto__` stays an own key. */
function copyOfJson(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOfJson);
  const source = value as Readonly<Record<string, unknown>>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const item = copyOfJson(source[key]);
    if (key === "__proto__") Object.defineProperty(copy, key, { value: item, writable: true, enumerable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}
