/**
 * Replicas as separate connection pools on one PostgreSQL, racing on a few hot instances and many
 * cold ones: afterwards the invariants hold on every row version written (recorded by a trigger,
 * in commit order), and the races really happened (compare-and-sets were lost and retried).
 */
import { afterAll, describe, expect, it } from "vitest";
import { runReplica } from "../support/replica-workload";
import { acceptedOf, invariantProblems, newPool, raceTable, storeOn } from "./support";

const REPLICAS = 6;
const admin = newPool();
const pools = Array.from({ length: REPLICAS }, () => newPool(undefined, 2));
afterAll(async () => {
  await Promise.all([admin, ...pools].map((pool) => pool.end()));
});

describe("replicas as separate pools", () => {
  it("keep the invariants on 3 hot and 60 cold instances", async () => {
    const { table, hot, cold } = await raceTable(admin, "replicas", 3, 60);
    // Each replica runs two request handlers at once over its pool.
    const runs = pools.flatMap((pool, replica) =>
      [0, 1].map((handler) =>
        runReplica(storeOn(pool, table), { seed: 1000 + replica * 10 + handler, operations: 120, hot, cold, hotShare: 0.6 }),
      ),
    );
    const outcomes = (await Promise.all(runs)).flat();
    expect(outcomes).toHaveLength(REPLICAS * 2 * 120);
    expect(await invariantProblems(admin, table, acceptedOf(outcomes))).toEqual([]);
    // The race was real: some calls lost a compare-and-set and decided again.
    expect(outcomes.filter((outcome) => outcome.decision.attempts > 1).length).toBeGreaterThan(0);
    expect(acceptedOf(outcomes).length).toBeGreaterThan(50);
    // Nothing failed for want of a store.
    expect(outcomes.filter((outcome) => !outcome.decision.ok && outcome.decision.error.rule.startsWith("store."))).toEqual([]);
  });
});
