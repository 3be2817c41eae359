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

/** The request's parameters once every value is known to be a string (rules 3 and 4 passed). */
export type Parameters = ReadonlyMap<string, string>;

/** One parameter read into its typed value: absent, valid, or invalid with the reason. */
export type Field<T> =
  | { readonly kind: "absent" }
  | { readonly kind: "valid"; readonly value: T; readonly raw: string }
  | { readonly kind: "invalid"; readonly raw: string; readonly reason: string };

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

/** A request whose every parameter is valid: what the business rules (14–30) decide on. */
export interface BackupRequest {
  readonly instanceId: string;
  /** The method given, or Physical by default. */
  readonly method: BackupMethod;
  readonly strategy?: BackupStrategy;
  readonly dbNames?: readonly string[];
  /** The type given, or Auto by default. */
  readonly backupType: BackupType;
  readonly retentionPeriod?: number;
}

const ABSENT = { kind: "absent" } as const;
const DB_NAME_ITEM = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;

/**
 * Reads each CreateBackup parameter into its typed value. An empty Action or DBInstanceId counts
 * as absent; an empty value of any other parameter is invalid.
 *
 * @example
 * ```ts
 * const fields = readRequestFields(new Map([["BackupMethod", "Snapshot"], ["DBName", "a,,b"]]));
 * expect(fields.backupMethod).toEqual({ kind: "valid", value: "Snapshot", raw: "Snapshot" });
 * expect(fields.dbNames.kind).toBe("invalid");
 * expect(fields.action.kind).toBe("absent");
 * ```
 */
export function readRequestFields(parameters: Parameters): RequestFields {
  return {
    action: readRequiredText(parameters.get("Action")),
    instanceId: readRequiredText(parameters.get("DBInstanceId")),
    backupMethod: readEnum(parameters.get("BackupMethod"), BACKUP_METHODS),
    backupStrategy: readEnum(parameters.get("BackupStrategy"), BACKUP_STRATEGIES),
    dbNames: readField(parameters.get("DBName"), parseDbNames),
    backupType: readEnum(parameters.get("BackupType"), BACKUP_TYPES),
    retentionPeriod: readField(parameters.get("BackupRetentionPeriod"), parseRetentionPeriod),
  };
}

/**
 * The typed request, when DBInstanceId is present and no parameter value is invalid; defaults
 * are filled in (method Physical, type Auto).
 *
 * @example
 * ```ts
 * const request = toBackupRequest(readRequestFields(new Map([["DBInstanceId", "rm-1"]])));
 * expect(request).toEqual({ instanceId: "rm-1", method: "Physical", backupType: "Auto" });
 * ```
 */
export function toBackupRequest(fields: RequestFields): BackupRequest | undefined {
  const { instanceId, backupMethod, backupStrategy, dbNames, backupType, retentionPeriod } = fields;
  if (instanceId.kind !== "valid") return undefined;
  if ([backupMethod, backupStrategy, dbNames, backupType, retentionPeriod].some((field) => field.kind === "invalid")) {
    return undefined;
  }
  return {
    instanceId: instanceId.value,
    method: valueOf(backupMethod) ?? DEFAULT_BACKUP_METHOD,
    backupType: valueOf(backupType) ?? DEFAULT_BACKUP_TYPE,
    ...optional("strategy", valueOf(backupStrategy)),
    ...optional("dbNames", valueOf(dbNames)),
    ...optional("retentionPeriod", valueOf(retentionPeriod)),
  };
}

/**
 * Whether a number is a BackupRetentionPeriod: an integer from 7 to 730, or -1.
 *
 * @example
 * ```ts
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

function optional<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}

function readRequiredText(raw: string | undefined): Field<string> {
  return raw === undefined || raw === "" ? ABSENT : { kind: "valid", value: raw, raw };
}

function readEnum<T extends string>(raw: string | undefined, values: readonly T[]): Field<T> {
  return readField(raw, (text) =>
    (values as readonly string[]).includes(text) ? { value: text as T } : { reason: "it is not one of the accepted values" },
  );
}

type Reading<T> = { readonly value: T } | { readonly reason: string };

function readField<T>(raw: string | undefined, parse: (raw: string) => Reading<T>): Field<T> {
  if (raw === undefined) return ABSENT;
  const reading = parse(raw);
  return "value" in reading ? { kind: "valid", value: reading.value, raw } : { kind: "invalid", raw, reason: reading.reason };
}

function parseDbNames(raw: string): Reading<readonly string[]> {
  const items = raw.split(",");
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const position = `item ${index + 1}`;
    if (item === "") return { reason: `${position} is empty` };
    if (!DB_NAME_ITEM.test(item)) {
      return {
        reason:
          item.length > 64
            ? `${position} is ${item.length} characters long, more than 64`
            : `${position} must start with a letter and hold only letters, digits, "_" and "-"`,
      };
    }
    if (seen.has(item)) return { reason: `${position} repeats "${item}"` };
    seen.add(item);
  }
  return { value: items };
}

function parseRetentionPeriod(raw: string): Reading<number> {
  if (!INTEGER_TEXT.test(raw)) return { reason: "it is not an integer written in decimal digits" };
  const days = Number(raw);
  return isRetentionPeriod(days) ? { value: days } : { reason: "it is out of range" };
}
