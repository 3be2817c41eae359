import type { FastifyReply, FastifyRequest } from "fastify";
import { createBackup, parseInstanceState, toHttpResponse, type DecisionContext, type InstanceState } from "../index";
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

/** No state at all: enough to learn whether rule 1 refuses a context. */
const NO_STATE = undefined as unknown as InstanceState;

/**
 * CreateBackup through the store: the `Idempotency-Key` header becomes `context.idempotencyKey`
 * (a key the rule set refuses is the caller's mistake, 400, answered before the store is read),
 * and the decision is answered as the core's `toHttpResponse` gives it.
 */
export async function createBackupCall(request: FastifyRequest, reply: FastifyReply, params: URLSearchParams, options: RpcOptions): Promise<FastifyReply> {
  const outcome = outcomeOf(request);
  const key = headerValue(request, "idempotency-key");
  const context = {
    now: options.now(),
    requestId: request.id,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    ...(key === undefined ? {} : { idempotencyKey: key }),
  };
  if (key !== undefined) {
    const checked = createBackup(NO_STATE, undefined, context);
    if (!checked.ok && checked.error.rule === "context.invalid") {
      return refuse(request, reply, edgeError("http.header-invalid", `The Idempotency-Key header is refused: ${checked.error.message}`));
    }
  }
  const decision = await createBackupIn(options.store, params, context, options.commit);
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
