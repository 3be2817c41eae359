/**
 * Operations of the store layer drawn for property tests: create a backup, advance a job or
 * re-register an instance, on one of two instances, at a minute of a three-day window; and how
 * one is run against a store.
 */
import fc from "fast-check";
import { advanceBackupJobIn, createBackupIn, registerInstance, type InstanceRegistration, type StateStore } from "../../src/store/index";

/** The start of the window the operations' clocks fall in. */
export const BASE = Date.parse("2026-03-02T00:00:00Z");
/** The daily limit of every decision (small, so that it is reached). */
export const LIMIT = 3;
export const INSTANCES: readonly InstanceRegistration[] = [
  { instanceId: "rm-hot", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] },
  { instanceId: "rm-cold", engine: "PostgreSQL", engineVersion: "16.0", storageType: "cloud_essd", status: "Running", databases: [] },
];

export type Operation =
  | { readonly kind: "create"; readonly instance: number; readonly minutes: number }
  | { readonly kind: "advance"; readonly instance: number; readonly minutes: number; readonly jobId: number; readonly status: string }
  | { readonly kind: "register"; readonly instance: number; readonly stopped: boolean; readonly extraDatabase: boolean };

export const operation: fc.Arbitrary<Operation> = fc.oneof(
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

/** What a create adds to its request and context: parameters after DBInstanceId, an idempotency key. */
export interface CreateExtras {
  readonly parameters?: string;
  readonly idempotencyKey?: string;
}

/** What any of the three operations answers. */
export type StoreOutcome =
  | Awaited<ReturnType<typeof createBackupIn>>
  | Awaited<ReturnType<typeof advanceBackupJobIn>>
  | Awaited<ReturnType<typeof registerInstance>>;

/** Runs one operation against `store`: its outcome, and the clock it was decided at (none for a registration). */
export async function runOperation(
  store: StateStore,
  op: Operation,
  requestId: string,
  extras: CreateExtras = {},
): Promise<{ readonly outcome: StoreOutcome; readonly now?: number }> {
  const instance = INSTANCES[op.instance]!;
  const options = { backoff: () => 0 };
  if (op.kind === "register") {
    const databases = op.extraDatabase ? [...instance.databases, "extra"] : instance.databases;
    return { outcome: await registerInstance(store, { ...instance, status: op.stopped ? "Stopped" : "Running", databases }, options) };
  }
  const now = BASE + op.minutes * 60_000;
  const context = {
    now: new Date(now).toISOString(),
    requestId,
    policy: { dailyBackupLimit: LIMIT },
    ...(extras.idempotencyKey === undefined ? {} : { idempotencyKey: extras.idempotencyKey }),
  };
  if (op.kind === "create") {
    const request = `Action=CreateBackup&DBInstanceId=${instance.instanceId}${extras.parameters ?? ""}`;
    return { outcome: await createBackupIn(store, request, context, options), now };
  }
  return {
    outcome: await advanceBackupJobIn(store, instance.instanceId, { jobId: String(op.jobId), status: op.status }, context, options),
    now,
  };
}
