/**
 * A fault of the outside world for the retry tests: a store whose next compare-and-set fails
 * after writing (the write committed, the answer was lost, as when a connection drops right after
 * COMMIT) or before writing (the write never reached the store). Every other call goes through.
 */
import type { StateStore } from "../../src/store/index";

export function loseNextAnswer(store: StateStore, when: "after writing" | "before writing"): StateStore {
  let armed = true;
  return {
    load: (id) => store.load(id),
    compareAndSet: async (id, expected, next) => {
      if (!armed) return store.compareAndSet(id, expected, next);
      armed = false;
      if (when === "after writing") await store.compareAndSet(id, expected, next);
      throw new Error("Connection terminated unexpectedly");
    },
  };
}
