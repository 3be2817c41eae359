import { randomUUID } from "node:crypto";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { createBackup, parseInstanceState, RULES, toErrorResponse, type DecisionContext, type InstanceState, type Violation } from "../index";
import { advanceBackupJobIn, createBackupIn, registerInstance, storeUnavailable, type CommitOptions, type StateStore } from "../store/index";
import { backupTasks, parseDescribeBackupTasks } from "./describe-backup-tasks";
import { edgeError } from "./edge-errors";
import { serverMetrics, type MetricAction, type ServerMetrics } from "./metrics";
import { sameText, signatureVerifier, type ReceivedCall } from "./signature";

/** The largest body the server reads: 64 KiB. */
export const BODY_LIMIT = 64 * 1024;

/** How long a request may take to arrive in full (a client that trickles it is cut off, so it cannot hold a shutdown open). */
const REQUEST_TIMEOUT_MS = 30_000;

/** What a server is built from. */
export interface ServerOptions {
  /** Where the instance states live. */
  readonly store: StateStore;
  /** The decisions' clock; default: the system clock. */
  readonly now?: () => Date;
  /** The daily limit and its time zone, as `context.policy`. */
  readonly policy?: DecisionContext["policy"];
  /** The admin API's bearer token; without one the admin API is open (for loopback only). */
  readonly adminToken?: string;
  /** Access key id → secret; without them API calls are not authenticated (for loopback only). */
  readonly accessKeys?: ReadonlyMap<string, string>;
  /** Where the JSON log lines go (one per request); `false` for none; default: standard output. */
  readonly log?: false | { readonly write: (line: string) => void };
  /** The store layer's commit options (attempts, backoff). */
  readonly commit?: CommitOptions;
  /** Run once the server has closed (after the last request): close the store here. */
  readonly onClose?: () => Promise<void> | void;
}

/** What the server knows about a request by the time it answers: for its log line and its metrics. */
interface Outcome {
  action: MetricAction;
  /** The Action as sent (cut to 64 characters), for the log. */
  actionName?: string;
  instance?: string;
  rule?: string;
  result?: "accepted" | "replayed" | "refused";
  attempts?: number;
}

/** Every route, for telling an unknown path (404) from a method the path does not take (405). */
const ROUTES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^\/$/, ["GET", "POST"]],
  [/^\/healthz$/, ["GET"]],
  [/^\/metrics$/, ["GET"]],
  [/^\/admin\/instances\/[^/]+$/, ["GET", "PUT"]],
  [/^\/admin\/instances\/[^/]+\/jobs\/[^/]+$/, ["POST"]],
];

const ADMIN_FIELDS = ["engine", "engineVersion", "storageType", "status", "databases"] as const;
const SETTINGS_CHECK_TIME = "2026-01-01T00:00:00Z";
/** No state at all: enough to learn whether rule 1 refuses a context. */
const NO_STATE = undefined as unknown as InstanceState;

/**
 * Builds the RDS-shaped HTTP endpoint over a state store (Fastify, not yet listening): the RPC API
 * (`GET /?Action=…`, form-encoded `POST /`, or a POST with the action in `x-acs-action`) for
 * CreateBackup and DescribeBackupTasks, the admin API under `/admin`, `/healthz` and `/metrics`.
 * Every answer is JSON with a fresh upper-case UUID as RequestId (`/metrics` excepted), errors in
 * the Alibaba Cloud error body. A policy the rule set refuses is refused here, as a message.
 *
 * @example
 * ```ts
 * import { createServer } from "rds-backup-rules/server";
 * import { memoryStore } from "rds-backup-rules/store";
 *
 * const built = createServer({ store: memoryStore(), log: false });
 * if (!built.ok) throw new Error(built.message);
 * const answer = await built.server.inject({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-1" });
 * expect(answer.statusCode).toBe(404);
 * expect(answer.json()).toMatchObject({ Code: "InvalidDBInstanceId.NotFound" });
 * await built.server.close();
 * expect(createServer({ store: memoryStore(), log: false, policy: { timeZone: "Mars/Olympus" } }).ok).toBe(false);
 * ```
 */
export function createServer(options: ServerOptions): { ok: true; server: FastifyInstance } | { ok: false; message: string } {
  // Rule 1 (the context) comes first, so the rule set judges the policy whatever else it is given.
  const settings = createBackup(NO_STATE, undefined, { now: SETTINGS_CHECK_TIME, ...(options.policy === undefined ? {} : { policy: options.policy }) });
  if (!settings.ok && settings.error.rule === "context.invalid") return { ok: false, message: settings.error.message };
  return { ok: true, server: build(options, serverMetrics()) };
}

