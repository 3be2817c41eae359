import type { FastifyInstance, FastifyReply, onRequestHookHandler, onResponseHookHandler } from "fastify";
import { refuse } from "./answers";
import { edgeError } from "./edge-errors";

/** The requests a server has taken and not yet answered, and a way to answer them all at once. */
export interface InFlightRequests {
  /** How many requests are taken and not yet answered. */
  readonly count: () => number;
  /**
   * Answers every request not yet answered 503 `http.shutting-down` (its connection then ends),
   * and returns how many there were. What their handlers send afterwards is dropped.
   */
  readonly cutShort: () => number;
}

/** How many tracked requests there may be before the tracker looks for ones whose connection is gone. */
const SWEEP_AT_LEAST = 1024;

/**
 * Tracks the requests of every route of a server not yet started: an `onRoute` hook gives each
 * route an `onRequest` step that records the request and an `onResponse` step that forgets it
 * once answered, so a shutdown past its grace period can answer what is still running (a store
 * call that hangs) instead of leaving it without an answer. A request whose client went away
 * before its answer has no `onResponse`: it is forgotten once its connection is found closed
 * (when the tracked requests double, and before counting or cutting short). No listener per
 * request: one on each answer's `close` costs a request about as much as the rule set's decision.
 *
 * @example
 * ```ts
 * import { createServer } from "rds-backup-rules/server";
 * import { memoryStore } from "rds-backup-rules/store";
 * import { inFlightRequests } from "./in-flight";
 *
 * const built = createServer({ store: memoryStore(), log: false });
 * if (!built.ok) throw new Error(built.message);
 * const inFlight = inFlightRequests(built.server);
 * expect((await built.server.inject({ url: "/healthz" })).statusCode).toBe(200);
 * expect([inFlight.count(), inFlight.cutShort()]).toEqual([0, 0]);
 * await built.server.close();
 * ```
 */
export function inFlightRequests(app: FastifyInstance): InFlightRequests {
  // The replies, not the requests: each knows its request, and a Set of fresh objects costs less than a Map keyed by them.
  const open = new Set<FastifyReply>();
  let sweepAt = SWEEP_AT_LEAST;
  const forgetGone = () => {
    for (const reply of open) if (reply.request.raw.socket?.destroyed === true) open.delete(reply);
    sweepAt = Math.max(SWEEP_AT_LEAST, 2 * open.size);
  };
  const track: onRequestHookHandler = (_request, reply, done) => {
    open.add(reply);
    if (open.size >= sweepAt) forgetGone();
    done();
  };
  const forget: onResponseHookHandler = (_request, reply, done) => {
    open.delete(reply);
    done();
  };
  app.addHook("onRoute", (route) => {
    route.onRequest = [track, ...asList(route.onRequest)];
    route.onResponse = [...asList(route.onResponse), forget];
  });
  const cutShort = () => {
    forgetGone();
    let cut = 0;
    for (const reply of [...open]) {
      open.delete(reply);
      if (reply.sent) continue;
      cut += 1;
      reply.header("connection", "close");
      refuse(
        reply.request,
        reply,
        edgeError(
          "http.shutting-down",
          "The server stopped before this request was answered (its grace period ended): the call may or may not have taken effect",
        ),
      );
    }
    return cut;
  };
  const count = () => {
    forgetGone();
    return open.size;
  };
  return { count, cutShort };
}

/** A route's hooks of one kind as a list. */
function asList<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}
