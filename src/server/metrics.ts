import { Registry } from "prom-client";

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
 * by action and status; compare-and-set attempts per store call. The three are counted by the
 * server itself (`TalliedCounter`, `TalliedHistogram`: a map lookup and an addition per value) and
 * written out by prom-client's registry in its own format.
 *
 * @example
 * ```ts
 * import { serverMetrics } from "rds-backup-rules/server";
 *
 * const metrics = serverMetrics();
 * metrics.decisions.inc({ action: "CreateBackup", outcome: "refused", rule: "instance.not-running" });
 * metrics.latency.observe({ action: "CreateBackup", status: "403" }, 0.0004);
 * const text = await metrics.registry.metrics();
 * expect(text).toContain('rds_backup_rules_decisions_total{action="CreateBackup",outcome="refused",rule="instance.not-running"} 1');
 * expect(text).toContain('rds_backup_rules_request_duration_seconds_bucket{le="0.0005",action="CreateBackup",status="403"} 1');
 * expect(text).toContain('rds_backup_rules_request_duration_seconds_count{action="CreateBackup",status="403"} 1');
 * ```
 */
export function serverMetrics() {
  const registry = new Registry();
  const decisions = new TalliedCounter(registry, {
    name: "rds_backup_rules_decisions_total",
    help: "Answers to API and admin calls, by action, outcome (accepted, replayed, refused) and rule (the refusing rule, or none)",
    labelNames: ["action", "outcome", "rule"] as const,
  });
  const latency = new TalliedHistogram(registry, {
    name: "rds_backup_rules_request_duration_seconds",
    help: "Time from a request's arrival to its answer, by action and HTTP status",
    labelNames: ["action", "status"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  const storeAttempts = new TalliedHistogram(registry, {
    name: "rds_backup_rules_store_attempts",
    help: "Compare-and-set attempts the store layer made for one call (1 when nobody raced it)",
    labelNames: ["action"] as const,
    buckets: [1, 2, 3, 5, 10],
  });
  return { registry, decisions, latency, storeAttempts };
}

/** The server's metrics, as `serverMetrics()` makes them. */
export type ServerMetrics = ReturnType<typeof serverMetrics>;

/** Label values by label name (a number is the same value as its text). */
export type MetricLabels<L extends string> = Readonly<Partial<Record<L, string | number>>>;

/** What a tallied metric is made with. */
export interface TalliedConfig<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
}

/** One value as prom-client's registry writes it: `labels` then `sharedLabels` inside the braces. */
interface ValuePair {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly sharedLabels?: Readonly<Record<string, string>>;
  readonly value: number;
  readonly metricName?: string;
}

/** A label's value as the series knows it: a number and its text are one value. */
function asText(value: unknown): unknown {
  return typeof value === "number" ? String(value) : value;
}

/** Series found by their labels' values, one map per label in declared order (no key string is built per call). */
class SeriesIndex<S> {
  readonly #root = new Map<unknown, unknown>();

  constructor(private readonly labelNames: readonly string[]) {}

  /** The series of these labels, made by `make` the first time. */
  find(labels: Readonly<Record<string, unknown>>, make: () => S): S {
    let level = this.#root;
    const last = this.labelNames.length - 1;
    for (let index = 0; index < last; index++) {
      const value = asText(labels[this.labelNames[index]!]);
      let next = level.get(value) as Map<unknown, unknown> | undefined;
      if (next === undefined) level.set(value, (next = new Map()));
      level = next;
    }
    const value = asText(labels[this.labelNames[last]!]);
    let series = level.get(value) as S | undefined;
    if (series === undefined) level.set(value, (series = make()));
    return series;
  }

  clear(): void {
    this.#root.clear();
  }
}

function seriesLabels<L extends string>(name: string, labelNames: readonly L[], labels: MetricLabels<L>): Record<string, string> {
  for (const label of Object.keys(labels)) {
    if (!(labelNames as readonly string[]).includes(label))
      throw new Error(`Added label "${label}" is not included in initial labelset: ${JSON.stringify(labelNames)} (${name})`);
  }
  const written: Record<string, string> = {};
  for (const label of labelNames) if (labels[label] !== undefined) written[label] = String(labels[label]);
  return written;
}

abstract class Tallied<L extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  readonly aggregator = "sum";

  constructor(registry: Registry, config: TalliedConfig<L>) {
    this.name = config.name;
    this.help = config.help;
    this.labelNames = config.labelNames;
    registry.registerMetric(this as unknown as Parameters<Registry["registerMetric"]>[0]);
  }

  abstract readonly type: "counter" | "histogram";
  protected abstract values(): ValuePair[];

  /** The values as prom-client's registry writes them. */
  async getForPromString(): Promise<{ name: string; help: string; type: string; values: ValuePair[]; aggregator: string }> {
    return { name: this.name, help: this.help, type: this.type, values: this.values(), aggregator: this.aggregator };
  }

  /** The values as prom-client's `get()` gives them (every label in `labels`). */
  async get(): Promise<{ name: string; help: string; type: string; values: ValuePair[]; aggregator: string }> {
    const metric = await this.getForPromString();
    return {
      ...metric,
      values: metric.values.map(({ labels, sharedLabels, value, metricName }) => ({
        labels: { ...labels, ...sharedLabels },
        value,
        ...(metricName === undefined ? {} : { metricName }),
      })),
    };
  }
}

/** A Prometheus counter by labels, counted with a map lookup per label (prom-client's `Counter` validates and hashes its labels on every call). */
export class TalliedCounter<L extends string> extends Tallied<L> {
  readonly type = "counter";
  readonly #series: { readonly labels: Record<string, string>; value: number }[] = [];
  readonly #index = new SeriesIndex<{ readonly labels: Record<string, string>; value: number }>(this.labelNames);

  /** Adds `value` (default 1) to the count of these labels. */
  inc(labels: MetricLabels<L>, value = 1): void {
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`A counter only goes up: ${value} (${this.name})`);
    this.#index.find(labels, () => {
      const made = { labels: seriesLabels(this.name, this.labelNames, labels), value: 0 };
      this.#series.push(made);
      return made;
    }).value += value;
  }

  /** Forgets every count. */
  reset(): void {
    this.#series.length = 0;
    this.#index.clear();
  }

  protected values(): ValuePair[] {
    return this.#series.map(({ labels, value }) => ({ labels, value }));
  }
}

