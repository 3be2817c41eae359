import type { FastifyReply, FastifyRequest } from "fastify";
import { OUTCOME, outcomeOf, type Outcome } from "../answers";
import type { LineLevel } from "../log-lines";
import type { ServerMetrics } from "../metrics";
import { appWide } from "./app-wide";

/** What the request-outcome plugin counts into and writes to. */
export interface RequestOutcomeOptions {
  readonly metrics: ServerMetrics;
  /** Writes a request's line (`requestLines`); none when the server does not log. */
  readonly lines?: ((level: LineLevel, fields: Readonly<Record<string, unknown>>) => void) | undefined;
}

/**
 * The outcome of every request, once it is answered: one JSON log line (RequestId, action,
 * instance, rule, outcome, status, latency; at level `error` with the hidden detail for a 5xx) and
 * the metrics (latency by action and status, decisions by action, outcome and rule, store attempts).
 * Every answer carries its RequestId in `x-acs-request-id`.
 */
export const requestOutcome = appWide<RequestOutcomeOptions>("request-outcome", async (app, { metrics, lines }) => {
  app.decorateRequest(OUTCOME, null);
  // Plain callback hooks, not async ones: each async hook costs every request a promise and a turn of the microtask queue.
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-acs-request-id", request.id);
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    const outcome = outcomeOf(request);
    count(metrics, outcome, reply);
    if (lines !== undefined) logLine(lines, request, reply, outcome);
    done();
  });
});

function count(metrics: ServerMetrics, outcome: Outcome, reply: FastifyReply): void {
  metrics.latency.observe({ action: outcome.action, status: reply.statusCode }, reply.elapsedTime / 1000);
  if (outcome.result !== undefined)
    metrics.decisions.inc({ action: outcome.action, outcome: outcome.result, rule: outcome.rule ?? "none" });
  if (outcome.attempts !== undefined && outcome.attempts > 0) metrics.storeAttempts.observe({ action: outcome.action }, outcome.attempts);
}

/** The request's line, as the server's logger would write it (no child logger per request). */
function logLine(lines: NonNullable<RequestOutcomeOptions["lines"]>, request: FastifyRequest, reply: FastifyReply, outcome: Outcome): void {
  const status = reply.statusCode;
  const at = request.url.indexOf("?");
  lines(status >= 500 ? 50 : 30, {
    RequestId: request.id,
    action: outcome.actionName ?? outcome.action,
    instance: outcome.instance,
    rule: outcome.rule,
    outcome: outcome.result,
    status,
    latencyMs: Math.round(reply.elapsedTime * 1000) / 1000,
    method: request.method,
    path: at < 0 ? request.url : request.url.slice(0, at),
    detail: outcome.detail,
  });
}
