import type { BackupJob, InstanceState } from "../domain/types";
import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  ENGINES,
  INSTANCE_STATUSES,
  JOB_MODES,
  JOB_STATUSES,
  STORAGE_TYPES,
  isEngineVersion,
  isIdempotencyKey,
  isLocalDisk,
  type BackupStrategy,
} from "../domain/vocabulary";
import { describeValue, oneOf, quote } from "../text/describe";
import { parseIsoInstant } from "../time/iso-instant";
import { asRecord, hasOwn, parseSafely, reject, rejectUnknownKeys, type Parsed } from "./parsed";
import { isRetentionPeriod } from "./request-fields";

const STATE_FIELDS = ["instanceId", "engine", "engineVersion", "storageType", "status", "databases", "jobs", "version"];
const JOB_FIELDS = [
  "jobId",
  "status",
  "mode",
  "method",
  "strategy",
  "dbNames",
  "backupType",
  "retentionPeriod",
  "createdAt",
  "idempotencyKey",
];
const DECIMAL_DIGITS = /^[0-9]+$/;
/** The largest length of a JavaScript array. */
const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

/**
 * Parses untrusted JSON into an `InstanceState`, or names the first problem by its JSON path
 * (`state.jobs[1].createdAt`). The result is a fresh object holding only the fields of
 * `InstanceState` (decision 9); the input is never modified. Never throws.
 *
 * @example
 * ```ts
 * import { parseState } from "./parse-state";
 *
 * const parsed = parseState({
 *   instanceId: "rm-1", engine: "MariaDB", engineVersion: "10.3", storageType: "local_ssd",
 *   status: "Running", databases: [], jobs: [],
 * });
 * expect(parsed.ok).toBe(false);
 * if (!parsed.ok) expect(parsed.issue.path).toBe("state.storageType");
 * ```
 */
export function parseState(json: unknown): Parsed<InstanceState> {
  return parseSafely("state", () => readState(json));
}

type Json = Readonly<Record<string, unknown>>;

/**
 * Where a value is: its parent's path and its key (a field name, or an array index). The path
 * text (`state.jobs[1].createdAt`) is built only for a message, so a valid state costs no strings.
 */
function pathOf(parent: string, key: string | number): string {
  return typeof key === "number" ? `${parent}[${key}]` : `${parent}.${key}`;
}

function readState(json: unknown): InstanceState {
  const record = asRecord(json, "state", "an object (the instance state)");
  rejectUnknownKeys(record, STATE_FIELDS, "state");
  const engine = readEnum(record, "engine", ENGINES, "state");
  const engineVersion = readString(record, "engineVersion", "state");
  if (!isEngineVersion(engine, engineVersion)) {
    reject(
      "state.engineVersion",
      engine === "MySQL"
        ? `state.engineVersion must be major.minor in digits on MySQL, like "8.0" or "8.4"; received ${quote(engineVersion)}`
        : "state.engineVersion must be a non-empty string",
    );
  }
  const storageType = readEnum(record, "storageType", STORAGE_TYPES, "state");
  if (engine === "MariaDB" && isLocalDisk(storageType)) {
    reject("state.storageType", `state.storageType cannot be ${quote(storageType)} on MariaDB: RDS MariaDB runs on cloud disks only`);
  }
  const state: { -readonly [K in keyof InstanceState]: InstanceState[K] } = {
    instanceId: readString(record, "instanceId", "state"),
    engine,
    engineVersion,
    storageType,
    status: readEnum(record, "status", INSTANCE_STATUSES, "state"),
    databases: expectStrings(readRequired(record, "databases", "state"), "state", "databases"),
    jobs: readJobs(record),
  };
  const version = readOptional(record, "version", "state", readVersion);
  if (version !== undefined) state.version = version;
  return state;
}

/**
 * The state's `version`, 0 when absent. Read as an own property: a `version` set on
 * `Object.prototype` is not the state's.
 *
 * @example
 * ```ts
 * import { versionOf } from "./parse-state";
 *
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [] } as const;
 * expect(versionOf(state)).toBe(0);
 * expect(versionOf({ ...state, version: 41 })).toBe(41);
 * ```
 */
export function versionOf(state: InstanceState): number {
  return hasOwn(state, "version") ? (state.version ?? 0) : 0;
}

function readJobs(record: Json): readonly BackupJob[] {
  const jobs = readItems(readRequired(record, "jobs", "state"), "state", "jobs", (job, index) => readJob(job, `state.jobs[${index}]`));
  const seen = new Set<string>();
  for (const [index, job] of jobs.entries()) {
    if (seen.has(job.jobId)) {
      reject(`state.jobs[${index}].jobId`, `state.jobs[${index}].jobId ${quote(job.jobId)} is used by an earlier job; job ids must be unique`);
    }
    seen.add(job.jobId);
  }
  return jobs;
}

