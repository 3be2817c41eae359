/**
 * The commit loop under every interleaving fast-check's scheduler draws, over `memoryStore()`:
 * several replicas create backups, advance jobs and re-register instances at once; each store
 * call resolves in the order the scheduler picks. After each run, the store invariants
 * (test/support/store-invariants.ts) hold on every state written, and no call threw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InstanceState } from "../src/index";
import {
  advanceBackupJobIn,
  createBackupIn,
  memoryStore,
  registerInstance,
  STORE_RULES,
  type InstanceRegistration,
  type StateStore,
} from "../src/store/index";
import { RULES } from "../src/index";
import { storeInvariantProblems, type AcceptedBackup, type WrittenState } from "../test/support/store-invariants";
import { runs, SEED } from "./settings";

const BASE = Date.parse("2026-03-02T00:00:00Z");
const LIMIT = 3;
const INSTANCES: readonly InstanceRegistration[] = [
  { instanceId: "rm-hot", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] },
  { instanceId: "rm-cold", engine: "PostgreSQL", engineVersion: "16.0", storageType: "cloud_essd", status: "Running", databases: [] },
];
const KNOWN_RULES: ReadonlySet<string> = new Set([...RULES, ...STORE_RULES].map((rule) => rule.id));

type Operation =
  | { readonly kind: "create"; readonly instance: number; readonly minutes: number }
  | { readonly kind: "advance"; readonly instance: number; readonly minutes: number; readonly jobId: number; readonly status: string }
  | { readonly kind: "register"; readonly instance: number; readonly stopped: boolean; readonly extraDatabase: boolean };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("create" as const), instance: fc.nat(1), minutes: fc.nat(3 * 24 * 60) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      instance: fc.nat(1),
      minutes: fc.nat(3 * 24 * 60),
      jobId: fc.integer({ min: 1, max: 12 }),
      status: fc.constantFrom("Checking", "Uploading", "Finished", "Failed"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("register" as const),
      instance: fc.nat(1),
      stopped: fc.boolean(),
      extraDatabase: fc.boolean(),
    }),
  },
);

/** A replica's view of the shared store: every call resolves when the scheduler says, and each write that lands is recorded. */
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
              const instance = INSTANCES[op.instance]!;
              const options = { backoff: () => 0 };
              if (op.kind === "register") {
                const databases = op.extraDatabase ? [...instance.databases, "extra"] : instance.databases;
                outcomes.push(
                  await registerInstance(store, { ...instance, status: op.stopped ? "Stopped" : "Running", databases }, options),
                );
                continue;
              }
              const now = BASE + op.minutes * 60_000;
              latest = Math.max(latest, now);
              const context = { now: new Date(now).toISOString(), requestId: `r${replica}-${index}`, policy: { dailyBackupLimit: LIMIT } };
              if (op.kind === "create") {
                const decision = await createBackupIn(store, `Action=CreateBackup&DBInstanceId=${instance.instanceId}`, context, options);
                if (decision.ok) accepted.push({ instanceId: instance.instanceId, jobId: decision.response.BackupJobId });
                outcomes.push(decision);
              } else {
                outcomes.push(
                  await advanceBackupJobIn(store, instance.instanceId, { jobId: String(op.jobId), status: op.status }, context, options),
                );
              }
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
