import { randomUUID } from "node:crypto";
import Fastify, { LogController, type FastifyHttpOptions, type FastifyInstance } from "fastify";
import type { Server } from "node:http";
import { parseDecisionContext, type DecisionContext } from "../index";
import type { CommitOptions, NonceStore, StateStore } from "../store/index";
import { clientErrorHandler } from "./client-errors";
import { serverMetrics } from "./metrics";
import { adminRoutes } from "./plugins/admin-routes";
import { browserProtections } from "./plugins/browser-protections";
import { BODY_LIMIT, errorHandling, frameworkErrors } from "./plugins/error-handling";
import { healthRoutes } from "./plugins/health-routes";
import { metricsRoute } from "./plugins/metrics-route";
import { playgroundRoute } from "./plugins/playground-route";
import { repeatedHeaders } from "./plugins/repeated-headers";
import { requestOutcome } from "./plugins/request-outcome";
import { rpcRoute } from "./plugins/rpc-route";
import { shutdown } from "./plugins/shutdown";
import { batchedLines, requestLines, type BatchedDestination, type LogDestination } from "./log-lines";
import { lazyChildLogger } from "./request-logger";
import { signatureVerifier } from "./signature";

export { BODY_LIMIT };

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
  /** Where the nonces of signed calls are remembered (`OpenedStore.nonces`: PostgreSQL, shared by replicas); default: a bounded memory of this process. */
  readonly nonces?: NonceStore;
  /**
   * Where the JSON log lines go (one per request); `false` for none; default: standard output, a
   * batch of lines per write (a line waits at most 10 ms). With `batched: true`, `write` too gets
   * the lines of a batch together (each ending in a newline); without it, one line per call, at once.
   */
  readonly log?: false | { readonly write: (line: string) => void; readonly batched?: boolean };
  /** The store layer's commit options (attempts, backoff). */
  readonly commit?: CommitOptions;
  /** Run once the server has closed (after the last request): close the store here. */
  readonly onClose?: () => Promise<unknown> | void;
  /** A trivial call to the store for `GET /readyz` (an `OpenedStore`'s `ping`); default: a `load` of a probe id. */
  readonly ready?: () => Promise<unknown>;
  /** Host names a caller may send as `Host` besides loopback and the address it reached (a proxy's name, the server's DNS name). */
  readonly allowedHosts?: readonly string[];
  /** The built playground (`dist/playground/`), served at `GET /playground/`; without it there is no such route. */
  readonly playgroundFolder?: string;
}

const SETTINGS_CHECK_TIME = "2026-01-01T00:00:00Z";

/**
 * Builds the RDS-shaped HTTP endpoint over a state store (Fastify, not yet listening): the RPC API
 * (`GET /?Action=…`, form-encoded `POST /`, or a POST with the action in `x-acs-action`) for
 * CreateBackup and DescribeBackupTasks, the admin API under `/admin`, `/healthz`, `/readyz` and
 * `/metrics`. Every answer is JSON with a fresh upper-case UUID as RequestId (`/metrics` excepted),
 * errors in the Alibaba Cloud error body (a 5xx without its internal detail, which is logged).
 * Requests from a browser page of another site, or naming a foreign Host, are refused before any
 * rule. A policy the rule set refuses is refused here, as a message.
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
  // The rule set is the authority on a policy (rule 1): one it refuses is refused here, before any request.
  const settings = parseDecisionContext({ now: SETTINGS_CHECK_TIME, ...(options.policy === undefined ? {} : { policy: options.policy }) });
  if (!settings.ok) return { ok: false, message: settings.error.message };
  return { ok: true, server: buildApp(options) };
}

/** The app, plugin by plugin: the shared handling first (its hooks apply to every route after it), then the routes. */
function buildApp(options: ServerOptions): FastifyInstance {
  const destination = logDestination(options.log);
  const app = Fastify(fastifyOptions(options, destination));
  const metrics = serverMetrics();
  const decide = { store: options.store, now: options.now ?? (() => new Date()), policy: options.policy, commit: options.commit };
  if (destination !== undefined && "end" in destination) endWithServer(app, destination);
  void app.register(requestOutcome, { metrics, lines: destination === undefined ? undefined : requestLines(app.log, destination) });
  void app.register(errorHandling);
  void app.register(shutdown, { onClose: options.onClose });
  void app.register(repeatedHeaders);
  void app.register(browserProtections, { allowedHosts: options.allowedHosts });
  void app.register(rpcRoute, {
    ...decide,
    verifier:
      options.accessKeys === undefined
        ? undefined
        : signatureVerifier(options.accessKeys, options.nonces === undefined ? {} : { nonces: options.nonces }),
  });
  void app.register(adminRoutes, { ...decide, adminToken: options.adminToken });
  void app.register(healthRoutes, { store: options.store, ready: options.ready });
  void app.register(metricsRoute, { metrics });
  if (options.playgroundFolder !== undefined) void app.register(playgroundRoute, { folder: options.playgroundFolder });
  return app;
}

/** Where the log goes: nowhere, standard output (batched), or the given writer (batched when asked). */
function logDestination(log: ServerOptions["log"]): LogDestination | BatchedDestination | undefined {
  if (log === false) return undefined;
  if (log === undefined) return batchedLines((text) => process.stdout.write(text));
  return log.batched === true ? batchedLines((text) => log.write(text)) : log;
}

/** Lines still waiting are written when the process exits, and once the server has closed every later line is written at once. */
function endWithServer(app: FastifyInstance, destination: BatchedDestination): void {
  const onExit = () => destination.flush();
  process.on("exit", onExit);
  app.addHook("onClose", (_instance, done) => {
    process.off("exit", onExit);
    destination.end();
    done();
  });
}

function fastifyOptions(options: ServerOptions, destination: LogDestination | undefined): FastifyHttpOptions<Server> {
  return {
    logger: destination === undefined ? false : { level: "info", stream: destination },
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "RequestId" }),
    // A request's own logger is made only if something logs through it (its outcome line does not).
    childLoggerFactory: lazyChildLogger,
    genReqId: () => randomUUID().toUpperCase(),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT,
    exposeHeadRoutes: false, // a HEAD of GET /?Action=CreateBackup must not queue a backup
    requestTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: false,
    forceCloseConnections: "idle",
    frameworkErrors,
    clientErrorHandler,
    // A request without Host reaches the browser protections, which answer it with the error body (Node.js would answer an empty 400).
    http: { requireHostHeader: false },
    // Bodies are checked as sent: no field dropped, no value converted to the schema's type.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  };
}
