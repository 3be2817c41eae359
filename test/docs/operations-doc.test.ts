/**
 * docs/operations.md is what an operator configures, scrapes and reads logs by: every flag of
 * `serve` with its variable and default, every metric the server registers with its labels and
 * every action label, and every field of a request's log line and of the start-up line are in it.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SERVE_DEFAULTS, SERVE_FLAGS, variableOf, type ServeFlag } from "../../src/cli/serve-settings";
import { METRIC_ACTIONS, serve, serverMetrics } from "../../src/server/index";
import { sampleStore } from "../server/support";

const doc = readFileSync(join(resolve(import.meta.dirname, "../.."), "docs/operations.md"), "utf8");

/** The doc's table row that starts with this cell. */
function row(firstCell: string): string | undefined {
  return doc.split("\n").find((line) => line.startsWith(`| ${firstCell}`));
}

describe("docs/operations.md", () => {
  it.each(Object.keys(SERVE_FLAGS) as ServeFlag[])("lists --%s with its variable and default", (flag) => {
    const line = row(`\`--${flag}`);
    expect(line, flag).toBeDefined();
    expect(line).toContain(`\`${variableOf(flag)}\``);
    const fallback = SERVE_DEFAULTS[flag];
    if (fallback !== undefined) expect(line).toContain(`\`${fallback}\``);
  });

  it("lists every metric the server registers, with its type and labels, and every action label", async () => {
    const { registry } = serverMetrics();
    const metrics = await registry.getMetricsAsJSON();
    expect(metrics.length).toBeGreaterThan(0);
    for (const metric of metrics) {
      const line = row(`\`${metric.name}\``);
      expect(line, metric.name).toBeDefined();
      expect(line).toContain(`| ${metric.type} |`);
      const { labelNames } = registry.getSingleMetric(metric.name) as unknown as { labelNames: readonly string[] };
      expect(labelNames.length).toBeGreaterThan(0);
      for (const label of labelNames) expect(line, `${metric.name} ${label}`).toContain(`\`${label}\``);
    }
    for (const action of METRIC_ACTIONS) expect(doc, action).toContain(`\`${action}\``);
  });

  it("names every field of a request's log line and of the start-up line", async () => {
    const lines: string[] = [];
    const running = await serve({ store: await sampleStore(), port: 0, handleSignals: false, log: { write: (line) => void lines.push(line) }, startupFields: { settings: {} } });
    if (!running.ok) throw new Error(running.message);
    try {
      await fetch(`${running.url}/?Action=CreateBackup&DBInstanceId=rm-demo`);
      await fetch(`${running.url}/?Action=CreateBackup&DBInstanceId=rm-demo`);
    } finally {
      await running.close();
    }
    const fields = new Set(lines.flatMap((line) => Object.keys(JSON.parse(line) as object)));
    expect(fields).toContain("RequestId");
    expect(fields).toContain("settings");
    for (const field of fields) expect(doc, field).toMatch(new RegExp(`\`${field}\``));
  });
});
