/**
 * One replica's share of a race over a store: a seeded sequence of CreateBackup, job updates and
 * re-registrations on a few hot instances and many cold ones, with clocks anywhere in a three-day
 * window. Used by the PostgreSQL race tests, in-process and as forked OS processes.
 */
import { mulberry32 } from "../../bench/prng";
import {
  advanceBackupJobIn,
  createBackupIn,
  registerInstance,
  type InstanceRegistration,
  type RegistrationDecision,
  type StateStore,
  type StoreDecision,
} from "../../src/store/index";
import type { BackupDecision, JobDecision } from "../../src/index";

export const WINDOW_START = Date.parse("2026-03-02T00:00:00Z");
export const WINDOW_MINUTES = 3 * 24 * 60;
/** The latest clock any call of the workload uses. */
export const LATEST_NOW = new Date(WINDOW_START + WINDOW_MINUTES * 60_000).toISOString();
export const DAILY_LIMIT = 4;

export function instanceOf(instanceId: string): InstanceRegistration {
  return { instanceId, engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] };
}

export const hotIds = (count: number) => Array.from({ length: count }, (_, index) => `rm-hot-${index}`);
export const coldIds = (count: number) => Array.from({ length: count }, (_, index) => `rm-cold-${index}`);

export interface Outcome {
  readonly kind: "create" | "advance" | "register";
  readonly instanceId: string;
  readonly decision: StoreDecision<BackupDecision> | StoreDecision<JobDecision> | StoreDecision<RegistrationDecision>;
}

export interface ReplicaPlan {
  readonly seed: number;
  readonly operations: number;
  readonly hot: readonly string[];
  readonly cold: readonly string[];
  /** The share of operations on a hot instance. */
  readonly hotShare?: number;
  /** Called after each operation; a promise makes the replica wait for it (to pace a fault). */
  readonly onOutcome?: (outcome: Outcome, index: number) => void | Promise<void>;
}

/** Runs the plan against `store`, one operation after the other; resolves with every outcome. Never rejects unless the loop throws (a bug). */
export async function runReplica(store: StateStore, plan: ReplicaPlan): Promise<Outcome[]> {
  const random = mulberry32(plan.seed);
  const outcomes: Outcome[] = [];
  const options = { backoff: (attempt: number) => random.next() * Math.min(20, 2 ** attempt) };
  for (let index = 0; index < plan.operations; index++) {
    const instanceId = random.chance(plan.hotShare ?? 0.5) && plan.hot.length > 0 ? random.pick(plan.hot) : random.pick(plan.cold);
    const now = new Date(WINDOW_START + random.int(0, WINDOW_MINUTES) * 60_000).toISOString();
    const context = { now, requestId: `${plan.seed}-${index}`, policy: { dailyBackupLimit: DAILY_LIMIT } };
    const draw = random.next();
    let outcome: Outcome;
    if (draw < 0.5) {
      const decision = await createBackupIn(store, `Action=CreateBackup&DBInstanceId=${instanceId}`, context, options);
      outcome = { kind: "create", instanceId, decision };
    } else if (draw < 0.93) {
      const update = { jobId: String(random.int(2, 30)), status: random.pick(["Checking", "Uploading", "Finished", "Finished", "Failed"]) };
      outcome = { kind: "advance", instanceId, decision: await advanceBackupJobIn(store, instanceId, update, context, options) };
    } else {
      const instance = { ...instanceOf(instanceId), status: random.chance(0.3) ? ("Stopped" as const) : ("Running" as const) };
      outcome = { kind: "register", instanceId, decision: await registerInstance(store, instance, options) };
    }
    outcomes.push(outcome);
    await plan.onOutcome?.(outcome, index);
  }
  return outcomes;
}
