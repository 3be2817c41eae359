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
} from "../domain/vocabulary";
import { describeValue, oneOf, quote } from "../text/describe";
import { isStorableText } from "../text/storable-text";
import { createdAtInstant } from "../time/iso-instant";
import { asRecord, firstUnknownKey, hasOwn, parseSafely, reject, rejectUnknownKey, rejectUnknownKeys, type Parsed } from "./parsed";
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
 * `InstanceState` (decision 0038); the input is never modified. Never throws.
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
  return parseSafely("state", readState, json);
}

type Json = Readonly<Record<string, unknown>>;

/**
 * Where a value is: a path (`state`, `state.databases`), or the index of a job (`state.jobs[1]`).
 * A job's path text is built only for a message, so a valid state costs no strings.
 */
type Parent = string | number;

/** The path of a job, or of any other parent. */
function parentPath(parent: Parent): string {
  return typeof parent === "number" ? `state.jobs[${parent}]` : parent;
}

/** The path of a field (a name) or an array item (an index) of a parent. */
function pathOf(parent: Parent, key: string | number): string {
  return typeof key === "number" ? `${parentPath(parent)}[${key}]` : `${parentPath(parent)}.${key}`;
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
  const version = readOptional(record, "version");
  if (version !== undefined) state.version = readVersion(version, "state", "version");
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
  const value = readRequired(record, "jobs", "state");
  const length = arrayLength(value, "state", "jobs");
  const items = value as readonly unknown[];
  const jobs: BackupJob[] = [];
  for (let index = 0; index < length; index++) {
    const job = readJob(hasOwn(items, index) ? items[index] : undefined, index);
    // A dozen jobs at most in practice: comparing with the earlier ones costs less than a Set.
    for (let earlier = 0; earlier < index; earlier++) {
      if ((jobs[earlier] as BackupJob).jobId === job.jobId) {
        reject(
          `state.jobs[${index}].jobId`,
          `state.jobs[${index}].jobId ${quote(job.jobId)} is used by an earlier job; job ids must be unique`,
        );
      }
    }
    jobs.push(job);
  }
  return jobs;
}

/** A job, each of its fields read once (a getter read once is a snapshot) into a fresh object. */
function readJob(json: unknown, index: number): BackupJob {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    const path = parentPath(index);
    reject(path, `${path} must be an object (a backup job); received ${describeValue(json)}`);
  }
  const record = json as Json;
  const unknownKey = firstUnknownKey(record, JOB_FIELDS);
  if (unknownKey !== undefined) rejectUnknownKey(parentPath(index), unknownKey, JOB_FIELDS);
  const jobId = readFormatted(record, "jobId", index);
  if (!DECIMAL_DIGITS.test(jobId))
    reject(pathOf(index, "jobId"), `${pathOf(index, "jobId")} must be decimal digits; received ${quote(jobId)}`);
  const createdAt = readFormatted(record, "createdAt", index);
  if (createdAtInstant(createdAt) === undefined) {
    const path = pathOf(index, "createdAt");
    reject(path, `${path} must be an ISO 8601 instant with a zone, like "2026-01-31T08:00:00Z"; received ${quote(createdAt)}`);
  }
  const job: { -readonly [K in keyof BackupJob]: BackupJob[K] } = {
    jobId,
    status: readEnum(record, "status", JOB_STATUSES, index),
    mode: readEnum(record, "mode", JOB_MODES, index),
    method: readEnum(record, "method", BACKUP_METHODS, index),
    backupType: readEnum(record, "backupType", BACKUP_TYPES, index),
    createdAt,
  };
  const strategy = readOptional(record, "strategy");
  if (strategy !== undefined) job.strategy = expectEnum(strategy, BACKUP_STRATEGIES, index, "strategy");
  const dbNames = readOptional(record, "dbNames");
  if (dbNames !== undefined) job.dbNames = expectStrings(dbNames, index, "dbNames");
  const retentionPeriod = readOptional(record, "retentionPeriod");
  if (retentionPeriod !== undefined) job.retentionPeriod = readRetention(retentionPeriod, index, "retentionPeriod");
  const idempotencyKey = readOptional(record, "idempotencyKey");
  if (idempotencyKey !== undefined) job.idempotencyKey = readIdempotencyKey(idempotencyKey, index, "idempotencyKey");
  return job;
}

