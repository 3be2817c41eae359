import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  DEFAULT_BACKUP_METHOD,
  DEFAULT_BACKUP_TYPE,
  RETENTION,
  type BackupMethod,
  type BackupStrategy,
  type BackupType,
} from "../domain/vocabulary";
import type { RawParameters } from "./parse-request";

/**
 * One parameter read into its typed value: absent, valid, invalid with the reason, or malformed
 * (repeated, or not a string: rule 4 reports it, and no value rule judges it).
 */
export type Field<T> =
  | { readonly kind: "absent" }
  | { readonly kind: "valid"; readonly value: T; readonly raw: string }
  | { readonly kind: "invalid"; readonly raw: string; readonly reason: string }
  | { readonly kind: "malformed" };

/** The CreateBackup parameters, each read into its typed value. */
export interface RequestFields {
  readonly action: Field<string>;
  readonly instanceId: Field<string>;
  readonly backupMethod: Field<BackupMethod>;
  readonly backupStrategy: Field<BackupStrategy>;
  readonly dbNames: Field<readonly string[]>;
  readonly backupType: Field<BackupType>;
  readonly retentionPeriod: Field<number>;
}

/**
 * A request whose every parameter is valid: what the business rules (14–31) decide on. Every field
 * is an own property (`undefined` when the parameter is absent), so no key set on
 * `Object.prototype` can stand in for one.
 */
export interface BackupRequest {
  readonly instanceId: string;
  /** The method given, or Physical by default. */
  readonly method: BackupMethod;
  readonly strategy: BackupStrategy | undefined;
  readonly dbNames: readonly string[] | undefined;
  /** The type given, or Auto by default. */
  readonly backupType: BackupType;
  readonly retentionPeriod: number | undefined;
}

const ABSENT = { kind: "absent" } as const;
const MALFORMED = { kind: "malformed" } as const;
const DB_NAME_ITEM = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;

/**
 * Reads each CreateBackup parameter into its typed value. An empty Action or DBInstanceId counts
 * as absent; an empty value of any other parameter is invalid; a repeated or non-string value is
 * malformed.
 *
 * @example
 * ```ts
 * import { readRequestFields } from "./request-fields";
 *
 * const fields = readRequestFields(new Map([
 *   ["BackupMethod", { kind: "value", value: "Snapshot" }],
 *   ["DBName", { kind: "value", value: "a,,b" }],
 *   ["BackupType", { kind: "repeated", count: 2 }],
 * ]));
 * expect(fields.backupMethod).toEqual({ kind: "valid", value: "Snapshot", raw: "Snapshot" });
 * expect(fields.dbNames.kind).toBe("invalid");
 * expect(fields.backupType.kind).toBe("malformed");
 * expect(fields.action.kind).toBe("absent");
 * ```
 */
export function readRequestFields(parameters: RawParameters): RequestFields {
  return {
    action: readRequiredText(textOf(parameters, "Action")),
    instanceId: readRequiredText(textOf(parameters, "DBInstanceId")),
    backupMethod: readEnum(textOf(parameters, "BackupMethod"), BACKUP_METHODS),
    backupStrategy: readEnum(textOf(parameters, "BackupStrategy"), BACKUP_STRATEGIES),
    dbNames: readField(textOf(parameters, "DBName"), parseDbNames),
    backupType: readEnum(textOf(parameters, "BackupType"), BACKUP_TYPES),
    retentionPeriod: readField(textOf(parameters, "BackupRetentionPeriod"), parseRetentionPeriod),
  };
}

/** A parameter's text: its value, `MALFORMED` when repeated or not a string, `undefined` when absent. */
function textOf(parameters: RawParameters, name: string): Text {
  const parameter = parameters.get(name);
  return parameter === undefined ? undefined : parameter.kind === "value" ? parameter.value : MALFORMED;
}

/**
 * The typed request, when DBInstanceId is present and every other parameter is absent or valid;
 * defaults are filled in (method Physical, type Auto).
 *
 * @example
 * ```ts
 * import { readRequestFields, toBackupRequest } from "./request-fields";
 *
 * const request = toBackupRequest(readRequestFields(new Map([["DBInstanceId", { kind: "value", value: "rm-1" }]])));
 * expect(request).toEqual({ instanceId: "rm-1", method: "Physical", backupType: "Auto" });
 * expect(Object.hasOwn(request!, "strategy")).toBe(true); // undefined, and own: Object.prototype cannot supply one
 * ```
 */
