import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from "fastify";
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

/**
 * Tracks the requests of every route of a server not yet started: an `onRoute` hook gives each
 * route an `onRequest` step that records the request until its connection's answer is finished, so
 * a shutdown past its grace period can answer what is still running (a store call that hangs)
 * instead of leaving it without an answer.
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
  const open = new Set<{ readonly request: FastifyRequest; readonly reply: FastifyReply }>();
  const track: onRequestHookHandler = (request, reply, done) => {
    const entry = { request, reply };
    open.add(entry);
    reply.raw.once("close", () => open.delete(entry));
    done();
  };
  app.addHook("onRoute", (route) => {
    const own = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [track, ...own];
  });
  const cutShort = () => {
    let cut = 0;
    for (const entry of [...open]) {
      open.delete(entry);
      const { request, reply } = entry;
      if (reply.sent) continue;
      cut += 1;
      reply.header("connection", "close");
      refuse(
        request,
        reply,
        edgeError(
          "http.shutting-down",
          "The server stopped before this request was answered (its grace period ended): the call may or may not have taken effect",
        ),
      );
    }
    return cut;
  };
  return { count: () => open.size, cutShort };
}
