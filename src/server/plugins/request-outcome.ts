import type { FastifyReply, FastifyRequest } from "fastify";
import { outcomeOf } from "../answers";
import type { ServerMetrics } from "../metrics";
import { appWide } from "./app-wide";

/** What the request-outcome plugin counts into. */
export interface RequestOutcomeOptions {
  readonly metrics: ServerMetrics;
}

/**
 * The outcome of every request, once it is answered: one JSON log line (RequestId, action,
 * instance, rule, outcome, status, latency; at level `error` with the hidden detail for a 5xx) and
 * the metrics (latency by action and status, decisions by action, outcome and rule, store attempts).
 * Every answer carries its RequestId in `x-acs-request-id`.
 */
export const requestOutcome = appWide<RequestOutcomeOptions>("request-outcome", async (app, { metrics }) => {
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-acs-request-id", request.id);
  });
  app.addHook("onResponse", async (request, reply) => {
    count(metrics, request, reply);
    logLine(request, reply);
  });
});

function count(metrics: ServerMetrics, request: FastifyRequest, reply: FastifyReply): void {
  const outcome = outcomeOf(request);
  metrics.latency.observe({ action: outcome.action, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  if (outcome.result !== undefined) metrics.decisions.inc({ action: outcome.action, outcome: outcome.result, rule: outcome.rule ?? "none" });
  if (outcome.attempts !== undefined && outcome.attempts > 0) metrics.storeAttempts.observe({ action: outcome.action }, outcome.attempts);
}

function logLine(request: FastifyRequest, reply: FastifyReply): void {
  const outcome = outcomeOf(request);
  const line = {
    action: outcome.actionName ?? outcome.action,
    instance: outcome.instance,
    rule: outcome.rule,
    outcome: outcome.result,
    status: reply.statusCode,
    latencyMs: Math.round(reply.elapsedTime * 1000) / 1000,
    method: request.method,
    path: request.url.split("?")[0],
    ...(outcome.detail === undefined ? {} : { detail: outcome.detail }),
  };
  if (reply.statusCode >= 500) request.log.error(line, "request");
  else request.log.info(line, "request");
}