interface HistogramSeries {
  readonly labels: Record<string, string>;
  readonly counts: number[];
  sum: number;
  count: number;
}

/** A Prometheus histogram by labels, counted with a map lookup per label and value. */
export class TalliedHistogram<L extends string> extends Tallied<L> {
  readonly type = "histogram";
  /** The buckets' upper bounds, rising. */
  readonly upperBounds: readonly number[];
  readonly #series: HistogramSeries[] = [];
  readonly #index = new SeriesIndex<HistogramSeries>(this.labelNames);

  constructor(registry: Registry, config: TalliedConfig<L> & { readonly buckets: readonly number[] }) {
    super(registry, config);
    this.upperBounds = [...config.buckets].sort((a, b) => a - b);
  }

  /** Counts one value for these labels. */
  observe(labels: MetricLabels<L>, value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value} (${this.name})`);
    const series = this.#index.find(labels, () => {
      const made = { labels: seriesLabels(this.name, this.labelNames, labels), counts: this.upperBounds.map(() => 0), sum: 0, count: 0 };
      this.#series.push(made);
      return made;
    });
    const bounds = this.upperBounds;
    let bucket = 0;
    while (bucket < bounds.length && value > bounds[bucket]!) bucket++;
    if (bucket < bounds.length) series.counts[bucket]! += 1;
    series.sum += value;
    series.count += 1;
  }

  /** Forgets every value. */
  reset(): void {
    this.#series.length = 0;
    this.#index.clear();
  }

  protected values(): ValuePair[] {
    const bucket = `${this.name}_bucket`;
    return this.#series.flatMap(({ labels, counts, sum, count }) => {
      let below = 0;
      return [
        ...this.upperBounds.map((le, index) => ({
          labels: { le },
          sharedLabels: labels,
          value: (below += counts[index]!),
          metricName: bucket,
        })),
        { labels: { le: "+Inf" }, sharedLabels: labels, value: count, metricName: bucket },
        { labels: {}, sharedLabels: labels, value: sum, metricName: `${this.name}_sum` },
        { labels: {}, sharedLabels: labels, value: count, metricName: `${this.name}_count` },
      ];
    });
  }
}