/** An own field's value, read once; a missing one (absent, inherited or `undefined`) is rejected. */
function readRequired(record: Json, key: string, parent: Parent): unknown {
  const value = hasOwn(record, key) ? record[key] : undefined;
  if (value === undefined) reject(pathOf(parent, key), `${pathOf(parent, key)} is missing`);
  return value;
}

/** An own field's value, read once, or `undefined` (absent, inherited or `undefined`). */
function readOptional(record: Json, key: string): unknown {
  return hasOwn(record, key) ? record[key] : undefined;
}

function readString(record: Json, key: string, parent: Parent): string {
  return expectString(readRequired(record, key, parent), parent, key);
}

function readEnum<T extends string>(record: Json, key: string, values: readonly T[], parent: Parent): T {
  return expectEnum(readRequired(record, key, parent), values, parent, key);
}

/** A string whose own format check follows and admits only ASCII (a job id, an instant): storable by that check. */
function readFormatted(record: Json, key: string, parent: Parent): string {
  const value = readRequired(record, key, parent);
  if (typeof value !== "string") reject(pathOf(parent, key), `${pathOf(parent, key)} must be a string; received ${describeValue(value)}`);
  return value;
}

function expectString(value: unknown, parent: Parent, key: string | number): string {
  if (typeof value !== "string") reject(pathOf(parent, key), `${pathOf(parent, key)} must be a string; received ${describeValue(value)}`);
  if (!isStorableText(value)) rejectUnstorable(pathOf(parent, key), value);
  return value;
}

/** Rejects text a JSON store cannot hold (a lone surrogate or U+0000), naming its path. */
function rejectUnstorable(path: string, value: string): never {
  return reject(path, `${path} must be well-formed text without U+0000, which no JSON store can hold; received ${quote(value)}`);
}

function expectEnum<T extends string>(value: unknown, values: readonly T[], parent: Parent, key: string): T {
  if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be ${oneOf(values)}; received ${describeValue(value)}`);
  }
  return value as T;
}

/**
 * The length of an array whose items are read by index up to it, never through the array's
 * iterator (which a caller may have replaced by one that never ends); each item is read as an own
 * item only (a hole reads as `undefined`, not as what `Object.prototype` holds at that index).
 */
function arrayLength(value: unknown, parent: Parent, key: string): number {
  if (!Array.isArray(value)) reject(pathOf(parent, key), `${pathOf(parent, key)} must be an array; received ${describeValue(value)}`);
  const length: unknown = (value as readonly unknown[]).length;
  // Only a proxy can answer another length; what it says is not an array's.
  if (!Number.isInteger(length) || (length as number) < 0 || (length as number) > MAX_ARRAY_LENGTH) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be an array; its length is ${describeValue(length)}`);
  }
  return length as number;
}

/** An array of strings, read item by item into a fresh array. */
function expectStrings(value: unknown, parent: Parent, key: string): readonly string[] {
  const length = arrayLength(value, parent, key);
  const items = value as readonly unknown[];
  const strings: string[] = [];
  for (let index = 0; index < length; index++) {
    const item = hasOwn(items, index) ? items[index] : undefined;
    if (typeof item !== "string") {
      const path = pathOf(parent, key);
      reject(`${path}[${index}]`, `${path}[${index}] must be a string; received ${describeValue(item)}`);
    }
    if (!isStorableText(item)) rejectUnstorable(`${pathOf(parent, key)}[${index}]`, item);
    strings.push(item);
  }
  return strings;
}

function readVersion(value: unknown, parent: Parent, key: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be a non-negative integer; received ${describeValue(value)}`);
  }
  return value;
}

function readRetention(value: unknown, parent: Parent, key: string): number {
  if (typeof value !== "number" || !isRetentionPeriod(value)) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be an integer from 7 to 730, or -1; received ${describeValue(value)}`);
  }
  return value;
}

function readIdempotencyKey(value: unknown, parent: Parent, key: string): string {
  if (typeof value !== "string" || !isIdempotencyKey(value)) {
    reject(pathOf(parent, key), `${pathOf(parent, key)} must be 1 to 64 printable ASCII characters; received ${describeValue(value)}`);
  }
  return value;
}
