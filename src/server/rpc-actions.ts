import type { FastifyReply, FastifyRequest } from "fastify";
import { toHttpResponse, type DecisionContext } from "../index";
import { createBackupIn, loadInstanceState, type CommitOptions, type StateStore } from "../store/index";
import { headerValue, outcomeOf, refuse } from "./answers";
import { backupTasks, parseDescribeBackupTasks } from "./describe-backup-tasks";
import { keyedCall } from "./idempotency-key";

/** What the RPC actions decide with. */
export interface RpcOptions {
  readonly store: StateStore;
  readonly now: () => Date;
  readonly policy?: DecisionContext["policy"] | undefined;
  readonly commit?: CommitOptions | undefined;
}

/**
 * CreateBackup through the store: the `ClientToken` parameter or the `Idempotency-Key` header
 * becomes `context.idempotencyKey` (`keyedCall`: a refused key is the caller's mistake, 400,
 * answered before the store is read; the rules never see `ClientToken`), and the decision is
 * answered as the core's `toHttpResponse` gives it. Answers through `reply` and resolves nothing
 * (resolving with the reply, a thenable, would cost every request another turn).
 */
export async function createBackupCall(
  request: FastifyRequest,
  reply: FastifyReply,
  params: URLSearchParams,
  options: RpcOptions,
): Promise<void> {
  const outcome = outcomeOf(request);
  const keyed = keyedCall(params, headerValue(request, "idempotency-key"), {
    now: options.now(),
    requestId: request.id,
    policy: options.policy,
  });
  if (!keyed.ok) return void refuse(request, reply, keyed.error);
  const decision = await createBackupIn(options.store, keyed.params, keyed.context, options.commit);
  outcome.attempts = decision.attempts;
  if (!decision.ok) return void refuse(request, reply, decision.error);
  outcome.result = "replayed" in decision && decision.replayed === true ? "replayed" : "accepted";
  const { status, body } = toHttpResponse(decision, request.id);
  reply.code(status).send(body);
}

/** DescribeBackupTasks: the instance's kept jobs, newest first, filtered as asked. */
export async function describeBackupTasksCall(
  request: FastifyRequest,
  reply: FastifyReply,
  params: URLSearchParams,
  options: RpcOptions,
): Promise<void> {
  const parsed = parseDescribeBackupTasks(params);
  if (!parsed.ok) return void refuse(request, reply, parsed.error);
  const loaded = await loadInstanceState(options.store, parsed.query.instanceId, "DescribeBackupTasks");
  if (!loaded.ok) return void refuse(request, reply, loaded.error);
  outcomeOf(request).result = "accepted";
  reply.send({ RequestId: request.id, Items: { BackupJob: backupTasks(loaded.state, parsed.query) } });
}
