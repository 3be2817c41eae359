import { tzOffset } from "@date-fns/tz";
import type { BackupJob, InstanceState } from "../../src/index";
import { parseIsoInstant } from "../../src/time/iso-instant";
import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  COMMON_PARAMETERS,
  CREATE_BACKUP_PARAMETERS,
  ENGINES,
  INSTANCE_STATUSES,
  JOB_MODES,
  JOB_STATUSES,
  LOCAL_STORAGE_TYPES,
  SINGLE_DATABASE_MYSQL_VERSIONS,
  STORAGE_TYPES,
} from "../../src/domain/vocabulary";

/**
 * The checks of the 31 CreateBackup rules written as plain functions, with no messages and no
 * allocation beyond what a hand-written validator would do. The floor validator calls them from a
 * chain of `if`s; the json-rules-engine encoding calls them from its facts. Independent of the
 * library's code but for the vocabulary (the value sets of the spec) and the ISO 8601 instant
 * parser (allocation-free, so every implementation pays the same for each `createdAt`).
 */

const DAY = 86_400_000;
const FIRST_INSTANT = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const LAST_INSTANT = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

export const METHOD_SET: ReadonlySet<string> = new Set(BACKUP_METHODS);
export const STRATEGY_SET: ReadonlySet<string> = new Set(BACKUP_STRATEGIES);
export const TYPE_SET: ReadonlySet<string> = new Set(BACKUP_TYPES);
export const KNOWN_PARAMETER_SET: ReadonlySet<string> = new Set([...CREATE_BACKUP_PARAMETERS, ...COMMON_PARAMETERS]);
const ENGINE_SET: ReadonlySet<string> = new Set(ENGINES);
const MYSQL_VERSION = /^[0-9]+\.[0-9]+$/;
const SINGLE_DATABASE_MYSQL_SET: ReadonlySet<string> = new Set(SINGLE_DATABASE_MYSQL_VERSIONS);
const LOCAL_STORAGE_SET: ReadonlySet<string> = new Set(LOCAL_STORAGE_TYPES);
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,64}$/;
const STORAGE_SET: ReadonlySet<string> = new Set(STORAGE_TYPES);
const STATUS_SET: ReadonlySet<string> = new Set(INSTANCE_STATUSES);
const JOB_STATUS_SET: ReadonlySet<string> = new Set(JOB_STATUSES);
const MODE_SET: ReadonlySet<string> = new Set(JOB_MODES);
const STATE_KEYS: ReadonlySet<string> = new Set([
  "instanceId",
  "engine",
  "engineVersion",
  "storageType",
  "status",
  "databases",
  "jobs",
  "version",
]);
const JOB_KEYS: ReadonlySet<string> = new Set([
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
]);
const CONTEXT_KEYS: ReadonlySet<string> = new Set(["now", "requestId", "jobId", "idempotencyKey", "policy"]);
const POLICY_KEYS: ReadonlySet<string> = new Set(["dailyBackupLimit", "timeZone"]);
const DECIMAL = /^[0-9]+$/;
const DB_NAME_ITEM = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** The decision context once rule 1 holds. */
export interface PlainContext {
  readonly now: number;
  readonly dailyBackupLimit: number;
  readonly timeZone: string;
  readonly jobId: string | undefined;
  readonly idempotencyKey: string | undefined;
}

type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(record: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function onlyKeys(record: Json, known: ReadonlySet<string>): boolean {
  for (const key of Object.keys(record)) if (!known.has(key)) return false;
  return true;
}

/** Rule 1 without the "jobId already used" part: the context, read, or `undefined` when invalid. */
export function readContext(context: unknown): PlainContext | undefined {
  if (!isRecord(context) || !onlyKeys(context, CONTEXT_KEYS)) return undefined;
  const now = readNow(own(context, "now"));
  if (Number.isNaN(now) || now < FIRST_INSTANT || now > LAST_INSTANT) return undefined;
  const requestId = own(context, "requestId");
  if (requestId !== undefined && (typeof requestId !== "string" || requestId === "")) return undefined;
  const jobId = own(context, "jobId");
  if (jobId !== undefined && (typeof jobId !== "string" || !DECIMAL.test(jobId))) return undefined;
  const idempotencyKey = own(context, "idempotencyKey");
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== "string" || !IDEMPOTENCY_KEY.test(idempotencyKey))) return undefined;
  const policy = own(context, "policy");
  let dailyBackupLimit: unknown = 20;
  let timeZone: unknown = "UTC";
  if (policy !== undefined) {
    if (!isRecord(policy) || !onlyKeys(policy, POLICY_KEYS)) return undefined;
    const limit = own(policy, "dailyBackupLimit");
    const zone = own(policy, "timeZone");
    if (limit !== undefined) dailyBackupLimit = limit;
    if (zone !== undefined) timeZone = zone;
  }
  if (typeof dailyBackupLimit !== "number" || !Number.isSafeInteger(dailyBackupLimit) || dailyBackupLimit < 1) return undefined;
  if (typeof timeZone !== "string" || !isKnownZone(timeZone)) return undefined;
  return { now, dailyBackupLimit, timeZone, jobId, idempotencyKey };
}

