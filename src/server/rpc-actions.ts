import type { FastifyReply, FastifyRequest } from "fastify";
import { parseDecisionContext, parseInstanceState, toHttpResponse, type DecisionContext } from "../index";
import { createBackupIn, type CommitOptions, type StateStore } from "../store/index";
import { headerValue, outcomeOf, refuse } from "./answers";
import { backupTasks, parseDescribeBackupTasks } from "./describe-backup-tasks";
import { edgeError } from "./edge-errors";
import { loadState } from "./load-state";

/** What the RPC actions decide with. */
export interface RpcOptions {
  readonly store: StateStore;
  readonly now: () => Date;
  readonly policy?: DecisionContext["policy"] | undefined;
  readonly commit?: CommitOptions | undefined;
}

/**
 * CreateBackup through the store: the `Idempotency-Key` header becomes `context.idempotencyKey`
 * (a key the rule set refuses is the caller's mistake, 400, answered before the store is read),
 * and the decision is answered as the core's `toHttpResponse` gives it.
 */
export async function createBackupCall(request: FastifyRequest, reply: FastifyReply, params: URLSearchParams, options: RpcOptions): Promise<FastifyReply> {
  const outcome = outcomeOf(request);
  const key = headerValue(request, "idempotency-key");
  const parsed = parseDecisionContext({
    now: options.now(),
    requestId: request.id,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    ...(key === undefined ? {} : { idempotencyKey: key }),
  });
  if (!parsed.ok) {
    // A refused key is the caller's mistake (400); any other part of the context is the server's (500).
    const byKey = "parameter" in parsed.error && parsed.error.parameter === "context.idempotencyKey";
    return refuse(request, reply, byKey ? edgeError("http.header-invalid", `The Idempotency-Key header is refused: ${parsed.error.message}`) : parsed.error);
  }
  const decision = await createBackupIn(options.store, params, parsed.context, options.commit);
  outcome.attempts = decision.attempts;
  if (!decision.ok) return refuse(request, reply, decision.error);
  outcome.result = "replayed" in decision && decision.replayed === true ? "replayed" : "accepted";
  const { status, body } = toHttpResponse(decision, request.id);
  return reply.code(status).send(body);
}

/** DescribeBackupTasks: the instance's kept jobs, newest first, filtered as asked. */
export async function describeBackupTasksCall(request: FastifyRequest, reply: FastifyReply, params: URLSearchParams, options: RpcOptions): Promise<FastifyReply> {
  const parsed = parseDescribeBackupTasks(params);
  if (!parsed.ok) return refuse(request, reply, parsed.error);
  const loaded = await loadState(options.store, parsed.query.instanceId, "DescribeBackupTasks");
  if (!loaded.ok) return refuse(request, reply, loaded.error);
  const state = parseInstanceState(loaded.state);
  if (!state.ok) return refuse(request, reply, state.error);
  outcomeOf(request).result = "accepted";
  return reply.send({ RequestId: request.id, Items: { BackupJob: backupTasks(state.state, parsed.query) } });
}
