import type { BackupJob, InstanceState } from "../domain/types";
import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  ENGINES,
  INSTANCE_STATUSES,
  JOB_MODES,
  JOB_STATUSES,
  MYSQL_VERSIONS,
  STORAGE_TYPES,
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
];
const DECIMAL_DIGITS = /^[0-9]+$/;

/**
 * Parses untrusted JSON into an `InstanceState`, or names the first problem by its JSON path
 * (`state.jobs[1].createdAt`). The result is a fresh object holding only the fields of spec
 * section 2; the input is never modified. Never throws.
 *
 * @example
 * ```ts
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

function readState(json: unknown): InstanceState {
  const record = asRecord(json, "state", "an object (the instance state)");
  rejectUnknownKeys(record, STATE_FIELDS, "state");
  const engine = readEnum(record, "engine", ENGINES, "state");
  const engineVersion = readString(record, "engineVersion", "state");
  if (engine === "MySQL" && !(MYSQL_VERSIONS as readonly string[]).includes(engineVersion)) {
    reject("state.engineVersion", `state.engineVersion must be ${oneOf(MYSQL_VERSIONS)} on MySQL; received ${quote(engineVersion)}`);
  }
  const storageType = readEnum(record, "storageType", STORAGE_TYPES, "state");
  if (engine === "MariaDB" && storageType === "local_ssd") {
    reject("state.storageType", 'state.storageType cannot be "local_ssd" on MariaDB: RDS MariaDB runs on cloud disks only');
  }
  const state: InstanceState = {
    instanceId: readString(record, "instanceId", "state"),
    engine,
    engineVersion,
    storageType,
    status: readEnum(record, "status", INSTANCE_STATUSES, "state"),
    databases: readStrings(record, "databases", "state"),
    jobs: readJobs(record),
  };
  const version = readOptional(record, "version", "state", readVersion);
  return version === undefined ? state : { ...state, version };
}

function readJobs(record: Readonly<Record<string, unknown>>): readonly BackupJob[] {
  const jobs = Array.from(readArray(record, "jobs", "state"), (job, index) => readJob(job, `state.jobs[${index}]`));
  const seen = new Set<string>();
  jobs.forEach((job, index) => {
    if (seen.has(job.jobId)) {
      reject(`state.jobs[${index}].jobId`, `state.jobs[${index}].jobId ${quote(job.jobId)} is used by an earlier job; job ids must be unique`);
    }
    seen.add(job.jobId);
  });
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
  const strategy = readOptional(record, "strategy", path, (value, at) => expectEnum(value, BACKUP_STRATEGIES, at));
  if (strategy !== undefined) job.strategy = strategy;
  const dbNames = readOptional(record, "dbNames", path, expectStrings);
  if (dbNames !== undefined) job.dbNames = dbNames;
  const retentionPeriod = readOptional(record, "retentionPeriod", path, readRetention);
  if (retentionPeriod !== undefined) job.retentionPeriod = retentionPeriod;
  return job;
}

function readRequired(record: Readonly<Record<string, unknown>>, key: string, path: string): unknown {
  if (!hasOwn(record, key) || record[key] === undefined) reject(`${path}.${key}`, `${path}.${key} is missing`);
  return record[key];
}

function readOptional<T>(
  record: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
  read: (value: unknown, path: string) => T,
): T | undefined {
  if (!hasOwn(record, key)) return undefined;
  const value = record[key];
  return value === undefined ? undefined : read(value, `${path}.${key}`);
}

function readString(record: Readonly<Record<string, unknown>>, key: string, path: string): string {
  return expectString(readRequired(record, key, path), `${path}.${key}`);
}

function readEnum<T extends string>(record: Readonly<Record<string, unknown>>, key: string, values: readonly T[], path: string): T {
  return expectEnum(readRequired(record, key, path), values, `${path}.${key}`);
}

function readArray(record: Readonly<Record<string, unknown>>, key: string, path: string): readonly unknown[] {
  return expectArray(readRequired(record, key, path), `${path}.${key}`);
}

function readStrings(record: Readonly<Record<string, unknown>>, key: string, path: string): readonly string[] {
  return expectStrings(readRequired(record, key, path), `${path}.${key}`);
}

function expectString(value: unknown, path: string): string {
  if (typeof value !== "string") reject(path, `${path} must be a string; received ${describeValue(value)}`);
  return value;
}

function expectEnum<T extends string>(value: unknown, values: readonly T[], path: string): T {
  if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
    reject(path, `${path} must be ${oneOf(values)}; received ${describeValue(value)}`);
  }
  return value as T;
}

function expectArray(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) reject(path, `${path} must be an array; received ${describeValue(value)}`);
  return value;
}

function expectStrings(value: unknown, path: string): readonly string[] {
  return Array.from(expectArray(value, path), (item, index) => expectString(item, `${path}[${index}]`));
}

function readVersion(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    reject(path, `${path} must be a non-negative integer; received ${describeValue(value)}`);
  }
  return value;
}

function readRetention(value: unknown, path: string): number {
  if (typeof value !== "number" || !isRetentionPeriod(value)) {
    reject(path, `${path} must be an integer from 7 to 730, or -1; received ${describeValue(value)}`);
  }
  return value;
}
