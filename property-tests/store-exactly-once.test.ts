/**
 * Invariant 5 of the store layer, exactly once, under every interleaving fast-check's scheduler
 * draws over `memoryStore()`: N concurrent CreateBackup calls with one idempotency key (and some
 * with another), racing with job updates and re-registrations of the same instance, queue one job
 * per key, and every call that succeeds answers that job's BackupJobId.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InstanceState } from "../src/index";
import { advanceBackupJobIn, createBackupIn, memoryStore, registerInstance, type StateStore } from "../src/store/index";
import { exactlyOnceProblems, storeInvariantProblems, type KeyedCall, type WrittenState } from "../test/support/store-invariants";
import { runs, SEED } from "./settings";

const INSTANCE = {
  instanceId: "rm-1",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
} as const;
const NOW = Date.parse("2026-03-02T08:00:00Z");
const LIMIT = 20;

/** The store's calls, each resolved when the scheduler says. */
function scheduled(scheduler: fc.Scheduler, store: StateStore): StateStore {
  const load = (id: string) => store.load(id);
  const compareAndSet: StateStore["compareAndSet"] = (id, expected, next) => store.compareAndSet(id, expected, next);
  return { load: scheduler.scheduleFunction(load), compareAndSet: scheduler.scheduleFunction(compareAndSet) };
}

type Call =
  | { readonly kind: "create"; readonly key: "k-1" | "k-2"; readonly minutes: number }
  | { readonly kind: "advance"; readonly jobId: number; readonly status: string }
  | { readonly kind: "register"; readonly stopped: boolean };

const call: fc.Arbitrary<Call> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      key: fc.constantFrom("k-1" as const, "k-2" as const),
      minutes: fc.nat(60),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      jobId: fc.integer({ min: 2, max: 6 }),
      status: fc.constantFrom("Uploading", "Finished", "Failed"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("register" as const), stopped: fc.boolean() }) },
);

describe("exactly once over memoryStore()", () => {
  it("N concurrent calls with one key queue one job, and all that succeed answer its BackupJobId", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(call, { minLength: 3, maxLength: 12 }), async (scheduler, calls) => {
        const shared = memoryStore();
        const written: WrittenState[] = [];
        const recording = (store: StateStore): StateStore => ({
          load: (id) => store.load(id),
          compareAndSet: async (id, expected, next) => {
            const ok = await store.compareAndSet(id, expected, next);
            if (ok) written.push({ instanceId: id, state: structuredClone(next) });
            return ok;
          },
        });
        expect((await registerInstance(recording(shared), INSTANCE)).ok).toBe(true);
        const store = recording(scheduled(scheduler, shared));
        const keyed: KeyedCall[] = [];
        const options = { backoff: () => 0 };
        const all = calls.map(async (each, index) => {
          if (each.kind === "register")
            return registerInstance(store, { ...INSTANCE, status: each.stopped ? "Stopped" : "Running" }, options);
          const context = {
            now: new Date(NOW + (each.kind === "create" ? each.minutes : 30) * 60_000).toISOString(),
            requestId: `r-${index}`,
            policy: { dailyBackupLimit: LIMIT },
          };
          if (each.kind === "advance")
            return advanceBackupJobIn(store, "rm-1", { jobId: String(each.jobId), status: each.status }, context, options);
          const decision = await createBackupIn(
            store,
            "Action=CreateBackup&DBInstanceId=rm-1",
            { ...context, idempotencyKey: each.key },
            options,
          );
          keyed.push({ instanceId: "rm-1", idempotencyKey: each.key, jobId: decision.ok ? decision.response.BackupJobId : undefined });
          if (!decision.ok)
            expect(["instance.not-running", "instance.backup-in-progress", "store.contention"]).toContain(decision.error.rule);
          return decision;
        });
        await scheduler.waitFor(Promise.all(all));
        const final = (await shared.load("rm-1")) as InstanceState;
        expect(exactlyOnceProblems(written, keyed)).toEqual([]);
        const accepted = keyed.flatMap((each) => (each.jobId === undefined ? [] : [{ instanceId: "rm-1", jobId: each.jobId }]));
        expect(
          storeInvariantProblems({
            written,
            finals: new Map([["rm-1", final]]),
            accepted,
            dailyBackupLimit: LIMIT,
            latestNow: new Date(NOW + 3600_000).toISOString(),
          }),
        ).toEqual([]);
      }),
      { seed: SEED, numRuns: runs(150) },
    );
  });

  it("with the instance running and nothing else racing, all N calls succeed with the same BackupJobId", async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 8 }), async (scheduler, n) => {
        const shared = memoryStore();
        await registerInstance(shared, INSTANCE);
        const store: StateStore = scheduled(scheduler, shared);
        const context = (index: number) => ({
          now: new Date(NOW + index * 60_000).toISOString(),
          requestId: `r-${index}`,
          idempotencyKey: "nightly-1",
        });
        const decisions = await scheduler.waitFor(
          Promise.all(
            Array.from({ length: n }, (_, index) =>
              createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-1", context(index), { backoff: () => 0 }),
            ),
          ),
        );
        const ids = new Set(decisions.map((decision) => (decision.ok ? decision.response.BackupJobId : decision.error.rule)));
        expect(ids.size).toBe(1);
        expect(decisions.every((decision) => decision.ok)).toBe(true);
        expect(decisions.filter((decision) => decision.ok && decision.replayed !== true)).toHaveLength(1);
        const final = (await shared.load("rm-1")) as InstanceState;
        expect(final.jobs.map((job) => job.jobId)).toEqual([...ids]);
        expect(final.version).toBe(2);
      }),
      { seed: SEED, numRuns: runs(100) },
    );
  });
});
