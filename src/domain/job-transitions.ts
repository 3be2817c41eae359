import { JOB_STATUSES, TERMINAL_JOB_STATUSES, isOngoing, type JobStatus } from "./vocabulary";

/** The ongoing statuses in lifecycle order: NoStart → Checking → Preparing → Waiting → Uploading. */
const LIFECYCLE_ORDER = JOB_STATUSES.filter((status) => isOngoing(status));

/**
 * The table the library decides with. Private: callers see it through `JOB_TRANSITIONS`, a view
 * that cannot change it, so no caller can change a decision (each list is frozen too).
 */
const MOVES: ReadonlyMap<JobStatus, readonly JobStatus[]> = new Map(
  JOB_STATUSES.map((from): [JobStatus, readonly JobStatus[]] => {
    if (!isOngoing(from)) return [from, Object.freeze([])];
    const later = LIFECYCLE_ORDER.slice(LIFECYCLE_ORDER.indexOf(from) + 1);
    return [from, Object.freeze([...later, ...TERMINAL_JOB_STATUSES])];
  }),
);

/**
 * A read-only view of a map: the `ReadonlyMap` methods and nothing else. Not a `Map`, so
 * `Map.prototype.set.call(view, …)` throws instead of writing; the map it reads is held in a
 * private field, and the instance and its prototype are frozen.
 */
class ReadOnlyMapView<K, V> implements ReadonlyMap<K, V> {
  readonly #map: ReadonlyMap<K, V>;

  constructor(map: ReadonlyMap<K, V>) {
    this.#map = map;
    Object.freeze(this);
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    // The callback gets the view, never the map behind it.
    this.#map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[K, V]> {
    return this.#map.entries();
  }

  keys(): MapIterator<K> {
    return this.#map.keys();
  }

  values(): MapIterator<V> {
    return this.#map.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#map.entries();
  }
}
Object.freeze(ReadOnlyMapView.prototype);
Object.freeze(ReadOnlyMapView);

/**
 * Where a job may move from each status: forward along NoStart → Checking → Preparing → Waiting →
 * Uploading → Finished, skipping steps (a poller may miss some), and from any ongoing status to
 * Failed. Finished and Failed are terminal. Repeating the current status is not a move; it is an
 * idempotent no-op handled by `advanceBackupJob`. Read-only, deeply: it has no `set`, `delete` or
 * `clear`, its lists are frozen, and decisions read the library's own copy, so nothing a caller
 * does to it changes a decision. Rule 34 and the generated state diagram read this one table.
 *
 * @example
 * ```ts
 * import { JOB_TRANSITIONS } from "rds-backup-rules";
 *
 * expect(JOB_TRANSITIONS.get("Waiting")).toEqual(["Uploading", "Finished", "Failed"]);
 * expect(JOB_TRANSITIONS.get("Finished")).toEqual([]);
 * expect(() => (JOB_TRANSITIONS.get("Finished") as JobStatus[]).push("NoStart")).toThrow(TypeError);
 * expect(() => Map.prototype.clear.call(JOB_TRANSITIONS)).toThrow(TypeError);
 * ```
 */
export const JOB_TRANSITIONS: ReadonlyMap<JobStatus, readonly JobStatus[]> = new ReadOnlyMapView(MOVES);

/**
 * Whether a job may move from one status to another (a repeat of the same status is not a move).
 *
 * @example
 * ```ts
 * import { canMove } from "./job-transitions";
 *
 * expect(canMove("NoStart", "Finished")).toBe(true);
 * expect(canMove("Uploading", "Checking")).toBe(false);
 * expect(canMove("Failed", "Finished")).toBe(false);
 * ```
 */
export function canMove(from: JobStatus, to: JobStatus): boolean {
  return movesFrom(from).includes(to);
}

/**
 * The statuses a job may move to from `from`, as `JOB_TRANSITIONS` lists them.
 *
 * @example
 * ```ts
 * import { movesFrom } from "./job-transitions";
 *
 * expect(movesFrom("Uploading")).toEqual(["Finished", "Failed"]);
 * expect(movesFrom("Failed")).toEqual([]);
 * ```
 */
export function movesFrom(from: JobStatus): readonly JobStatus[] {
  return MOVES.get(from) ?? [];
}
