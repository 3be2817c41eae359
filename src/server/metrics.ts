import { Counter, Histogram, Registry } from "prom-client";

/** The actions the metrics and logs name; any other `Action` a caller sends counts as `other`. */
export const METRIC_ACTIONS = [
  "CreateBackup",
  "DescribeBackupTasks",
  "other",
  "admin:RegisterInstance",
  "admin:GetInstance",
  "admin:AdvanceBackupJob",
  "healthz",
  "readyz",
  "metrics",
  "playground",
  "none",
] as const;

/** One of the action labels of the metrics. */
export type MetricAction = (typeof METRIC_ACTIONS)[number];

/**
 * The server's Prometheus metrics, in a registry of their own (never prom-client's global one, so
 * two servers in one process count apart): decisions by action, outcome and rule; request latency
 * by action and status; compare-and-set attempts per store call.
 *
 * @example
 * ```ts
 * import { serverMetrics } from "rds-backup-rules/server";
 *
 * const metrics = serverMetrics();
 * metrics.decisions.inc({ action: "CreateBackup", outcome: "refused", rule: "instance.not-running" });
 * expect(await metrics.registry.metrics()).toContain('rds_backup_rules_decisions_total{action="CreateBackup",outcome="refused",rule="instance.not-running"} 1');
 * ```
 */
export function serverMetrics() {
  const registry = new Registry();
  const decisions = new Counter({
    name: "rds_backup_rules_decisions_total",
    help: "Answers to API and admin calls, by action, outcome (accepted, replayed, refused) and rule (the refusing rule, or none)",
    labelNames: ["action", "outcome", "rule"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "rds_backup_rules_request_duration_seconds",
    help: "Time from a request's arrival to its answer, by action and HTTP status",
    labelNames: ["action", "status"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const storeAttempts = new Histogram({
    name: "rds_backup_rules_store_attempts",
    help: "Compare-and-set attempts the store layer made for one call (1 when nobody raced it)",
    labelNames: ["action"] as const,
    buckets: [1, 2, 3, 5, 10],
    registers: [registry],
  });
  return { registry, decisions, latency, storeAttempts };
}

/** The server's metrics, as `serverMetrics()` makes them. */
export type ServerMetrics = ReturnType<typeof serverMetrics>;
