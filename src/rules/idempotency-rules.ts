/**
 * The idempotency key: one key, one backup (and how a replay is recognised).
 *
 * | rule | id |
 * |---:|---|
 * | 15 | `idempotency-key.reused` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import type { BackupJob, InstanceState } from "../domain/types";
import type { CreateBackupParameter } from "../domain/vocabulary";
import type { BackupRequest } from "../input/request-fields";
import { hasOwn } from "../input/parsed";
import { quote } from "../text/describe";
import { defineDetailedRule } from "./rule";

/**
 * The details of `idempotency-key.reused`: the key, the job it was used for, and the first
 * parameter in which this request asks for a different backup, with the job's value and the
 * request's (`undefined` where one has no value: no BackupStrategy, say).
 */
export interface IdempotencyKeyReusedDetails {
  readonly key: string;
  readonly jobId: string;
  readonly parameter: CreateBackupParameter;
  readonly jobValue: string | undefined;
  readonly requestValue: string | undefined;
}

/**
 * The job of the state that carries the idempotency key: the first in the state's order (the
 * library never lets two kept jobs share a key), or `undefined` when no kept job carries it.
 *
 * @example
 * ```ts
 * import { jobWithKey } from "./idempotency-rules";
 *
 * const job = { jobId: "7", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z", idempotencyKey: "k-1" } as const;
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [job] } as const;
 * expect(jobWithKey(state, "k-1")?.jobId).toBe("7");
 * expect(jobWithKey(state, "k-2")).toBeUndefined();
 * ```
 */
export function jobWithKey(state: InstanceState, key: string): BackupJob | undefined {
  return state.jobs.find((job) => own(job, "idempotencyKey") === key);
}

/** A job's optional field as an own property: a field set on `Object.prototype` is not the job's (decision 0051). */
function own<K extends "strategy" | "dbNames" | "retentionPeriod" | "idempotencyKey">(job: BackupJob, key: K): BackupJob[K] | undefined {
  return hasOwn(job, key) ? job[key] : undefined;
}

/** A request parameter that a replay must repeat, how a job and a request hold it, and how it reads. */
interface ComparedParameter {
  readonly name: CreateBackupParameter;
  readonly ofJob: (job: BackupJob) => string | undefined;
  readonly ofRequest: (request: BackupRequest) => string | undefined;
}

const listed = (names: readonly string[] | undefined): string | undefined => names?.join(",");
const numeral = (days: number | undefined): string | undefined => (days === undefined ? undefined : String(days));

/** The parameters a replay must repeat, in the table order of the request parameters (the tie-break order). */
const COMPARED: readonly ComparedParameter[] = [
  { name: "BackupMethod", ofJob: (job) => job.method, ofRequest: (request) => request.method },
  { name: "BackupStrategy", ofJob: (job) => own(job, "strategy"), ofRequest: (request) => request.strategy },
  { name: "DBName", ofJob: (job) => listed(own(job, "dbNames")), ofRequest: (request) => listed(request.dbNames) },
  { name: "BackupType", ofJob: (job) => job.backupType, ofRequest: (request) => request.backupType },
  {
    name: "BackupRetentionPeriod",
    ofJob: (job) => numeral(own(job, "retentionPeriod")),
    ofRequest: (request) => numeral(request.retentionPeriod),
  },
];

/**
 * The first parameter (in table order) in which the request asks for a different backup than the
 * job: the resolved BackupMethod, BackupStrategy, the DBName items in order, the resolved
 * BackupType, BackupRetentionPeriod. `undefined` when it asks for the same backup (a replay).
 *
 * @example
 * ```ts
 * import { differingParameter } from "./idempotency-rules";
 *
 * const job = { jobId: "7", status: "NoStart", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z" } as const;
 * expect(differingParameter(job, { instanceId: "rm-1", method: "Physical", backupType: "Auto" })).toBeUndefined();
 * expect(differingParameter(job, { instanceId: "rm-1", method: "Physical", backupType: "FullBackup" })?.name).toBe("BackupType");
 * ```
 */
export function differingParameter(job: BackupJob, request: BackupRequest): ComparedParameter | undefined {
  return COMPARED.find((parameter) => parameter.ofJob(job) !== parameter.ofRequest(request));
}

/**
 * The job a request replays: the job carrying `context.idempotencyKey` when the request asks for
 * the same backup; `undefined` otherwise.
 *
 * @example
 * ```ts
 * import { replayedJob } from "./idempotency-rules";
 *
 * const job = { jobId: "7", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z", idempotencyKey: "k-1" } as const;
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Stopped", databases: [], jobs: [job] } as const;
 * expect(replayedJob(state, { instanceId: "rm-1", method: "Physical", backupType: "Auto" }, "k-1")).toBe(job);
 * expect(replayedJob(state, { instanceId: "rm-1", method: "Snapshot", backupType: "Auto" }, "k-1")).toBeUndefined();
 * ```
 */
export function replayedJob(state: InstanceState, request: BackupRequest, key: string | undefined): BackupJob | undefined {
  if (key === undefined) return undefined;
  const job = jobWithKey(state, key);
  return job !== undefined && differingParameter(job, request) === undefined ? job : undefined;
}

/** How a parameter reads in a message: `BackupStrategy=db`, or `no BackupStrategy`. */
function shown(name: string, value: string | undefined): string {
  return value === undefined ? `no ${name}` : `${name}=${value}`;
}

/** Rule 15: an idempotency key names one backup; reused with a different one, it is refused. */
export const idempotencyKeyReused = defineDetailedRule({
  id: "idempotency-key.reused",
  code: "IdempotentParameterMismatch",
  httpStatus: 400,
  title: "An idempotency key names one backup",
  description:
    "When a kept job carries `context.idempotencyKey`, the request must ask for the same backup as that job: the same resolved " +
    "BackupMethod, BackupStrategy, DBName items in order, resolved BackupType and BackupRetentionPeriod. Then it is a replay: " +
    "accepted with that job and the input state itself (`replayed: true`), whatever happened since, and no later rule is checked. " +
    "Otherwise it is refused, naming the job and the first parameter that differs.",
  requires: ["request", "state", "context"],
  check: ({ request, state, context }) => {
    const key = context.idempotencyKey;
    if (key === undefined) return undefined;
    const job = jobWithKey(state, key);
    if (job === undefined) return undefined;
    const differing = differingParameter(job, request);
    if (differing === undefined) return undefined;
    const { name } = differing;
    return {
      details: { key, jobId: job.jobId, parameter: name, jobValue: differing.ofJob(job), requestValue: differing.ofRequest(request) },
      parameter: name,
    };
  },
  message: ({ key, jobId, parameter, jobValue, requestValue }: IdempotencyKeyReusedDetails) =>
    `The idempotency key ${quote(key)} was used for backup job ${jobId} with ${shown(parameter, jobValue)}, ` +
    `and this request asks for ${shown(parameter, requestValue)}; ` +
    `use a new key for a different backup, or repeat the original request to get job ${jobId} again`,
});
