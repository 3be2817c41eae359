import fc from "fast-check";
import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  COMMON_PARAMETERS,
  CREATE_BACKUP_ACTION,
  RETENTION,
  type BackupMethod,
  type BackupStrategy,
  type BackupType,
} from "../domain/vocabulary";
import { databaseNames, instanceIdText } from "./instance-state";
import { onlyOnTheWire, type DrawOptions, type RequestDrawn } from "./wire";

/** A request's parameters as name–value pairs, in the order they are sent. */
export type ParameterPairs = readonly (readonly [string, unknown])[];

/** The three shapes of a request: a query string, a `URLSearchParams`, a plain object. */
export type RequestForm = "query" | "search-params" | "object";

/** Every request form. */
export const REQUEST_FORMS: readonly RequestForm[] = ["query", "search-params", "object"];

/** The optional CreateBackup parameters, as typed values; a field left out is not sent. */
export interface BackupOptions {
  readonly method?: BackupMethod;
  readonly type?: BackupType;
  readonly strategy?: BackupStrategy;
  readonly dbNames?: readonly string[];
  readonly retention?: number;
}

/**
 * Writes pairs as a request of the given form: a query string (with or without a leading `?`),
 * a `URLSearchParams`, or a plain object (with `Object.prototype` or a null prototype). Values that
 * are not strings are only meaningful in the object form; a repeated name only in the other two.
 *
 * @example
 * ```ts
 * import { writeRequest } from "./request";
 *
 * expect(writeRequest([["Action", "CreateBackup"], ["BackupRetentionPeriod", 7]], "query", true, false)).toBe("?Action=CreateBackup&BackupRetentionPeriod=7");
 * expect(writeRequest([["Action", "CreateBackup"]], "object", false, false)).toEqual({ Action: "CreateBackup" });
 * ```
 */
export function writeRequest(pairs: ParameterPairs, form: RequestForm, leadingQuestionMark: boolean, nullPrototype: boolean): unknown {
  if (form === "object") {
    const record: Record<string, unknown> = nullPrototype ? (Object.create(null) as Record<string, unknown>) : {};
    for (const [name, value] of pairs) Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
    return record;
  }
  const params = new URLSearchParams(pairs.map(([name, value]): [string, string] => [name, String(value)]));
  if (form === "search-params") return params;
  return `${leadingQuestionMark ? "?" : ""}${params.toString()}`;
}

/**
 * The pairs written in a random order, as one of the allowed forms.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { requestOf } from "./request";
 *
 * const requests = sampleValues(requestOf([["Action", "CreateBackup"]], ["query"]), 5);
 * expect(requests.every((request) => request === "Action=CreateBackup" || request === "?Action=CreateBackup")).toBe(true);
 * ```
 */
export function requestOf(pairs: ParameterPairs, forms: readonly RequestForm[] = REQUEST_FORMS): fc.Arbitrary<unknown> {
  return fc
    .record({
      ordered: fc.shuffledSubarray([...pairs], { minLength: pairs.length, maxLength: pairs.length }),
      form: fc.constantFrom(...forms),
      leadingQuestionMark: fc.boolean(),
      nullPrototype: fc.boolean(),
    })
    .map(({ ordered, form, leadingQuestionMark, nullPrototype }) => writeRequest(ordered, form, leadingQuestionMark, nullPrototype));
}

/** A common parameter's value, built once (a string arbitrary costs far more to build than to draw from). */
const COMMON_VALUE = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
  minLength: 1,
  maxLength: 16,
});

/**
 * Alibaba Cloud common parameters (accepted and ignored) and ResourceOwnerId, with non-empty values.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { ignoredParameters } from "./request";
 *
 * const [pairs] = sampleValues(ignoredParameters(), 1);
 * expect(pairs!.every(([name]) => name !== "Action" && name !== "DBName")).toBe(true);
 * ```
 */
export function ignoredParameters(): fc.Arbitrary<[string, unknown][]> {
  const common = fc
    .subarray([...COMMON_PARAMETERS], { maxLength: 4 })
    .chain((names) => fc.tuple(...names.map((name) => COMMON_VALUE.map((value): [string, unknown] => [name, value]))));
  const owner = fc.option(
    fc.oneof(fc.nat().map(String), fc.nat()).map((value): [string, unknown] => ["ResourceOwnerId", value]),
    { nil: undefined },
  );
  return fc.tuple(common, owner).map(([pairs, ownerPair]) => (ownerPair === undefined ? pairs : [...pairs, ownerPair]));
}

