import { RULES, type Engine, type InstanceState, type JobUpdate } from "../index";
import { RULE_EXAMPLES, SAMPLE_INSTANCE, type ExampleCall } from "../examples/index";

/** A case the Examples list fills the page with: the three inputs as text, and a job update for the job form. */
export interface PlaygroundCase {
  /** Stable id, the option's value: `accepted:MySQL`, `refused:parameter.unknown`, `near-miss:parameter.unknown`. */
  readonly id: string;
  /** The option's group in the list. */
  readonly group: "Accepted, one per engine" | "Refused: each rule's example" | "Near misses: the same call, accepted";
  readonly label: string;
  readonly state: string;
  readonly request: string;
  readonly context: string;
  /** The job update of an `advanceBackupJob` example, for the job form. */
  readonly update?: { readonly jobId: string; readonly status: string };
}

/** The clock of every example (the worked examples' own). */
const EXAMPLE_NOW = "2026-03-02T08:00:00Z";
const BASE = "Action=CreateBackup&DBInstanceId=rm-demo";

/** One accepted CreateBackup per engine, each showing what that engine takes. */
const ACCEPTED: { readonly [E in Engine]: { readonly label: string; readonly state: Partial<InstanceState>; readonly request: string } } = {
  MySQL: {
    label: "MySQL 8.0 on local SSD: a Logical backup of one database, kept 30 days",
    state: {},
    request: `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=orders&BackupRetentionPeriod=30`,
  },
  SQLServer: {
    label: "SQLServer 2019 on local SSD: a full Physical backup",
    state: { engine: "SQLServer", engineVersion: "2019_std_ha" },
    request: `${BASE}&BackupMethod=Physical&BackupType=FullBackup`,
  },
  PostgreSQL: {
    label: "PostgreSQL 16 on ESSD cloud disks: a Snapshot",
    state: { engine: "PostgreSQL", engineVersion: "16.0", storageType: "cloud_essd" },
    request: `${BASE}&BackupMethod=Snapshot`,
  },
  MariaDB: {
    label: "MariaDB 10.3 on ESSD cloud disks: a snapshot, requested as Physical",
    state: { engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_essd" },
    request: `${BASE}&BackupMethod=Physical`,
  },
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** An example call's three inputs as the text boxes show them (a query string as is, anything else as JSON). */
function texts(call: ExampleCall): Pick<PlaygroundCase, "state" | "request" | "context" | "update"> {
  const shown = { state: pretty(call.state), context: pretty(call.context) };
  if (call.call === "createBackup")
    return { ...shown, request: typeof call.request === "string" ? call.request : JSON.stringify(call.request) };
  const update = call.update as JobUpdate;
  return { ...shown, request: BASE, update: { jobId: update.jobId, status: update.status } };
}

/**
 * Every case of the Examples list, in its order: an accepted CreateBackup per engine, then each
 * rule's worked example (`RULE_EXAMPLES`), refused by that rule, then each near miss, accepted.
 * Examples of `advanceBackupJob` (rules 32–34) fill the job form with their update.
 *
 * @example
 * ```ts
 * import { RULES } from "rds-backup-rules";
 * import { PLAYGROUND_CASES } from "./cases";
 *
 * expect(PLAYGROUND_CASES).toHaveLength(4 + 2 * RULES.length);
 * const misspelt = PLAYGROUND_CASES.find((each) => each.id === "refused:parameter.unknown");
 * expect(misspelt?.request).toBe("Action=CreateBackup&DBInstanceId=rm-demo&BackupMehtod=Physical");
 * expect(misspelt?.label).toBe("8. parameter.unknown: refused");
 * ```
 */
export const PLAYGROUND_CASES: readonly PlaygroundCase[] = Object.freeze([
  ...(Object.keys(ACCEPTED) as Engine[]).map((engine): PlaygroundCase => ({
    id: `accepted:${engine}`,
    group: "Accepted, one per engine",
    label: ACCEPTED[engine].label,
    state: pretty({ ...SAMPLE_INSTANCE, ...ACCEPTED[engine].state }),
    request: ACCEPTED[engine].request,
    context: pretty({ now: EXAMPLE_NOW }),
  })),
  ...RULES.map((rule): PlaygroundCase => ({
    id: `refused:${rule.id}`,
    group: "Refused: each rule's example",
    label: `${rule.number}. ${rule.id}: refused`,
    ...texts(RULE_EXAMPLES[rule.id].violating),
  })),
  ...RULES.map((rule): PlaygroundCase => ({
    id: `near-miss:${rule.id}`,
    group: "Near misses: the same call, accepted",
    label: `${rule.number}. ${rule.id}: near miss, accepted`,
    ...texts(RULE_EXAMPLES[rule.id].nearMiss),
  })),
]);
