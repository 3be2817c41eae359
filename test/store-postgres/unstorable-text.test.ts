/**
 * Text a store cannot hold, over PostgreSQL: the same answers as memory (404, state.invalid), never
 * the 503 the driver's refusal of U+0000 gave; and the adapter itself never sends such an id.
 */
import { afterAll, describe, expect, it } from "vitest";
import { migrate, postgresStore } from "../../src/store/postgres/index";
import { UNSTORABLE_IDS, unstorableTextCases } from "../support/unstorable-text-suite";
import { freshTable, newPool } from "./support";

const pool = newPool(undefined, 4);
afterAll(() => pool.end());

async function freshStore() {
  const table = freshTable("text");
  await migrate(pool, { table });
  return postgresStore(pool, { table });
}

describe("text a store cannot hold, over PostgreSQL", () => {
  unstorableTextCases(freshStore);

  it("postgresStore: load of such an id resolves undefined and compareAndSet rejects with a RangeError, neither sending a statement", async () => {
    const statements: string[] = [];
    const counting = { query: (text: string, values?: unknown[]) => (statements.push(text), pool.query(text, values)) };
    const table = freshTable("text");
    await migrate(pool, { table });
    statements.length = 0;
    const store = postgresStore(counting, { table });
    const state = {
      instanceId: "x",
      engine: "MySQL",
      engineVersion: "8.0",
      storageType: "local_ssd",
      status: "Running",
      databases: [],
      jobs: [],
      version: 1,
    } as const;
    for (const id of Object.values(UNSTORABLE_IDS)) {
      expect(await store.load(id)).toBeUndefined();
      await expect(store.compareAndSet(id, null, { ...state, instanceId: id })).rejects.toThrow(RangeError);
    }
    expect(statements).toEqual([]);
  });
});
