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
  app.addHook("onRequest", async (request, reply) => {
    if (!closing) return undefined;
    reply.header("connection", "close");
    return refuse(request, reply, edgeError("http.shutting-down", "The server is shutting down: send the call again, to another replica"));
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onClose", async () => {
    await onClose?.();
  });
});
