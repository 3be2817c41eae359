import { outcomeOf } from "../answers";
import { encapsulated } from "./app-wide";

/** Liveness: `GET /healthz` answers while the process serves HTTP, whatever the store does. */
export const healthRoutes = encapsulated("health-routes", async (app) => {
  app.get("/healthz", async (request, reply) => {
    outcomeOf(request).action = "healthz";
    return reply.send({ RequestId: request.id, Status: "ok" });
  });
});
