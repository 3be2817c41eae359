import type { StateStore } from "../../src/store/index";

/** A store's calls through their promises only: what the commit loop sees of any store but one that settles at once (`memoryStore`). */
export function throughPromises(store: StateStore): StateStore {
  return { load: (id) => store.load(id), compareAndSet: (id, expected, next) => store.compareAndSet(id, expected, next) };
}
