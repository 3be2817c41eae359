/**
 * The commit loop under every interleaving fast-check's scheduler draws, over `memoryStore()`:
 * several replicas create backups, advance jobs and re-register instances at once; each store
 * call resolves in the order the scheduler picks. After each run, the store invariants
 * (test/support/store-invariants.ts) hold on every state written, and no call threw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InstanceState } from "../src/index";
import { memoryStore, registerInstance, STORE_RULES, type StateStore } from "../src/store/index";
import { RULES } from "../src/index";
import { storeInvariantProblems, type AcceptedBackup, type WrittenState } from "../test/support/store-invariants";
import { runs, SEED } from "./settings";
import { BASE, INSTANCES, LIMIT, operation, runOperation, type Operation } from "./support/store-operations";

const KNOWN_RULES: ReadonlySet<string> = new Set([...RULES, ...STORE_RULES].map((rule) => rule.id));

function replicaStore(shared: StateStore, scheduler: fc.Scheduler, written: WrittenState[]): StateStore {
  return {
    load: scheduler.scheduleFunction(async (id: string) => shared.load(id)),
    compareAndSet: scheduler.scheduleFunction(async (id: string, expected: number | null, next: InstanceState) => {
      const ok = await shared.compareAndSet(id, expected, next);
      if (ok) written.push({ instanceId: id, state: structuredClone(next) });
      return ok;
    }),
  };
}

describe("replicas racing over memoryStore()", () => {
  it("keep the invariants on every state written, in every interleaving", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.array(operation, { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 4 }),
        async (scheduler, replicas) => {
          const shared = memoryStore();
          const written: WrittenState[] = [];
          for (const instance of INSTANCES) {
            const registered = await registerInstance(
              {
                load: (id) => shared.load(id),
                compareAndSet: async (id, expected, next) => {
                  const ok = await shared.compareAndSet(id, expected, next);
                  if (ok) written.push({ instanceId: id, state: structuredClone(next) });
                  return ok;
                },
              },
              instance,
            );
            expect(registered.ok).toBe(true);
          }
          const accepted: AcceptedBackup[] = [];
          let latest = BASE;
          const outcomes: unknown[] = [];
          const run = async (operations: readonly Operation[], replica: number) => {
            const store = replicaStore(shared, scheduler, written);
            for (const [index, op] of operations.entries()) {
              const { outcome, now } = await runOperation(store, op, `r${replica}-${index}`);
              if (now !== undefined) latest = Math.max(latest, now);
              if (op.kind === "create" && outcome.ok && "response" in outcome)
                accepted.push({ instanceId: INSTANCES[op.instance]!.instanceId, jobId: outcome.response.BackupJobId });
              outcomes.push(outcome);
            }
          };
          await scheduler.waitFor(Promise.all(replicas.map((operations, replica) => run(operations, replica))));
          for (const outcome of outcomes) {
            const decision = outcome as { ok: boolean; error?: { rule: string }; attempts: number };
            if (!decision.ok) expect(KNOWN_RULES.has(decision.error!.rule)).toBe(true);
            expect(decision.attempts).toBeGreaterThanOrEqual(1);
          }
          const finals = new Map<string, InstanceState | undefined>();
          for (const { instanceId } of INSTANCES) finals.set(instanceId, (await shared.load(instanceId)) as InstanceState);
          const problems = storeInvariantProblems({
            written,
            finals,
            accepted,
            dailyBackupLimit: LIMIT,
            latestNow: new Date(latest).toISOString(),
          });
          expect(problems).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: runs(150) },
    );
  });
});
