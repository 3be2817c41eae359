import type { FastifyReply, FastifyRequest } from "fastify";
import type { DecisionContext } from "../../index";
import { advanceBackupJobIn, registerInstance, type CommitOptions, type StateStore } from "../../store/index";
import { adminBodyErrors, JOB_UPDATE_BODY, REGISTRATION_BODY, REGISTRATION_FIELDS } from "../admin-bodies";
import { headerValue, outcomeOf, refuse, withStatus } from "../answers";
import { edgeError } from "../edge-errors";
import { loadState } from "../load-state";
import type { MetricAction } from "../metrics";
import { sameText } from "../signature";
import { encapsulated } from "./app-wide";

/** What the admin API works on. */
export interface AdminRoutesOptions {
  readonly store: StateStore;
  readonly now: () => Date;
  readonly policy?: DecisionContext["policy"] | undefined;
  readonly commit?: CommitOptions | undefined;
  /** The bearer token; without one the admin API is open (for loopback only). */
  readonly adminToken?: string | undefined;
}

type InstanceRoute = { Params: { id: string } };
type RegistrationRoute = InstanceRoute & { Body: Partial<Record<(typeof REGISTRATION_FIELDS)[number], unknown>> };
type JobRoute = { Params: { id: string; jobId: string }; Body: { status: string } };

/**
 * The admin API, for the control plane and the backup worker: register an instance (PUT), read
 * its state (GET), advance a job (POST). The bearer token is checked on arrival, before the body
 * is read; bodies are `application/json` only (any other type is 415), checked against their route's schema.
 */
export const adminRoutes = encapsulated<AdminRoutesOptions>("admin-routes", async (app, options) => {
  const { store, commit } = options;
  app.removeAllContentTypeParsers();
  // JSON only: a browser cannot send it to another site without asking first (a text/plain or form POST it can).
  app.addContentTypeParser("application/json", { parseAs: "string" }, app.getDefaultJsonParser("error", "error"));
  const guard = bearerGuard(options.adminToken);

  const registration = {
    schema: { body: REGISTRATION_BODY },
    schemaErrorFormatter: adminBodyErrors(REGISTRATION_FIELDS, '{"engine":"MySQL","databases":["orders"],…}'),
  };
  app.put<RegistrationRoute>(
    "/admin/instances/:id",
    { ...registration, onRequest: [named("admin:RegisterInstance"), guard] },
    async (request, reply) => {
      const outcome = outcomeOf(request);
      const decision = await registerInstance(store, { ...request.body, instanceId: request.params.id } as never, commit);
      outcome.attempts = decision.attempts;
      if (!decision.ok) {
        // The caller's own fields refused (nothing loaded yet) are the caller's mistake: 400, not the 500 of a damaged stored state.
        return refuse(
          request,
          reply,
          decision.error.rule === "state.invalid" && decision.attempts === 0 ? withStatus(decision.error, 400) : decision.error,
        );
      }
      outcome.result = "accepted";
      return reply.send({ RequestId: request.id, Created: decision.created, State: decision.state });
    },
  );

  app.get<InstanceRoute>("/admin/instances/:id", { onRequest: [named("admin:GetInstance"), guard] }, async (request, reply) => {
    const loaded = await loadState(store, request.params.id, "GetInstance");
    if (!loaded.ok) return refuse(request, reply, loaded.error);
    outcomeOf(request).result = "accepted";
    return reply.send({ RequestId: request.id, State: loaded.state });
  });

  const jobUpdate = { schema: { body: JOB_UPDATE_BODY }, schemaErrorFormatter: adminBodyErrors(["status"], '{"status":"Finished"}') };
  app.post<JobRoute>(
    "/admin/instances/:id/jobs/:jobId",
    { ...jobUpdate, onRequest: [named("admin:AdvanceBackupJob"), guard] },
    async (request, reply) => {
      const outcome = outcomeOf(request);
      const context = { now: options.now(), requestId: request.id, ...(options.policy === undefined ? {} : { policy: options.policy }) };
      const decision = await advanceBackupJobIn(
        store,
        request.params.id,
        { jobId: request.params.jobId, status: request.body.status },
        context,
        commit,
      );
      outcome.attempts = decision.attempts;
      if (!decision.ok) return refuse(request, reply, decision.error);
      outcome.result = "accepted";
      return reply.send({ RequestId: request.id, Job: decision.job });
    },
  );
});

/** Names the admin action of a route and notes its instance, on arrival (so a refused token is counted under it). */
function named(action: MetricAction) {
  return async (request: FastifyRequest<InstanceRoute>) => {
    const outcome = outcomeOf(request);
    outcome.action = action;
    outcome.instance = request.params.id.slice(0, 128);
  };
}

/** `Authorization: Bearer <token>`, compared in constant time: missing → 401, wrong → 403; no token configured → open. */
function bearerGuard(adminToken: string | undefined) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (adminToken === undefined) return undefined;
    const header = headerValue(request, "authorization");
    const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
    if (match === null)
      return refuse(request, reply, edgeError("admin.token-missing", "The admin API needs Authorization: Bearer <token>"));
    if (!sameText(match[1]!, adminToken))
      return refuse(request, reply, edgeError("admin.token-wrong", "The bearer token is not the admin token"));
    return undefined;
  };
}
