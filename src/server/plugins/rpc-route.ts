import type { FastifyReply, FastifyRequest } from "fastify";
import { headerValue, outcomeOf, refuse } from "../answers";
import type { MetricAction } from "../metrics";
import { createBackupCall, describeBackupTasksCall, type RpcOptions } from "../rpc-actions";
import type { ReceivedCall, SignatureVerifier } from "../signature";
import { encapsulated } from "./app-wide";
import { rawBody } from "./raw-body";

/** What the RPC route is built from: the actions' store, clock and policy, and the signature check when calls must be signed. */
export interface RpcRouteOptions extends RpcOptions {
  readonly verifier?: SignatureVerifier | undefined;
}

/** A call as received, and the signature scheme that signed it (when calls are signed). */
interface RpcCall {
  readonly received: ReceivedCall;
  scheme?: "V3" | "V1";
}

const calls = new WeakMap<FastifyRequest, RpcCall>();

/**
 * The RPC API, the callers of RDS: `GET /?Action=…`, a form-encoded `POST /`, or a POST with the
 * action in `x-acs-action`. The body is kept as bytes; with access keys, the signature is checked
 * before anything else reads the call; then the action is dispatched: DescribeBackupTasks, or
 * CreateBackup, whose rules answer any other action (`action.unsupported`).
 */
export const rpcRoute = encapsulated<RpcRouteOptions>("rpc-route", async (app, options) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, rawBody);
  const { verifier } = options;
  if (verifier !== undefined) {
    app.addHook("preHandler", async (request, reply) => {
      const call: RpcCall = { received: receivedCall(request) };
      calls.set(request, call);
      const check = await verifier.verify(call.received, options.now());
      if (!check.ok) return refuse(request, reply, check.error);
      call.scheme = check.scheme;
      return undefined;
    });
  }
  const dispatch = (request: FastifyRequest, reply: FastifyReply) => {
    // Without access keys no hook read the call: its parameters are read here, once, and nothing else is.
    const call = calls.get(request);
    const params =
      call === undefined ? parametersOf(request, searchParams(request.url), formOf(request), undefined) : signedParameters(request, call);
    const action = params.getAll("Action").length === 1 ? params.get("Action")! : undefined;
    noteCall(request, params);
    if (action === "DescribeBackupTasks") return describeBackupTasksCall(request, reply, params, options);
    return createBackupCall(request, reply, params, options);
  };
  app.get("/", dispatch);
  app.post("/", dispatch);
});

/** The parameters the rules see: the query's (`query`, added to), then a form body's; the action from `x-acs-action` when none is a parameter (a V1 signature covers the parameters only, so a V1 call names its Action there). */
function parametersOf(
  request: FastifyRequest,
  query: URLSearchParams,
  form: Iterable<readonly [string, string]>,
  scheme: RpcCall["scheme"],
): URLSearchParams {
  for (const [name, value] of form) query.append(name, value);
  const headerAction = headerValue(request, "x-acs-action");
  if (!query.has("Action") && headerAction !== undefined && scheme !== "V1") query.set("Action", headerAction);
  return query;
}

/** The parameters of a call as its signature was checked on. */
function signedParameters(request: FastifyRequest, call: RpcCall): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of call.received.query) query.append(name, value);
  return parametersOf(request, query, call.received.form, call.scheme);
}

/** The query string's parameters, in order. */
function searchParams(url: string): URLSearchParams {
  const at = url.indexOf("?");
  return new URLSearchParams(at < 0 ? "" : url.slice(at + 1));
}

/** A form-encoded POST body's parameters, in order; none for any other request. */
function formOf(request: FastifyRequest): Iterable<readonly [string, string]> {
  const contentType = headerValue(request, "content-type") ?? "";
  const isForm = request.method === "POST" && /^application\/x-www-form-urlencoded\b/i.test(contentType);
  return isForm && Buffer.isBuffer(request.body) ? new URLSearchParams(request.body.toString("utf8")) : [];
}

/** The action and instance, for the log line and the metrics. */
function noteCall(request: FastifyRequest, params: URLSearchParams): void {
  const outcome = outcomeOf(request);
  const action = params.get("Action") ?? undefined;
  outcome.action = actionLabel(action);
  if (action !== undefined) outcome.actionName = action.slice(0, 64);
  const instance = params.get("DBInstanceId");
  if (instance !== null) outcome.instance = instance.slice(0, 128);
}

function actionLabel(action: string | undefined): MetricAction {
  return action === "CreateBackup" || action === "DescribeBackupTasks" ? action : action === undefined ? "none" : "other";
}

function receivedCall(request: FastifyRequest): ReceivedCall {
  const at = request.url.indexOf("?");
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return {
    method: request.method,
    path: at < 0 ? request.url : request.url.slice(0, at),
    query: [...searchParams(request.url)],
    form: [...formOf(request)],
    headers: request.headers,
    body,
  };
}
