import type { Violation } from "../../index";
import { storeUnavailable, type StateStore } from "../../store/index";
import { outcomeOf, refuse } from "../answers";
import { encapsulated } from "./app-wide";

/** How long readiness waits for the store's answer. */
export const READY_WITHIN_MS = 1000;

/** The instance id readiness loads when the store has no check of its own: any answer, a state or none, is a store that answers. */
export const READINESS_PROBE_ID = "rds-backup-rules-readiness-probe";

/** What readiness asks. */
export interface HealthRoutesOptions {
  readonly store: StateStore;
  /** A trivial call to the store (`SELECT 1`); default: a `load` of the probe id. */
  readonly ready?: (() => Promise<unknown>) | undefined;
}

/**
 * Liveness and readiness: `GET /healthz` answers while the process serves HTTP, whatever the store
 * does; `GET /readyz` answers 200 when the store answers a trivial call within 1 s, else 503
 * `store.unavailable` (its cause in the log, not in the answer).
 */
export const healthRoutes = encapsulated<HealthRoutesOptions>("health-routes", async (app, options) => {
  const probe = options.ready ?? (() => options.store.load(READINESS_PROBE_ID));
  app.get("/healthz", async (request, reply) => {
    outcomeOf(request).action = "healthz";
    return reply.send({ RequestId: request.id, Status: "ok" });
  });
  app.get("/readyz", async (request, reply) => {
    outcomeOf(request).action = "readyz";
    const failure = await unanswered(probe, READY_WITHIN_MS);
    if (failure !== undefined) return refuse(request, reply, failure);
    return reply.send({ RequestId: request.id, Status: "ready" });
  });
});

/** `store.unavailable` when the call rejects or does not settle within `withinMs`; undefined when it answers. */
async function unanswered(call: () => Promise<unknown>, withinMs: number): Promise<Violation<string> | undefined> {
  const LATE = Symbol("late");
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), withinMs);
  });
  try {
    const answered = await Promise.race([Promise.resolve().then(call), late]);
    if (answered === LATE) return storeUnavailable("readiness", READINESS_PROBE_ID, "load", new Error(`no answer within ${withinMs} ms`));
    return undefined;
  } catch (error) {
    return storeUnavailable("readiness", READINESS_PROBE_ID, "load", error);
  } finally {
    clearTimeout(timer);
  }
}