function readNow(now: unknown): number {
  if (typeof now === "string") return parseInstant(now);
  if (Object.prototype.toString.call(now) === "[object Date]") return Date.prototype.getTime.call(now);
  return NaN;
}

/** Rule 1's other half: the caller's jobId is the id of a job already in the state (but the one carrying the same key). */
export function isJobIdTaken(state: InstanceState, jobId: string | undefined, idempotencyKey: string | undefined): boolean {
  if (jobId === undefined) return false;
  for (const job of state.jobs)
    if (job.jobId === jobId && (idempotencyKey === undefined || job.idempotencyKey !== idempotencyKey)) return true;
  return false;
}

/** Rule 15: the first job carrying the key, if any. */
export function keyedJob(state: InstanceState, idempotencyKey: string | undefined): BackupJob | undefined {
  if (idempotencyKey === undefined) return undefined;
  for (const job of state.jobs) if (job.idempotencyKey === idempotencyKey) return job;
  return undefined;
}

/** Rule 15: whether the request (parameters as sent, defaults resolved) asks for another backup than the job. */
export function differsFromJob(
  job: BackupJob,
  method: string,
  backupType: string,
  strategy: string | undefined,
  dbNames: string | undefined,
  retention: string | undefined,
): boolean {
  return (
    job.method !== method ||
    job.backupType !== backupType ||
    job.strategy !== strategy ||
    job.dbNames?.join(",") !== dbNames ||
    (job.retentionPeriod === undefined ? undefined : String(job.retentionPeriod)) !==
      (retention === undefined ? undefined : String(Number(retention)))
  );
}

/** Whether the storage type is a local disk. */
export function isLocal(storageType: string): boolean {
  return LOCAL_STORAGE_SET.has(storageType);
}

/** Rule 24: BackupStrategy=db on a MySQL version other than the documented ones. */
export function isUndocumentedSingleDatabaseVersion(engineVersion: string): boolean {
  return !SINGLE_DATABASE_MYSQL_SET.has(engineVersion);
}

const knownZones = new Map<string, boolean>();

/** Whether a name is an IANA time zone this runtime knows (offsets such as +05:00 are not). */
export function isKnownZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    known = ZONE_NAME.test(name) && acceptsZone(name);
    if (knownZones.size < 1024) knownZones.set(name, known);
  }
  return known;
}

function acceptsZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Rule 2: the state has the shape of `InstanceState` (docs/rules.md, `state.invalid`). */
export function isValidState(state: unknown): state is InstanceState {
  if (!isRecord(state) || !onlyKeys(state, STATE_KEYS)) return false;
  const engine = own(state, "engine");
  const engineVersion = own(state, "engineVersion");
  const storageType = own(state, "storageType");
  if (typeof engine !== "string" || !ENGINE_SET.has(engine) || typeof engineVersion !== "string" || engineVersion === "") return false;
  if (engine === "MySQL" && !MYSQL_VERSION.test(engineVersion)) return false;
  if (typeof storageType !== "string" || !STORAGE_SET.has(storageType)) return false;
  if (engine === "MariaDB" && LOCAL_STORAGE_SET.has(storageType)) return false;
  const status = own(state, "status");
  if (typeof own(state, "instanceId") !== "string" || typeof status !== "string" || !STATUS_SET.has(status)) return false;
  if (!isStringArray(own(state, "databases"))) return false;
  const jobs = own(state, "jobs");
  if (!Array.isArray(jobs)) return false;
  const ids = new Set<string>();
  for (const job of jobs) {
    if (!isValidJob(job) || ids.has(job.jobId)) return false;
    ids.add(job.jobId);
  }
  const version = own(state, "version");
  return version === undefined || (typeof version === "number" && Number.isSafeInteger(version) && version >= 0);
}

