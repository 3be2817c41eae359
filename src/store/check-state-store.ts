import type { InstanceState } from "../index";
import type { StateStore } from "./state-store";

/** One clause of the contract: its name (as a failure names it) and its check, on a fresh store. */
interface Clause {
  readonly name: string;
  readonly check: (store: StateStore) => Promise<string | undefined>;
}

/** Concurrent writers in the concurrency clauses. */
const WRITERS = 8;

const state = (instanceId: string, version: number, databases: readonly string[] = []): InstanceState => ({
  instanceId,
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases,
  jobs: [],
  version,
});

const id = (clause: string) => `rds-backup-rules-check-${clause}`;

const CLAUSES: readonly Clause[] = [
  {
    name: "load of an absent instance resolves undefined",
    check: async (store) => {
      const loaded = await store.load(id("absent"));
      return loaded === undefined ? undefined : `load resolved ${describe(loaded)}`;
    },
  },
  {
    name: "round trip: a state written with compareAndSet(id, null, state) loads back equal",
    check: async (store) => {
      const written = state(id("round-trip"), 1, ["orders", "users"]);
      const ok = await store.compareAndSet(written.instanceId, null, written);
      if (ok !== true) return `compareAndSet on an absent instance resolved ${describe(ok)}, not true`;
      const loaded = await store.load(written.instanceId);
      return canonical(loaded) === canonical(written) ? undefined : `wrote ${describe(written)} but loaded ${describe(loaded)}`;
    },
  },
  {
    name: "compareAndSet with null is refused when a state exists",
    check: async (store) => {
      const first = state(id("null-refused"), 1, ["first"]);
      await store.compareAndSet(first.instanceId, null, first);
      const ok = await store.compareAndSet(first.instanceId, null, state(first.instanceId, 1, ["second"]));
      if (ok !== false) return `the second compareAndSet with null resolved ${describe(ok)}, not false`;
      const loaded = await store.load(first.instanceId);
      return canonical(loaded) === canonical(first) ? undefined : `the refused write changed the state to ${describe(loaded)}`;
    },
  },
  {
    name: "compareAndSet on a stale version is refused, on the stored version it writes",
    check: async (store) => {
      const instanceId = id("stale-version");
      await store.compareAndSet(instanceId, null, state(instanceId, 1));
      const second = state(instanceId, 2, ["second"]);
      if ((await store.compareAndSet(instanceId, 1, second)) !== true) return "compareAndSet(id, 1, …) on version 1 was refused";
      const stale = await store.compareAndSet(instanceId, 1, state(instanceId, 2, ["stale"]));
      if (stale !== false)
        return `compareAndSet(id, 1, …) on version 2 resolved ${describe(stale)}, not false: the version is not compared`;
      const loaded = await store.load(instanceId);
      return canonical(loaded) === canonical(second) ? undefined : `a refused write changed the state to ${describe(loaded)}`;
    },
  },
  {
    name: `${WRITERS} concurrent compareAndSets on one version: exactly one wins, and its state is stored`,
    check: async (store) => {
      const instanceId = id("concurrent-version");
      await store.compareAndSet(instanceId, null, state(instanceId, 1));
      return race(store, instanceId, 1, (writer) => state(instanceId, 2, [`writer${writer}`]));
    },
  },
  {
    name: `${WRITERS} concurrent compareAndSets with null on an absent instance: exactly one wins, and its state is stored`,
    check: async (store) => race(store, id("concurrent-null"), null, (writer) => state(id("concurrent-null"), 1, [`writer${writer}`])),
  },
];

async function race(
  store: StateStore,
  instanceId: string,
  expectedVersion: number | null,
  next: (writer: number) => InstanceState,
): Promise<string | undefined> {
  const states = Array.from({ length: WRITERS }, (_, writer) => next(writer));
  const results = await Promise.all(states.map((each) => store.compareAndSet(instanceId, expectedVersion, each)));
  const winners = results.flatMap((result, writer) => (result === true ? [writer] : []));
  if (winners.length !== 1)
    return `${winners.length} of ${WRITERS} writers won (results: ${results.map((result) => describe(result)).join(", ")}): the compare and the set are not atomic`;
  const loaded = await store.load(instanceId);
  return canonical(loaded) === canonical(states[winners[0]!])
    ? undefined
    : `writer ${winners[0]} won but the stored state is ${describe(loaded)}`;
}

/**
 * The `StateStore` contract as an executable check, for adapter authors: round trip, absent
 * instance, compare-and-set on a stale version refused, compare-and-set with `null` refused when a
 * state exists, and concurrent compare-and-sets on one version letting exactly one writer win.
 * `makeStore` is called once per clause and must return a store that holds no instance whose id
 * starts with `rds-backup-rules-check-` (a fresh table, key prefix or namespace). Resolves when
 * every clause holds; rejects with an `Error` naming the first broken clause and what happened.
 * Framework-neutral: await it in any test runner.
 *
 * @example
 * ```ts
 * import { checkStateStore, memoryStore, type StateStore } from "rds-backup-rules/store";
 *
 * await checkStateStore(() => memoryStore());
 * const rows = new Map<string, unknown>();
 * const ignoresVersion: StateStore = { load: async (id) => rows.get(id), compareAndSet: async (id, _expected, next) => (rows.set(id, next), true) };
 * await expect(checkStateStore(() => ignoresVersion)).rejects.toThrow("compareAndSet with null is refused when a state exists");
 * ```
 */
export async function checkStateStore(makeStore: () => StateStore | Promise<StateStore>): Promise<void> {
  for (const clause of CLAUSES) {
    let finding: string | undefined;
    try {
      finding = await clause.check(await makeStore());
    } catch (thrown) {
      finding = `it threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describe(thrown)}`;
    }
    if (finding !== undefined) throw new Error(`StateStore contract broken: ${clause.name}; ${finding}`);
  }
}

/** JSON with object keys sorted: stores may reorder keys (PostgreSQL's jsonb does). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "object" && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function describe(value: unknown): string {
  try {
    const text = value === undefined ? "undefined" : JSON.stringify(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(typeof value);
  }
}