export function toBackupRequest(fields: RequestFields): BackupRequest | undefined {
  const { instanceId, backupMethod, backupStrategy, dbNames, backupType, retentionPeriod } = fields;
  if (instanceId.kind !== "valid") return undefined;
  if (!isUsable(backupMethod) || !isUsable(backupStrategy) || !isUsable(dbNames) || !isUsable(backupType) || !isUsable(retentionPeriod)) {
    return undefined;
  }
  return {
    instanceId: instanceId.value,
    method: valueOf(backupMethod) ?? DEFAULT_BACKUP_METHOD,
    strategy: valueOf(backupStrategy),
    dbNames: valueOf(dbNames),
    backupType: valueOf(backupType) ?? DEFAULT_BACKUP_TYPE,
    retentionPeriod: valueOf(retentionPeriod),
  };
}

/** Absent or valid: neither invalid nor malformed. */
function isUsable(field: Field<unknown>): boolean {
  return field.kind === "absent" || field.kind === "valid";
}

/**
 * Whether a number is a BackupRetentionPeriod: an integer from 7 to 730, or -1.
 *
 * @example
 * ```ts
 * import { isRetentionPeriod } from "./request-fields";
 *
 * expect([7, 730, -1].every(isRetentionPeriod)).toBe(true);
 * expect([6, 731, 0, 7.5].some(isRetentionPeriod)).toBe(false);
 * ```
 */
export function isRetentionPeriod(days: number): boolean {
  return Number.isInteger(days) && ((days >= RETENTION.min && days <= RETENTION.max) || days === RETENTION.longTerm);
}

function valueOf<T>(field: Field<T>): T | undefined {
  return field.kind === "valid" ? field.value : undefined;
}

/** A parameter's text: its value, `MALFORMED`, or `undefined` when absent. */
type Text = string | typeof MALFORMED | undefined;

function readRequiredText(raw: Text): Field<string> {
  if (raw === undefined || raw === "") return ABSENT;
  return typeof raw === "string" ? { kind: "valid", value: raw, raw } : MALFORMED;
}

function readEnum<T extends string>(raw: Text, values: readonly T[]): Field<T> {
  if (raw === undefined) return ABSENT;
  if (typeof raw !== "string") return MALFORMED;
  return (values as readonly string[]).includes(raw)
    ? { kind: "valid", value: raw as T, raw }
    : { kind: "invalid", raw, reason: "it is not one of the accepted values" };
}

type Reading<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

function readField<T>(raw: Text, parse: (raw: string) => Reading<T>): Field<T> {
  if (raw === undefined) return ABSENT;
  if (typeof raw !== "string") return MALFORMED;
  const reading = parse(raw);
  return reading.ok ? { kind: "valid", value: reading.value, raw } : { kind: "invalid", raw, reason: reading.reason };
}

function parseDbNames(raw: string): Reading<readonly string[]> {
  const items = raw.split(",");
  const seen = new Set<string>();
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as string;
    if (item === "") return { ok: false, reason: `item ${index + 1} is empty` };
    if (!DB_NAME_ITEM.test(item)) {
      return {
        ok: false,
        reason:
          item.length > 64
            ? `item ${index + 1} is ${item.length} characters long, more than 64`
            : `item ${index + 1} must start with a letter and hold only letters, digits, "_" and "-"`,
      };
    }
    if (seen.has(item)) return { ok: false, reason: `item ${index + 1} repeats "${item}"` };
    seen.add(item);
  }
  return { ok: true, value: items };
}

function parseRetentionPeriod(raw: string): Reading<number> {
  if (!INTEGER_TEXT.test(raw)) return { ok: false, reason: "it is not an integer written in decimal digits" };
  const days = Number(raw);
  return isRetentionPeriod(days) ? { ok: true, value: days } : { ok: false, reason: "it is out of range" };
}
