import type { FastifyReply, FastifyRequest } from "fastify";
import { RULES, toHttpResponse, type ErrorBody, type Violation } from "../index";
import type { MetricAction } from "./metrics";

/** What the server knows about a request by the time it answers: for its log line and its metrics. */
export interface Outcome {
  action: MetricAction;
  /** The Action as sent (cut to 64 characters), for the log. */
  actionName?: string;
  instance?: string;
  rule?: string;
  result?: "accepted" | "replayed" | "refused";
  attempts?: number;
  /** The full message of a refusal whose answer hid it (a 5xx): for the log only. */
  detail?: string;
}

/** Every field present from the start (one object shape for every request). */
class RequestOutcome implements Outcome {
  action: MetricAction = "none";
  actionName?: string;
  instance?: string;
  rule?: string;
  result?: "accepted" | "replayed" | "refused";
  attempts?: number;
  detail?: string;
}

/** Where a request keeps its outcome: a property Fastify's request objects are declared with (`decorateRequest` in request-outcome). */
export const OUTCOME: unique symbol = Symbol("rds-backup-rules.outcome");

/** The outcome of a request, made on first use (action `none`). */
export function outcomeOf(request: FastifyRequest): Outcome {
  const holder = request as FastifyRequest & { [OUTCOME]?: Outcome | null };
  return (holder[OUTCOME] ??= new RequestOutcome());
}

/** The ids of the catalog's rules, whose refusals name `rds-backup-rules explain <id>`. */
const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.id));

/**
 * Answers a refusal with the Alibaba Cloud error body (`toHttpResponse` of the core, plus `HostId`
 * and, for a rule of the catalog, `Recommend`). A 5xx answer carries the code, a generic message
 * and the RequestId only; its full message goes to the request's log line.
 */
export function refuse(request: FastifyRequest, reply: FastifyReply, violation: Violation<string>): FastifyReply {
  const outcome = outcomeOf(request);
  outcome.rule = violation.rule;
  outcome.result = "refused";
  const answer = toHttpResponse({ ok: false, error: violation }, request.id, { hideInternalDetails: true });
  const { status } = answer;
  const body = answer.body as ErrorBody; // a refusal's answer is always the error body
  if (status >= 500) outcome.detail = violation.message;
  if (status === 401) reply.header("www-authenticate", 'Bearer realm="rds-backup-rules admin"');
  const known = RULE_IDS.has(violation.rule);
  return reply
    .header("x-acs-request-id", request.id)
    .code(status)
    .send({
      RequestId: body.RequestId,
      HostId: hostIdOf(request),
      Code: body.Code,
      Message: body.Message,
      ...(known ? { Recommend: `rds-backup-rules explain ${violation.rule}` } : {}),
    });
}

/** The same violation answered with another HTTP status (the caller's own fields refused: 400, not the 500 of a damaged stored state). */
export function withStatus<V extends Violation<string>>(violation: V, httpStatus: number): V {
  return { ...violation, httpStatus };
}

/**
 * A request header's value. Every header the server reads comes at most once: a repeat is refused
 * before any route (`http.header-repeated`), so what is read here is the only value sent.
 */
export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The host the caller addressed, for `HostId` (`localhost` when it named none). */
export function hostIdOf(request: FastifyRequest): string {
  const host = headerValue(request, "host");
  return host === undefined || host === "" ? "localhost" : host.slice(0, 255);
}

/** The first line of a message (framework errors may span several). */
export function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0] ?? "";
}
