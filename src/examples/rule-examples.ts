import type { BackupJob, DecisionContext, InstanceState, JobUpdate } from "../domain/types";
import type { JobStatus } from "../domain/vocabulary";
import type { RuleId } from "../rules/catalog";
import { SAMPLE_INSTANCE } from "./sample-instance";

/** One call of the library: its arguments, as a caller would pass them. */
export type ExampleCall =
  | { readonly call: "createBackup"; readonly state: unknown; readonly request: unknown; readonly context: unknown }
  | { readonly call: "advanceBackupJob"; readonly state: unknown; readonly update: unknown; readonly context: unknown };

/** A worked example of a rule: a call refused by exactly that rule, and the smallest change that passes. */
export interface RuleExample {
  /** Refused with this rule (the first violated rule). */
  readonly violating: ExampleCall;
  /** The same call with its cause repaired: accepted. */
  readonly nearMiss: ExampleCall;
}

const NOW = "2026-03-02T08:00:00Z";
const CONTEXT: DecisionContext = { now: NOW, requestId: "example-request" };
const BASE = "Action=CreateBackup&DBInstanceId=rm-demo";

function instance(changes: Partial<InstanceState> = {}): InstanceState {
  return { ...SAMPLE_INSTANCE, ...changes };
}

function job(jobId: string, status: JobStatus, createdAt = "2026-03-02T07:00:00Z"): BackupJob {
  return { jobId, status, mode: "Manual", method: "Physical", backupType: "Auto", createdAt };
}

/** A createBackup example pair on the same state: `query` refused, `repaired` accepted. */
function request(query: string, repaired: string, state: unknown = SAMPLE_INSTANCE, context: unknown = CONTEXT): RuleExample {
  return {
    violating: { call: "createBackup", state, request: query, context },
    nearMiss: { call: "createBackup", state, request: repaired, context },
  };
}

/** A createBackup example pair with the same request: refused on `state`, accepted on `repaired`. */
function onState(query: string, state: unknown, repaired: unknown): RuleExample {
  return {
    violating: { call: "createBackup", state, request: query, context: CONTEXT },
    nearMiss: { call: "createBackup", state: repaired, request: query, context: CONTEXT },
  };
}

/** An advanceBackupJob example pair on a state with one Uploading job "1". */
function update(refused: JobUpdate, accepted: JobUpdate): RuleExample {
  const state = instance({ jobs: [job("1", "Uploading")], version: 4 });
  return {
    violating: { call: "advanceBackupJob", state, update: refused, context: CONTEXT },
    nearMiss: { call: "advanceBackupJob", state, update: accepted, context: CONTEXT },
  };
}