function readJob(json: unknown, path: string): BackupJob {
  const record = asRecord(json, path, "an object (a backup job)");
  rejectUnknownKeys(record, JOB_FIELDS, path);
  const jobId = readString(record, "jobId", path);
  if (!DECIMAL_DIGITS.test(jobId)) reject(`${path}.jobId`, `${path}.jobId must be decimal digits; received ${quote(jobId)}`);
  const createdAt = readString(record, "createdAt", path);
  if (parseIsoInstant(createdAt) === undefined) {
    reject(`${path}.createdAt`, `${path}.createdAt must be an ISO 8601 instant with a zone, like "2026-01-31T08:00:00Z"; received ${quote(createdAt)}`);
  }
  const job: { -readonly [K in keyof BackupJob]: BackupJob[K] } = {
    jobId,
    status: readEnum(record, "status", JOB_STATUSES, path),
    mode: readEnum(record, "mode", JOB_MODES, path),
    method: readEnum(record, "method", BACKUP_METHODS, path),
    backupType: readEnum(record, "backupType", BACKUP_TYPES, path),
    createdAt,
  };
  const strategy = readOptional(record, "strategy", path, expectStrategy);
  if (strategy !== undefined) job.strategy = strategy;
  const dbNames = readOptional(record, "dbNames", path, expectStrings);
  if (dbNames !== undefined) job.dbNames = dbNames;
  const retentionPeriod = readOptional(record, "retentionPeriod", path, readRetention);
  if (retentionPeriod !== undefined) job.retentionPeriod = retentionPeriod;
  const idempotencyKey = readOptional(record, "idempotencyKey", path, readIdempotencyKey);
  if (idempotencyKey !== undefined) job.idempotencyKey = idempotencyKey;
  return job;
}

function readRequired(record: Json, key: string, parent: string): unknown {
  if (!hasOwn(record, key) || record[key] === undefined) reject(pathOf(parent, key), `${pathOf(parent, key)} is missing`);
  return record[key];
}

function readOptional<T>(record: Json, key: string, parent: string, read: (value: unknown, parent: string, key: string) => T): T | undefined {
  if (!hasOwn(record, key)) return undefined;
  const value = record[key];
  return value === undefined ? undefined : read(value, parent, key);
}

function readString(record: Json, key: string, parent: string): string {
  return expectString(readRequired(record, key, parent), parent, key);
}

function readEnum<T extends string>(record: Json, key: string, values: readonly T[], parent: string): T {
  return expectEnum(readRequired(record, key, parent), values, parent, key);
}

function expectString(value: unknown, parent: string, key: string | number): string {
  if (typeof value !== "string") reject(pathOf(parent, key), `${pathOf(parent, key)} must be a string; received ${describeValue(value)}`);
  return value;
}

function expectEnum<T extends string>(value: unknown, values: readonly T[], parent: string, key: string): T {
  if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be ${oneOf(values)}; received ${describeValue(value)}`);
  }
  return value as T;
}

function expectStrategy(value: unknown, parent: string, key: string): BackupStrategy {
  return expectEnum(value, BACKUP_STRATEGIES, parent, key);
}

/**
 * Each item of an array, read into a fresh array. By index up to `length`, never through the
 * array's iterator (which a caller may have replaced by one that never ends), and own items only
 * (a hole reads as `undefined`, not as what `Object.prototype` holds at that index).
 */
function readItems<T>(value: unknown, parent: string, key: string, read: (item: unknown, index: number) => T): T[] {
  if (!Array.isArray(value)) reject(pathOf(parent, key), `${pathOf(parent, key)} must be an array; received ${describeValue(value)}`);
  const items: readonly unknown[] = value;
  const length: unknown = items.length;
  // Only a proxy can answer another length; what it says is not an array's.
  if (!Number.isInteger(length) || (length as number) < 0 || (length as number) > MAX_ARRAY_LENGTH) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be an array; its length is ${describeValue(length)}`);
  }
  const result: T[] = [];
  for (let index = 0; index < (length as number); index++) result.push(read(hasOwn(items, index) ? items[index] : undefined, index));
  return result;
}

function expectStrings(value: unknown, parent: string, key: string): readonly string[] {
  const path = pathOf(parent, key);
  return readItems(value, parent, key, (item, index) => expectString(item, path, index));
}

function readVersion(value: unknown, parent: string, key: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be a non-negative integer; received ${describeValue(value)}`);
  }
  return value;
}

function readRetention(value: unknown, parent: string, key: string): number {
  if (typeof value !== "number" || !isRetentionPeriod(value)) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be an integer from 7 to 730, or -1; received ${describeValue(value)}`);
  }
  return value;
}

function readIdempotencyKey(value: unknown, parent: string, key: string): string {
  if (typeof value !== "string" || !isIdempotencyKey(value)) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be 1 to 64 printable ASCII characters; received ${describeValue(value)}`);
  }
  return value;
}
