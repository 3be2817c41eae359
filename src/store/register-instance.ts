import { parseInstanceState, type InstanceState, type Violation } from "../index";
import { callKeyOf } from "./call-key";
import { commitLoop } from "./commit-loop";
import type { CommitOptions } from "./commit-options";
import { coreViolation } from "./core-violations";
import type { RegistrationDecision, StateStore, StoreDecision } from "./state-store";
import { storedVersion } from "./stored-version";

/** The instance's own fields, as `registerInstance` takes them; the store keeps the jobs and the version. */
export type InstanceRegistration = Omit<InstanceState, "jobs" | "version">;

const OWN_FIELDS = ["instanceId", "engine", "engineVersion", "storageType", "status", "databases"] as const;

/**
 * Creates an instance in the store (no jobs, version 1), or replaces the instance's own fields
 * (engine, version, storage, status, databases) of a stored one, keeping its jobs and raising its
 * version, through the same compare-and-set as every decision: a status change never loses a job
 * queued at the same moment. The input is parsed like a state (bad input gets `state.invalid`
 * naming the field, and nothing is written); registering the fields already stored writes nothing.
 * A stored state that is itself invalid is refused, not overwritten. Never throws.
 *
 * @example
 * ```ts
 * import { memoryStore, registerInstance } from "rds-backup-rules/store";
 *
 * const store = memoryStore();
 * const instance = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] } as const;
 * const created = await registerInstance(store, instance);
 * expect(created.ok && [created.created, created.state.version]).toEqual([true, 1]);
 * const stopped = await registerInstance(store, { ...instance, status: "Stopped" });
 * expect(stopped.ok && [stopped.created, stopped.state.version, stopped.state.status]).toEqual([false, 2, "Stopped"]);
 * const bad = await registerInstance(store, { ...instance, storageType: "floppy" } as never);
 * expect(!bad.ok && bad.error).toMatchObject({ rule: "state.invalid", parameter: "state.storageType" });
 * ```
 */
export async function registerInstance(
  store: StateStore,
  instance: InstanceRegistration,
  options?: CommitOptions,
): Promise<StoreDecision<RegistrationDecision>> {
  const fresh = parseRegistration(instance);
  if (!fresh.ok) return { ...fresh, attempts: 0 };
  const { instanceId } = fresh.state;
  return commitLoop<RegistrationDecision>(
    {
      store,
      operation: "registerInstance",
      instanceId,
      callKey: () => callKeyOf(instanceId, undefined),
      decide: (loaded) => {
        if (loaded === undefined)
          return { decision: { ok: true, state: fresh.state, created: true }, write: { expectedVersion: null, next: fresh.state } };
        const stored = parseInstanceState(loaded);
        if (!stored.ok) {
          const message = `The stored state of instance ${JSON.stringify(instanceId)} is invalid, so registerInstance leaves it as it is; repair it by hand first: ${stored.error.message}`;
          return { decision: { ok: false, error: { ...stored.error, message } } };
        }
        if (OWN_FIELDS.every((field) => sameValue(stored.state[field], fresh.state[field])))
          return { decision: { ok: true, state: stored.state, created: false } };
        // Both parsed, and a state's fields are checked each on its own: the stored jobs with the new own fields are a valid state.
        const version = storedVersion(loaded);
        const next: InstanceState = { ...stored.state, ...pickOwnFields(fresh.state), version: version + 1 };
        return { decision: { ok: true, state: next, created: false }, write: { expectedVersion: version, next } };
      },
    },
    options,
  );
}

/** The registration as a new state (no jobs, version 1), or `state.invalid` naming the field at fault. */
function parseRegistration(instance: unknown): { ok: true; state: InstanceState } | { ok: false; error: Violation } {
  try {
    if (typeof instance === "object" && instance !== null && !Array.isArray(instance)) {
      for (const kept of ["jobs", "version"]) {
        if (Object.hasOwn(instance, kept)) {
          return {
            ok: false,
            error: coreViolation(
              "state.invalid",
              `registerInstance takes the instance's own fields (${OWN_FIELDS.join(", ")}); ${kept} is kept by the store, so leave it out`,
              `state.${kept}`,
            ),
          };
        }
      }
      return parseInstanceState({ ...instance, jobs: [], version: 1 });
    }
  } catch {
    // A getter that throws or a revoked proxy: parsed below as what it is, not an object of fields.
  }
  return parseInstanceState(instance);
}

function pickOwnFields(state: InstanceState): InstanceRegistration {
  const { instanceId, engine, engineVersion, storageType, status, databases } = state;
  return { instanceId, engine, engineVersion, storageType, status, databases };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}
