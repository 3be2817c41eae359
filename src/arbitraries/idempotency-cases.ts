import fc from "fast-check";
import type { BackupJob } from "../domain/types";
import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  DEFAULT_BACKUP_METHOD,
  DEFAULT_BACKUP_TYPE,
  INSTANCE_STATUSES,
  JOB_MODES,
  JOB_STATUSES,
} from "../domain/vocabulary";
import type { BackupCase } from "./backup-case";
import { acceptedSetup, optionsOf } from "./capability";
import { contextFor, contextPlan, jobIdempotencyKey } from "./context";
import { jobHistory, type HistoryKind } from "./history";
import { assembleState, databaseNames, instanceIdText, instanceShape, stateVersion, type InstanceShape } from "./instance-state";
import { anyValidOptions, requestFor, retentionDays, type BackupOptions } from "./request";
import { isoForm, writeIso } from "./zones";

const HOUR_MS = 3_600_000;
const HISTORIES: readonly HistoryKind[] = ["acceptable", "ongoing", "quota-reached"];

/** The job an accepted request with these options would have created (its id, status and key apart). */
function jobFields(options: BackupOptions): Pick<BackupJob, "method" | "backupType" | "strategy" | "dbNames" | "retentionPeriod"> {
  return {
    method: options.method ?? DEFAULT_BACKUP_METHOD,
    backupType: options.type ?? DEFAULT_BACKUP_TYPE,
    ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
    ...(options.dbNames === undefined ? {} : { dbNames: [...options.dbNames] }),
    ...(options.retention === undefined ? {} : { retentionPeriod: options.retention }),
  };
}

/**
 * A case whose state holds, among any other jobs, a job carrying the context's idempotency key,
 * created by a request for `jobOptions`, and whose request asks for `options`. The keyed job is in
 * any status, created up to 48 hours before the context's clock; the other jobs are of any kind;
 * the context sometimes repeats the keyed job's id as `jobId` (a retry that repeats its context).
 */
function keyedCase(shape: InstanceShape, options: BackupOptions, jobOptions: BackupOptions): fc.Arbitrary<BackupCase> {
  return fc
    .record({ instanceId: instanceIdText(), plan: contextPlan(), version: stateVersion(), history: fc.constantFrom(...HISTORIES) })
    .chain(({ instanceId, plan, version, history }) => {
      const kind: HistoryKind = history === "quota-reached" && plan.dailyBackupLimit > 24 ? "acceptable" : history;
      return fc
        .record({
          others: jobHistory(plan, kind),
          jobId: fc.integer({ min: 1, max: 999_999_999 }).map(String),
          status: fc.constantFrom(...JOB_STATUSES),
          mode: fc.constantFrom(...JOB_MODES),
          createdAt: fc.integer({ min: plan.now - 48 * HOUR_MS, max: plan.now }),
          form: isoForm(),
          position: fc.nat(),
          request: requestFor(instanceId, options),
          context: contextFor(plan),
          repeatJobId: fc.boolean(),
        })
        .filter(({ others, jobId }) => others.every((other) => other.jobId !== jobId))
        .chain((drawn) =>
          jobIdempotencyKey(drawn.jobId).map((idempotencyKey): BackupCase => {
            const keyed: BackupJob = {
              jobId: drawn.jobId,
              status: drawn.status,
              mode: drawn.mode,
              ...jobFields(jobOptions),
              createdAt: writeIso(drawn.createdAt, drawn.form),
              idempotencyKey,
            };
            const jobs = [...drawn.others];
            jobs.splice(drawn.position % (jobs.length + 1), 0, keyed);
            return {
              state: assembleState(instanceId, shape, jobs, version),
              request: drawn.request,
              context: { ...drawn.context, idempotencyKey, ...(drawn.repeatJobId ? { jobId: drawn.jobId } : {}) },
            };
          }),
        );
    });
}

/**
 * A replay: a retry whose request asks for the same backup as the job carrying its idempotency key,
 * in any request form, whatever happened since (the instance in any status, the job in any status,
 * other jobs ongoing, the day's limit reached). `createBackup` accepts it with `replayed: true`.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { replayCase } from "./idempotency-cases";
 *
 * for (const { state, request, context } of sampleValues(replayCase(), 20)) {
 *   expect(createBackup(state, request, context)).toMatchObject({ ok: true, replayed: true, state });
 * }
 * ```
 */
export function replayCase(): fc.Arbitrary<BackupCase> {
  return acceptedSetup()
    .chain(({ shape, options }) => fc.constantFrom(...INSTANCE_STATUSES).map((status) => ({ shape: { ...shape, status }, options })))
    .chain(({ shape, options }) => keyedCase(shape, options, options));
}

/** The parameters a reused key may differ in, in the table order of the request parameters. */
const COMPARED_PARAMETERS = ["BackupMethod", "BackupStrategy", "DBName", "BackupType", "BackupRetentionPeriod"] as const;

/** Options for the job that differ from the request's in exactly `parameter` (defaults resolved). */
function differentIn(parameter: (typeof COMPARED_PARAMETERS)[number], options: BackupOptions): fc.Arbitrary<BackupOptions> {
  const method = options.method ?? DEFAULT_BACKUP_METHOD;
  const type = options.type ?? DEFAULT_BACKUP_TYPE;
  const same = { ...options, method, type };
  const names = options.dbNames?.join(",");
  switch (parameter) {
    case "BackupMethod":
      return fc.constantFrom(...BACKUP_METHODS.filter((other) => other !== method)).map((other) => optionsOf({ ...same, method: other }));
    case "BackupType":
      return fc.constant(optionsOf({ ...same, type: BACKUP_TYPES.find((other) => other !== type) }));
    case "BackupStrategy":
      return fc
        .constantFrom(undefined, ...BACKUP_STRATEGIES)
        .filter((other) => other !== options.strategy)
        .map((other) => optionsOf({ ...same, strategy: other }));
    case "DBName":
      return fc
        .oneof(
          fc.constant(undefined),
          databaseNames(1, 4),
          fc.constant(options.dbNames === undefined ? undefined : [...options.dbNames].reverse()),
          fc.constant(options.dbNames?.slice(1)),
        )
        .filter((other) => other?.join(",") !== names && (other === undefined || other.length > 0))
        .map((other) => optionsOf({ ...same, dbNames: other }));
    case "BackupRetentionPeriod":
      return fc
        .option(retentionDays(), { nil: undefined })
        .filter((other) => other !== options.retention)
        .map((other) => optionsOf({ ...same, retention: other }));
  }
}

/**
 * Rule 15: a request whose idempotency key is carried by a job of the state, asking for a backup
 * that differs from that job in one parameter (each of BackupMethod, BackupStrategy, DBName,
 * BackupType and BackupRetentionPeriod; a default given or left out counts as given), in any
 * request form, on any instance, with any valid parameters and any jobs.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { keyReusedCase } from "./idempotency-cases";
 *
 * for (const { state, request, context } of sampleValues(keyReusedCase(), 20)) {
 *   expect(createBackup(state, request, context)).toMatchObject({ ok: false, error: { rule: "idempotency-key.reused" } });
 * }
 * ```
 */
export function keyReusedCase(): fc.Arbitrary<BackupCase> {
  return fc
    .record({ shape: instanceShape(), options: anyValidOptions(), parameter: fc.constantFrom(...COMPARED_PARAMETERS) })
    .chain(({ shape, options, parameter }) => differentIn(parameter, options).chain((jobOptions) => keyedCase(shape, options, jobOptions)));
}
