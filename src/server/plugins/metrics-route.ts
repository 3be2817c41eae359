import { outcomeOf } from "../answers";
import type { ServerMetrics } from "../metrics";
import { encapsulated } from "./app-wide";

/** What `/metrics` shows. */
export interface MetricsRouteOptions {
  readonly metrics: ServerMetrics;
}

/** `GET /metrics`: the server's registry in Prometheus text format. */
export const metricsRoute = encapsulated<MetricsRouteOptions>("metrics-route", async (app, { metrics }) => {
  app.get("/metrics", async (request, reply) => {
    outcomeOf(request).action = "metrics";
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
});