function build(options: ServerOptions, metrics: ServerMetrics): FastifyInstance {
  const { store, adminToken, commit } = options;
  const now = options.now ?? (() => new Date());
  const verifier = options.accessKeys === undefined ? undefined : signatureVerifier(options.accessKeys);
  const outcomes = new WeakMap<FastifyRequest, Outcome>();
  let closing = false;

  const app = Fastify({
    logger: options.log === false ? false : { level: "info", ...(options.log === undefined ? {} : { stream: options.log }) },
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "RequestId" }),
    genReqId: () => randomUUID().toUpperCase(),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT,
    exposeHeadRoutes: false, // a HEAD of GET /?Action=CreateBackup must not queue a backup
    requestTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: false,
    forceCloseConnections: "idle",
    frameworkErrors: (error, request, reply) => {
      outcomes.set(request, { action: "none", rule: "http.url-malformed", result: "refused" });
      sendError(request, reply, edgeError("http.url-malformed", `The request line cannot be read: ${error.message}`));
    },
  });

  const outcomeOf = (request: FastifyRequest): Outcome => {
    let outcome = outcomes.get(request);
    if (outcome === undefined) outcomes.set(request, (outcome = { action: "none" }));
    return outcome;
  };

  function sendError(request: FastifyRequest, reply: FastifyReply, violation: Violation<string>, status?: number): FastifyReply {
    const outcome = outcomeOf(request);
    outcome.rule = violation.rule;
    outcome.result = "refused";
    const response = toErrorResponse(violation, request.id);
    const known = RULES.some((rule) => rule.id === violation.rule);
    if (status === undefined && response.HttpStatus === 401) reply.header("www-authenticate", 'Bearer realm="rds-backup-rules admin"');
    return reply
      .header("x-acs-request-id", request.id)
      .code(status ?? response.HttpStatus)
      .send({
        RequestId: response.RequestId,
        HostId: hostIdOf(request),
        Code: response.Code,
        Message: response.Message,
        ...(known ? { Recommend: `rds-backup-rules explain ${violation.rule}` } : {}),
      });
  }

  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-acs-request-id", request.id);
    if (closing) {
      reply.header("connection", "close");
      return sendError(request, reply, edgeError("http.shutting-down", "The server is shutting down: send the call again, to another replica"));
    }
    return undefined;
  });
  app.addHook("onSend", async (_request, reply) => {
    // Once closing, every answer ends its connection, so a keep-alive client does not hold the close open.
    if (closing) reply.header("connection", "close");
  });
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onClose", async () => {
    await options.onClose?.();
  });
  app.addHook("onResponse", async (request, reply) => {
    const outcome = outcomeOf(request);
    const latency = reply.elapsedTime / 1000;
    metrics.latency.observe({ action: outcome.action, status: String(reply.statusCode) }, latency);
    if (outcome.result !== undefined) metrics.decisions.inc({ action: outcome.action, outcome: outcome.result, rule: outcome.rule ?? "none" });
    if (outcome.attempts !== undefined && outcome.attempts > 0) metrics.storeAttempts.observe({ action: outcome.action }, outcome.attempts);
    request.log.info(
      {
        action: outcome.actionName ?? outcome.action,
        instance: outcome.instance,
        rule: outcome.rule,
        outcome: outcome.result,
        status: reply.statusCode,
        latencyMs: Math.round(reply.elapsedTime * 1000) / 1000,
        method: request.method,
        path: request.url.split("?")[0],
      },
      "request",
    );
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status === 413) return sendError(request, reply, edgeError("http.body-too-large", `The body is larger than ${BODY_LIMIT} bytes`));
    if (status >= 400 && status < 500) return sendError(request, reply, edgeError("http.body-malformed", `The request cannot be read: ${firstLine(error.message)}`));
    request.log.error({ err: error }, "internal error");
    return sendError(request, reply, edgeError("http.internal-error", "The server failed to answer this call; it is logged under this RequestId"));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    const route = ROUTES.find(([pattern]) => pattern.test(path));
    if (route === undefined) return sendError(request, reply, edgeError("http.route-not-found", `There is no route ${path}: the API is at /, the admin API under /admin/instances/`));
    reply.header("allow", route[1].join(", "));
    return sendError(request, reply, edgeError("http.method-not-allowed", `${path} does not take ${request.method}: it takes ${route[1].join(", ")}`));
  });

  // The RPC API: the callers of RDS.
  const rpc = async (request: FastifyRequest, reply: FastifyReply) => {
    const outcome = outcomeOf(request);
    const call = receivedCall(request);
    let scheme: "V3" | "V1" | undefined;
    if (verifier !== undefined) {
      const check = verifier.verify(call, now());
      if (!check.ok) return sendError(request, reply, check.error);
      scheme = check.scheme;
    }
    const params = new URLSearchParams([...call.query, ...call.form].map(([name, value]): [string, string] => [name, value]));
    const headerAction = single(request.headers["x-acs-action"]);
    // A V1 signature covers the parameters only, so a V1 call names its Action there.
    if (!params.has("Action") && headerAction !== undefined && scheme !== "V1") params.set("Action", headerAction);
    const action = params.get("Action") ?? undefined;
    outcome.action = action === "CreateBackup" || action === "DescribeBackupTasks" ? action : action === undefined ? "none" : "other";
    if (action !== undefined) outcome.actionName = action.slice(0, 64);
    const instance = params.get("DBInstanceId");
    if (instance !== null) outcome.instance = instance.slice(0, 128);
    if (action === "DescribeBackupTasks") return describeBackupTasks(request, reply, params);
    return createBackupCall(request, reply, params);
  };

  async function createBackupCall(request: FastifyRequest, reply: FastifyReply, params: URLSearchParams) {
    const outcome = outcomeOf(request);
    const key = single(request.headers["idempotency-key"]);
    const at = now();
    const context = { now: at, requestId: request.id, ...(options.policy === undefined ? {} : { policy: options.policy }), ...(key === undefined ? {} : { idempotencyKey: key }) };
    if (key !== undefined) {
      // The rule set is the authority on what a key may be; a bad header is the caller's mistake (400), not the server's.
      const checked = createBackup(NO_STATE, undefined, context);
      if (!checked.ok && checked.error.rule === "context.invalid") {
        return sendError(request, reply, edgeError("http.header-invalid", `The Idempotency-Key header is refused: ${checked.error.message}`));
      }
    }
    const decision = await createBackupIn(store, params, context, commit);
    outcome.attempts = decision.attempts;
    if (!decision.ok) return sendError(request, reply, decision.error);
    outcome.result = "replayed" in decision && decision.replayed === true ? "replayed" : "accepted";
    return reply.send({ RequestId: request.id, BackupJobId: decision.response.BackupJobId });
  }

  async function describeBackupTasks(request: FastifyRequest, reply: FastifyReply, params: URLSearchParams) {
    const outcome = outcomeOf(request);
    const parsed = parseDescribeBackupTasks(params);
    if (!parsed.ok) return sendError(request, reply, parsed.error);
    const loaded = await loadState(parsed.query.instanceId, "DescribeBackupTasks");
    if (!loaded.ok) return sendError(request, reply, loaded.error);
    const state = parseInstanceState(loaded.state);
    if (!state.ok) return sendError(request, reply, state.error);
    outcome.result = "accepted";
    return reply.send({ RequestId: request.id, Items: { BackupJob: backupTasks(state.state, parsed.query) } });
  }

  async function loadState(instanceId: string, operation: string): Promise<{ ok: true; state: unknown } | { ok: false; error: Violation<string> }> {
    let loaded: unknown;
    try {
      loaded = await store.load(instanceId);
    } catch (error) {
      return { ok: false, error: storeUnavailable(operation, instanceId, "load", error) };
    }
    if (loaded === undefined) return { ok: false, error: notRegistered(instanceId) };
    return { ok: true, state: loaded };
  }

  app.get("/", rpc);
  app.post("/", rpc);

  // The admin API: the control plane and the backup worker.
  const adminGuard = async (request: FastifyRequest, reply: FastifyReply) => {
    if (adminToken === undefined) return undefined;
    const header = single(request.headers.authorization);
    const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
    if (match === null) return sendError(request, reply, edgeError("admin.token-missing", "The admin API needs Authorization: Bearer <token>"));
    if (!sameText(match[1]!, adminToken)) return sendError(request, reply, edgeError("admin.token-wrong", "The bearer token is not the admin token"));
    return undefined;
  };
  type InstanceRoute = { Params: { id: string } };
  type JobRoute = { Params: { id: string; jobId: string } };

  app.put<InstanceRoute>("/admin/instances/:id", { onRequest: [adminOutcome("admin:RegisterInstance"), adminGuard] }, async (request, reply) => {
    const outcome = outcomeOf(request);
    outcome.instance = request.params.id.slice(0, 128);
    const body = jsonObject(request.body, ADMIN_FIELDS);
    if (!body.ok) return sendError(request, reply, body.error);
    const decision = await registerInstance(store, { ...body.value, instanceId: request.params.id } as never, commit);
    outcome.attempts = decision.attempts;
    if (!decision.ok) {
      // The caller's own fields refused (nothing loaded yet) are the caller's mistake: 400, not the 500 of a damaged stored state.
      return sendError(request, reply, decision.error, decision.error.rule === "state.invalid" && decision.attempts === 0 ? 400 : undefined);
    }
    outcome.result = "accepted";
    return reply.send({ RequestId: request.id, Created: decision.created, State: decision.state });
  });

  app.get<InstanceRoute>("/admin/instances/:id", { onRequest: [adminOutcome("admin:GetInstance"), adminGuard] }, async (request, reply) => {
    const outcome = outcomeOf(request);
    outcome.instance = request.params.id.slice(0, 128);
    const loaded = await loadState(request.params.id, "GetInstance");
    if (!loaded.ok) return sendError(request, reply, loaded.error);
    outcome.result = "accepted";
    return reply.send({ RequestId: request.id, State: loaded.state });
  });

  app.post<JobRoute>("/admin/instances/:id/jobs/:jobId", { onRequest: [adminOutcome("admin:AdvanceBackupJob"), adminGuard] }, async (request, reply) => {
    const outcome = outcomeOf(request);
    outcome.instance = request.params.id.slice(0, 128);
    const body = jsonObject(request.body, ["status"]);
    if (!body.ok) return sendError(request, reply, body.error);
    const { status } = body.value;
    if (typeof status !== "string") return sendError(request, reply, edgeError("http.body-malformed", 'The body needs "status", a job status as a string, like {"status":"Finished"}'));
    const context = { now: now(), requestId: request.id, ...(options.policy === undefined ? {} : { policy: options.policy }) };
    const decision = await advanceBackupJobIn(store, request.params.id, { jobId: request.params.jobId, status }, context, commit);
    outcome.attempts = decision.attempts;
    if (!decision.ok) return sendError(request, reply, decision.error);
    outcome.result = "accepted";
    return reply.send({ RequestId: request.id, Job: decision.job });
  });

  function adminOutcome(action: MetricAction) {
    return async (request: FastifyRequest) => {
      outcomeOf(request).action = action;
    };
  }

  app.get("/healthz", async (request, reply) => {
    outcomeOf(request).action = "healthz";
    return reply.send({ RequestId: request.id, Status: "ok" });
  });

  app.get("/metrics", async (request, reply) => {
    outcomeOf(request).action = "metrics";
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  return app;
}

/** The instance-id.not-found violation, for an instance the store has no state of. */
function notRegistered(instanceId: string): Violation<string> {
  const { code, httpStatus } = RULES.find((rule) => rule.id === "instance-id.not-found")!;
  return { rule: "instance-id.not-found", code, httpStatus, message: `No instance ${JSON.stringify(instanceId)} is registered with this server` };
}

function receivedCall(request: FastifyRequest): ReceivedCall {
  const at = request.url.indexOf("?");
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const contentType = single(request.headers["content-type"]) ?? "";
  const isForm = request.method === "POST" && /^application\/x-www-form-urlencoded\b/i.test(contentType);
  return {
    method: request.method,
    path: at < 0 ? request.url : request.url.slice(0, at),
    query: at < 0 ? [] : [...new URLSearchParams(request.url.slice(at + 1))],
    form: isForm ? [...new URLSearchParams(body.toString("utf8"))] : [],
    headers: request.headers,
    body,
  };
}

/** The body as a JSON object with only the given fields (all optional here: the store layer parses them). */
function jsonObject<const F extends string>(body: unknown, fields: readonly F[]): { ok: true; value: Partial<Record<F, unknown>> } | { ok: false; error: Violation<string> } {
  const text = Buffer.isBuffer(body) ? body.toString("utf8") : "";
  if (text.trim() === "") return { ok: false, error: edgeError("http.body-malformed", `The body must be a JSON object with ${fields.join(", ")}`) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: edgeError("http.body-malformed", `The body is not JSON: ${firstLine(error instanceof Error ? error.message : String(error))}`) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, error: edgeError("http.body-malformed", `The body must be a JSON object with ${fields.join(", ")}`) };
  }
  const unknown = Object.keys(value).filter((key) => !(fields as readonly string[]).includes(key));
  if (unknown.length > 0) {
    return { ok: false, error: edgeError("http.body-malformed", `The body has ${JSON.stringify(unknown[0])}, which is not one of ${fields.join(", ")}`) };
  }
  return { ok: true, value: value as Partial<Record<F, unknown>> };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hostIdOf(request: FastifyRequest): string {
  const host = single(request.headers.host);
  return host === undefined || host === "" ? "localhost" : host.slice(0, 255);
}

function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0] ?? "";
}
