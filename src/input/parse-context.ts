import { DEFAULT_DAILY_BACKUP_LIMIT, DEFAULT_TIME_ZONE, isIdempotencyKey } from "../domain/vocabulary";
import { describeValue, quote } from "../text/describe";
import { parseIsoInstant } from "../time/iso-instant";
import { timeZoneContext, type ZoneContext } from "../time/time-zone";
import { asRecord, ownValue, parseSafely, reject, rejectUnknownKeys, type Parsed } from "./parsed";

/**
 * A decision context after parsing: the clock as epoch milliseconds, the policy with its defaults.
 * Every field is an own property (`undefined` when not given), so no key set on `Object.prototype`
 * can stand in for one.
 */
export interface ParsedContext {
  /** The decision's clock, epoch milliseconds. */
  readonly now: number;
  readonly requestId: string | undefined;
  readonly jobId: string | undefined;
  /** 1 to 64 printable ASCII characters. */
  readonly idempotencyKey: string | undefined;
  readonly dailyBackupLimit: number;
  readonly timeZone: string;
  /** Calendar arithmetic in `timeZone`. */
  readonly zone: ZoneContext;
}

const CONTEXT_FIELDS = ["now", "requestId", "jobId", "idempotencyKey", "policy"];
const POLICY_FIELDS = ["dailyBackupLimit", "timeZone"];
const DECIMAL_DIGITS = /^[0-9]+$/;
/** The policy of a context that gives none: every default. */
const NO_POLICY: Readonly<Record<string, unknown>> = Object.freeze({});
/** The instants whose UTC ISO text has a four-digit year, as job `createdAt` must. */
const FIRST_INSTANT = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const LAST_INSTANT = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/**
 * Parses the caller's `DecisionContext`, or names the first problem (`context.policy.timeZone`).
 * Whether `jobId` is free in the state is rule 1's to check, not the parser's. Never throws.
 * `idempotencyKey`, when given, is 1 to 64 printable ASCII characters.
 *
 * @example
 * ```ts
 * import { parseContext } from "./parse-context";
 *
 * const parsed = parseContext({ now: "2026-03-08T12:00:00-05:00", policy: { timeZone: "America/New_York" } });
 * expect(parsed.ok && parsed.value.now).toBe(Date.UTC(2026, 2, 8, 17));
 * expect(parsed.ok && parsed.value.dailyBackupLimit).toBe(20);
 * expect(parseContext({ now: "2026-03-08T12:00:00" }).ok).toBe(false);
 * expect(parseContext({ now: "2026-03-08T12:00:00Z", idempotencyKey: "" }).ok).toBe(false);
 * ```
 */
export function parseContext(context: unknown): Parsed<ParsedContext> {
  return parseSafely("context", readContext, context);
}

function readContext(context: unknown): ParsedContext {
  const record = asRecord(context, "context", "an object ({ now, requestId?, jobId?, idempotencyKey?, policy? })");
  rejectUnknownKeys(record, CONTEXT_FIELDS, "context");
  const now = ownValue(record, "now");
  if (now === undefined) reject("context.now", "context.now is missing: pass the decision's clock as a Date or an ISO 8601 string");
  const policy = readPolicy(ownValue(record, "policy"));
  const requestId = readOptionalText(ownValue(record, "requestId"), "context.requestId");
  const jobId = readOptionalText(ownValue(record, "jobId"), "context.jobId");
  if (jobId !== undefined && !DECIMAL_DIGITS.test(jobId)) {
    reject("context.jobId", `context.jobId must be decimal digits, like "5073731"; received ${quote(jobId)}`);
  }
  const idempotencyKey = ownValue(record, "idempotencyKey");
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== "string" || !isIdempotencyKey(idempotencyKey))) {
    reject(
      "context.idempotencyKey",
      `context.idempotencyKey must be 1 to 64 printable ASCII characters; received ${describeValue(idempotencyKey)}`,
    );
  }
  return {
    now: readNow(now),
    dailyBackupLimit: policy.dailyBackupLimit,
    timeZone: policy.timeZone,
    zone: policy.zone,
    requestId,
    jobId,
    idempotencyKey,
  };
}

function readNow(now: unknown): number {
  const instant = readInstant(now);
  if (instant < FIRST_INSTANT || instant > LAST_INSTANT) {
    reject("context.now", "context.now must fall between the years 0000 and 9999 (UTC)");
  }
  return instant;
}

function readInstant(now: unknown): number {
  if (typeof now === "string") {
    const instant = parseIsoInstant(now);
    if (instant === undefined) {
      reject(
        "context.now",
        `context.now must be an ISO 8601 instant with a zone (Z or ±hh:mm), like "2026-01-31T08:00:00Z"; received ${quote(now)}`,
      );
    }
    return instant;
  }
  if (Object.prototype.toString.call(now) === "[object Date]") {
    const instant = Date.prototype.getTime.call(now);
    if (Number.isNaN(instant)) reject("context.now", "context.now is an invalid Date");
    return instant;
  }
  return reject("context.now", `context.now must be a Date or an ISO 8601 string; received ${describeValue(now)}`);
}

function readPolicy(policy: unknown): Pick<ParsedContext, "dailyBackupLimit" | "timeZone" | "zone"> {
  const record = policy === undefined ? NO_POLICY : asRecord(policy, "context.policy", "an object ({ dailyBackupLimit?, timeZone? })");
  rejectUnknownKeys(record, POLICY_FIELDS, "context.policy");
  const limit = withDefault(ownValue(record, "dailyBackupLimit"), DEFAULT_DAILY_BACKUP_LIMIT);
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1) {
    reject(
      "context.policy.dailyBackupLimit",
      `context.policy.dailyBackupLimit must be a positive integer; received ${describeValue(limit)}`,
    );
  }
  const timeZone = withDefault(ownValue(record, "timeZone"), DEFAULT_TIME_ZONE);
  if (typeof timeZone !== "string") {
    reject("context.policy.timeZone", `context.policy.timeZone must be an IANA time zone name; received ${describeValue(timeZone)}`);
  }
  const zone = timeZoneContext(timeZone);
  if (zone === undefined) {
    reject(
      "context.policy.timeZone",
      `context.policy.timeZone must be an IANA time zone name, like "Asia/Shanghai"; ${quote(timeZone)} is not one`,
    );
  }
  return { dailyBackupLimit: limit, timeZone, zone };
}

function readOptionalText(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") reject(path, `${path} must be a non-empty string; received ${describeValue(value)}`);
  return value;
}

function withDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}