function isValidJob(job: unknown): job is BackupJob {
  if (!isRecord(job) || !onlyKeys(job, JOB_KEYS)) return false;
  const { jobId, createdAt, status, mode, method, backupType } = job;
  if (typeof jobId !== "string" || !DECIMAL.test(jobId)) return false;
  if (typeof createdAt !== "string" || Number.isNaN(parseInstant(createdAt))) return false;
  if (!inSet(status, JOB_STATUS_SET) || !inSet(mode, MODE_SET) || !inSet(method, METHOD_SET) || !inSet(backupType, TYPE_SET)) return false;
  const strategy = own(job, "strategy");
  const dbNames = own(job, "dbNames");
  const retentionPeriod = own(job, "retentionPeriod");
  if (strategy !== undefined && !inSet(strategy, STRATEGY_SET)) return false;
  if (dbNames !== undefined && !isStringArray(dbNames)) return false;
  const idempotencyKey = own(job, "idempotencyKey");
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== "string" || !IDEMPOTENCY_KEY.test(idempotencyKey))) return false;
  return retentionPeriod === undefined || (typeof retentionPeriod === "number" && isRetention(retentionPeriod));
}

function inSet(value: unknown, set: ReadonlySet<string>): boolean {
  return typeof value === "string" && set.has(value);
}

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== "string") return false;
  return true;
}

/** A BackupRetentionPeriod in days: an integer from 7 to 730, or -1. */
export function isRetention(days: number): boolean {
  return Number.isInteger(days) && ((days >= 7 && days <= 730) || days === -1);
}

/** Rule 13: the BackupRetentionPeriod text is a decimal integer from 7 to 730, or -1. */
export function isRetentionText(text: string): boolean {
  return INTEGER_TEXT.test(text) && isRetention(Number(text));
}

/** Rule 12: DBName is comma-separated, well-formed, distinct names. */
export function isDbNameList(text: string): boolean {
  const items = text.split(",");
  const seen = new Set<string>();
  for (const item of items) {
    if (!DB_NAME_ITEM.test(item) || seen.has(item)) return false;
    seen.add(item);
  }
  return true;
}

/** Rule 29: some DBName item is not a database (case-insensitive on SQL Server). */
export function hasMissingDatabase(state: InstanceState, dbNames: string): boolean {
  const fold = state.engine === "SQLServer";
  const existing = new Set<string>();
  for (const name of state.databases) existing.add(fold ? name.toLowerCase() : name);
  for (const item of dbNames.split(",")) if (!existing.has(fold ? item.toLowerCase() : item)) return true;
  return false;
}

/** Rule 30: the number of ongoing jobs. */
export function ongoingJobCount(state: InstanceState): number {
  let count = 0;
  for (const job of state.jobs) if (job.status !== "Finished" && job.status !== "Failed") count++;
  return count;
}

/** Rule 31: the jobs created on the policy day of `now` that did not fail. */
export function jobsToday(state: InstanceState, context: PlainContext): number {
  const start = startOfLocalDay(context.now, context.timeZone, 0);
  const end = startOfLocalDay(context.now, context.timeZone, 1);
  let count = 0;
  for (const job of state.jobs) {
    if (job.status === "Failed") continue;
    const createdAt = parseInstant(job.createdAt);
    if (createdAt >= start && createdAt < end) count++;
  }
  return count;
}

/** The first instant of the local calendar day `days` after the one holding `now`. */
function startOfLocalDay(now: number, timeZone: string, days: number): number {
  if (timeZone === "UTC") return now - modulo(now, DAY) + days * DAY;
  const offsetAtNow = offsetMs(timeZone, now);
  const local = now + offsetAtNow;
  const midnight = local - modulo(local, DAY) + days * DAY;
  return midnight - offsetMs(timeZone, midnight - offsetAtNow);
}

function offsetMs(timeZone: string, instant: number): number {
  return tzOffset(timeZone, new Date(instant)) * 60_000;
}

function modulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

/** An ISO 8601 instant with a zone, in epoch ms; NaN when the text is not one (the library's parser). */
export function parseInstant(text: string): number {
  return parseIsoInstant(text) ?? NaN;
}