/**
 * A BackupRetentionPeriod value: 7 to 730 or -1, as text or (for object requests) a number.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { retentionDays } from "./request";
 *
 * expect(sampleValues(retentionDays(), 20).every((days) => days === -1 || (days >= 7 && days <= 730))).toBe(true);
 * ```
 */
export function retentionDays(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(RETENTION.min, RETENTION.max, RETENTION.longTerm),
    fc.integer({ min: RETENTION.min, max: RETENTION.max }),
  );
}

/**
 * The pairs of a CreateBackup request for an instance with the given options; the retention
 * period is sometimes a number (meaningful in object requests, written as text otherwise).
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { backupParameters } from "./request";
 *
 * const [pairs] = sampleValues(backupParameters("rm-1", { method: "Logical", strategy: "db", dbNames: ["a", "b"] }), 1);
 * expect(pairs).toEqual([["Action", "CreateBackup"], ["DBInstanceId", "rm-1"], ["BackupMethod", "Logical"], ["BackupStrategy", "db"], ["DBName", "a,b"]]);
 * ```
 */
export function backupParameters(instanceId: string, options: BackupOptions): fc.Arbitrary<[string, unknown][]> {
  return fc.boolean().map((retentionAsNumber) => {
    const pairs: [string, unknown][] = [
      ["Action", CREATE_BACKUP_ACTION],
      ["DBInstanceId", instanceId],
    ];
    if (options.method !== undefined) pairs.push(["BackupMethod", options.method]);
    if (options.strategy !== undefined) pairs.push(["BackupStrategy", options.strategy]);
    if (options.dbNames !== undefined) pairs.push(["DBName", options.dbNames.join(",")]);
    if (options.type !== undefined) pairs.push(["BackupType", options.type]);
    if (options.retention !== undefined)
      pairs.push(["BackupRetentionPeriod", retentionAsNumber ? options.retention : String(options.retention)]);
    return pairs;
  });
}

/**
 * A request for the options, in any form, with some ignored parameters mixed in.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { requestFor } from "./request";
 *
 * const [request] = sampleValues(requestFor("rm-1", {}), 1);
 * expect(request).toBeDefined();
 * ```
 */
export function requestFor(instanceId: string, options: BackupOptions): fc.Arbitrary<unknown> {
  return fc
    .tuple(backupParameters(instanceId, options), ignoredParameters())
    .chain(([pairs, ignored]) => requestOf([...pairs, ...ignored]));
}

/**
 * Options whose every value is valid on its own (whether they fit an instance is not considered).
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { anyValidOptions } from "./request";
 *
 * const options = sampleValues(anyValidOptions(), 30);
 * expect(options.some((o) => o.method === undefined) && options.some((o) => o.method !== undefined)).toBe(true);
 * ```
 */
export function anyValidOptions(): fc.Arbitrary<BackupOptions> {
  return fc.record(
    {
      method: fc.constantFrom(...BACKUP_METHODS),
      type: fc.constantFrom(...BACKUP_TYPES),
      strategy: fc.constantFrom(...BACKUP_STRATEGIES),
      dbNames: databaseNames(1, 4),
      retention: retentionDays(),
    },
    { requiredKeys: [] },
  );
}

/**
 * A CreateBackup request in any of its three forms (query string, `URLSearchParams`, plain
 * object) whose every parameter value is valid: rules 3 to 13 pass. Every optional parameter is
 * sometimes given, and common parameters are mixed in. Whether it is accepted depends on the
 * instance it is sent to. With `{ wire }`, only requests that arrive over HTTP (see `DrawOptions`):
 * `createBackupRequest({ wire: "query" })` draws query strings.
 *
 * @example
 * ```ts
 * import { listViolations } from "rds-backup-rules";
 * import { createBackupRequest, sampleValues } from "rds-backup-rules/arbitraries";
 *
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Stopped", databases: [], jobs: [] } as const;
 * for (const request of sampleValues(createBackupRequest(), 30)) {
 *   const rule = listViolations(state, request, { now: "2026-01-01T00:00:00Z" })[0]?.rule;
 *   expect(rule).toBe("instance-id.not-found");
 * }
 * ```
 */
export function createBackupRequest<Options extends DrawOptions | undefined = undefined>(
  options?: Options,
): fc.Arbitrary<RequestDrawn<Options>> {
  const requests = fc.tuple(instanceIdText(), anyValidOptions()).chain(([instanceId, backup]) => requestFor(instanceId, backup));
  return onlyOnTheWire(
    requests.map((request) => ({ request })),
    options,
  ).map(({ request }) => request as RequestDrawn<Options>);
}
