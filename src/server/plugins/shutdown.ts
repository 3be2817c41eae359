import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { refuse } from "../answers";
import { edgeError } from "../edge-errors";
import { appWide } from "./app-wide";

/** What the shutdown plugin runs once the server has closed. */
export interface ShutdownOptions {
  /** Run once the server has closed (after the last request): close the store here. */
  readonly onClose?: (() => Promise<unknown> | void) | undefined;
}

/**
 * Closing: once `close()` begins, a request that still arrives on an open connection is answered
 * 503 `http.shutting-down`, and every answer ends its connection (those in flight too: the
 * connections are tracked, not the requests), so a keep-alive client does not hold the close
 * open; after the last request, `onClose` (the store's close).
 */
export const shutdown = appWide<ShutdownOptions>("shutdown", async (app, { onClose }) => {
  let closing = false;
  // Callback hooks: an async one would cost every request a promise.
  app.addHook("onRequest", (request, reply, done) => {
    if (!closing) return done();
    reply.header("connection", "close");
    refuse(request, reply, edgeError("http.shutting-down", "The server is shutting down: send the call again, to another replica"));
  });
  // The open connections, to end the answers in flight on them once closing begins (a hook per connection, none per request).
  const sockets = new Set<Socket>();
  app.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  app.addHook("preClose", async () => {
    closing = true;
    // Node.js would keep a keep-alive connection open after its answer, holding the close: each answer still to come ends its connection.
    for (const socket of sockets) {
      const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
      if (inFlight != null && !inFlight.headersSent) inFlight.setHeader("connection", "close");
    }
  });
  app.addHook("onClose", async () => {
    await onClose?.();
  });
});
