/**
 * The commit loop's first attempt at once (decision 0156) decides as the loop through promises
 * does: one sequence of drawn operations (creates with or without parameters and idempotency keys,
 * job advances, re-registrations) run against `memoryStore()` as it is and against the same kind
 * of store seen only through its promises gives equal outcomes, one by one, and equal stored states.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadInstanceState, memoryStore, registerInstance } from "../src/store/index";
import { runs, SEED } from "./settings";
import { INSTANCES, operation, runOperation } from "./support/store-operations";
import { throughPromises } from "../test/support/through-promises";

const extras = fc.record(
  {
    parameters: fc.constantFrom(
      "&BackupMethod=Snapshot",
      "&BackupStrategy=db&DBName=orders",
      "&BackupMethod=Bogus",
      "&BackupRetentionPeriod=9",
    ),
    idempotencyKey: fc.constantFrom("retry-1", "retry-2"),
  },
  { requiredKeys: [] },
);

describe("memoryStore at once and through promises", () => {
  it("give the same outcome to every operation, and store the same states", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(operation, extras), { minLength: 1, maxLength: 12 }), async (operations) => {
        const atOnce = memoryStore();
        const promised = throughPromises(memoryStore());
        for (const store of [atOnce, promised])
          for (const instance of INSTANCES) expect((await registerInstance(store, instance)).ok).toBe(true);
        for (const [index, [op, extra]] of operations.entries()) {
          const first = await runOperation(atOnce, op, `r-${index}`, extra);
          const second = await runOperation(promised, op, `r-${index}`, extra);
          expect(first.outcome).toEqual(second.outcome);
        }
        for (const { instanceId } of INSTANCES) {
          expect(await atOnce.load(instanceId)).toEqual(await promised.load(instanceId));
          expect(await loadInstanceState(atOnce, instanceId, "DescribeBackupTasks")).toEqual(
            await loadInstanceState(promised, instanceId, "DescribeBackupTasks"),
          );
        }
      }),
      { seed: SEED, numRuns: runs(100) },
    );
  });
});
