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
 * 503 `http.shutting-down`, and every answer ends its connection, so a keep-alive client does not
 * hold the close open; after the last request, `onClose` (the store's close).
 */
export const shutdown = appWide<ShutdownOptions>("shutdown", async (app, { onClose }) => {
  let closing = false;
  // Callback hooks: an async one would cost every request a promise.
  app.addHook("onRequest", (request, reply, done) => {
    if (!closing) return done();
    reply.header("connection", "close");
    refuse(request, reply, edgeError("http.shutting-down", "The server is shutting down: send the call again, to another replica"));
  });
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onClose", async () => {
    await onClose?.();
  });
});