const postgres = instance({ engine: "PostgreSQL", engineVersion: "16.0" });
const mysqlCloud = instance({ storageType: "cloud_essd" });
const mariadb = instance({ engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_essd" });
const sqlServerCloud = instance({ engine: "SQLServer", engineVersion: "2019_std_ha", storageType: "cloud_essd" });
const KEYED_CONTEXT: DecisionContext = { ...CONTEXT, idempotencyKey: "nightly-2026-03-02" };
const keyed = instance({ jobs: [{ ...job("1", "Finished"), idempotencyKey: "nightly-2026-03-02" }], version: 2 });
const twentyToday = Array.from({ length: 20 }, (_, index) =>
  job(String(index + 1), "Finished", `2026-03-02T0${Math.floor(index / 6)}:${String((index % 6) * 10).padStart(2, "0")}:00Z`),
);

/**
 * A worked example of every rule, keyed by rule id: the generated docs, the CLI's `explain` and
 * the per-rule tests all read these. Each violating call is refused by exactly its rule; each near
 * miss differs in one cause and is accepted.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { RULE_EXAMPLES } from "rds-backup-rules/examples";
 *
 * const { violating, nearMiss } = RULE_EXAMPLES["instance.not-running"];
 * expect(violating.call === "createBackup" && createBackup(violating.state as never, violating.request, violating.context as never).ok).toBe(false);
 * expect(nearMiss.call === "createBackup" && createBackup(nearMiss.state as never, nearMiss.request, nearMiss.context as never).ok).toBe(true);
 * ```
 */
export const RULE_EXAMPLES: { readonly [Id in RuleId]: RuleExample } = {
  "context.invalid": {
    violating: { call: "createBackup", state: SAMPLE_INSTANCE, request: BASE, context: { now: "2026-03-02 08:00" } },
    nearMiss: { call: "createBackup", state: SAMPLE_INSTANCE, request: BASE, context: { now: NOW } },
  },
  "state.invalid": onState(
    BASE,
    instance({ engine: "MariaDB", engineVersion: "10.3" }),
    instance({ engine: "MariaDB", engineVersion: "10.3", storageType: "cloud_essd" }),
  ),
  "request.malformed": request(["Action=CreateBackup", "DBInstanceId=rm-demo"] as unknown as string, BASE),
  "parameter.malformed": request(`${BASE}&BackupType=Auto&BackupType=FullBackup`, `${BASE}&BackupType=FullBackup`),
  "action.missing": request("DBInstanceId=rm-demo", BASE),
  "action.unsupported": request("Action=CreateBackups&DBInstanceId=rm-demo", BASE),
  "instance-id.missing": request("Action=CreateBackup", BASE),
  "parameter.unknown": request(`${BASE}&BackupMehtod=Physical`, `${BASE}&BackupMethod=Physical`),
  "backup-method.invalid-value": request(`${BASE}&BackupMethod=physical`, `${BASE}&BackupMethod=Physical`),
  "backup-strategy.invalid-value": request(
    `${BASE}&BackupMethod=Logical&BackupStrategy=database`,
    `${BASE}&BackupMethod=Logical&BackupStrategy=instance`,
  ),
  "backup-type.invalid-value": request(`${BASE}&BackupType=Full`, `${BASE}&BackupType=FullBackup`),
  "db-name.malformed": request(
    `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=orders,,users`,
    `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=orders,users`,
  ),
  "retention.invalid-value": request(`${BASE}&BackupRetentionPeriod=5`, `${BASE}&BackupRetentionPeriod=7`),
  "instance-id.not-found": request("Action=CreateBackup&DBInstanceId=rm-other", BASE),
  "idempotency-key.reused": {
    violating: { call: "createBackup", state: keyed, request: `${BASE}&BackupType=FullBackup`, context: KEYED_CONTEXT },
    nearMiss: { call: "createBackup", state: keyed, request: BASE, context: KEYED_CONTEXT },
  },
  "instance.not-running": onState(BASE, instance({ status: "Stopped" }), SAMPLE_INSTANCE),
  "backup-method.logical-requires-mysql": request(`${BASE}&BackupMethod=Logical`, `${BASE}&BackupMethod=Physical`, postgres),
  "backup-method.logical-requires-local-disk": request(`${BASE}&BackupMethod=Logical`, `${BASE}&BackupMethod=Snapshot`, mysqlCloud),
  "backup-method.mariadb-snapshot-uses-physical": request(`${BASE}&BackupMethod=Snapshot`, `${BASE}&BackupMethod=Physical`, mariadb),
  "backup-method.snapshot-requires-cloud-disk": request(`${BASE}&BackupMethod=Snapshot`, `${BASE}&BackupMethod=Physical`),
  "backup-method.mysql-cloud-disk-uses-snapshot": request(BASE, `${BASE}&BackupMethod=Snapshot`, mysqlCloud),
  "backup-type.requires-physical": request(
    `${BASE}&BackupMethod=Snapshot&BackupType=FullBackup`,
    `${BASE}&BackupMethod=Physical&BackupType=FullBackup`,
    sqlServerCloud,
  ),
  "backup-strategy.scope": request(`${BASE}&BackupStrategy=instance`, `${BASE}&BackupMethod=Logical&BackupStrategy=instance`),
  "backup-strategy.mysql-version": onState(
    `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=orders`,
    instance({ engineVersion: "8.4" }),
    instance({ engineVersion: "8.0" }),
  ),
  "db-name.requires-db-strategy": request(
    `${BASE}&BackupMethod=Logical&BackupStrategy=instance&DBName=orders`,
    `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=orders`,
  ),
  "db-name.missing": request(
    `${BASE}&BackupMethod=Logical&BackupStrategy=db`,
    `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=orders`,
  ),
  "retention.scope": request(`${BASE}&BackupRetentionPeriod=30`, BASE, postgres),
  "backup-method.logical-requires-database": onState(`${BASE}&BackupMethod=Logical`, instance({ databases: [] }), SAMPLE_INSTANCE),
  "db-name.not-found": request(
    `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=order`,
    `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=orders`,
  ),
  "instance.backup-in-progress": onState(
    BASE,
    instance({ jobs: [job("1", "Uploading")], version: 1 }),
    instance({ jobs: [job("1", "Finished")], version: 2 }),
  ),
  "instance.daily-limit-reached": onState(
    BASE,
    instance({ jobs: twentyToday, version: 40 }),
    instance({ jobs: twentyToday.map((each, index) => (index === 0 ? { ...each, status: "Failed" } : each)), version: 40 }),
  ),
  "job.not-found": update({ jobId: "2", status: "Finished" }, { jobId: "1", status: "Finished" }),
  "job-status.invalid-value": update({ jobId: "1", status: "Done" }, { jobId: "1", status: "Finished" }),
  "job.invalid-transition": update({ jobId: "1", status: "Checking" }, { jobId: "1", status: "Finished" }),
};
