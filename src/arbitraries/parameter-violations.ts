import fc from "fast-check";
import {
  BACKUP_METHODS,
  BACKUP_STRATEGIES,
  BACKUP_TYPES,
  COMMON_PARAMETERS,
  CREATE_BACKUP_ACTION,
  CREATE_BACKUP_PARAMETERS,
  NUMERIC_PARAMETERS,
} from "../domain/vocabulary";
import { withRequest } from "./argument-violations";
import type { BackupCase } from "./backup-case";
import { databaseName, databaseNames } from "./instance-state";
import { ignoredParameters, requestOf, retentionDays, type ParameterPairs, type RequestForm } from "./request";

type Pair = readonly [string, unknown];

const KNOWN: ReadonlySet<string> = new Set<string>([...CREATE_BACKUP_PARAMETERS, ...COMMON_PARAMETERS]);

/** The optional CreateBackup parameters whose values rules 9 to 13 check, in rule order. */
const CHECKED = ["BackupMethod", "BackupStrategy", "BackupType", "DBName", "BackupRetentionPeriod"] as const;
type Checked = (typeof CHECKED)[number];

/** Text of any kind, valid or not for whichever parameter it is given to. */
function anyText(): fc.Arbitrary<string> {
  return fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("", " ", CREATE_BACKUP_ACTION, "Physical", "db", "7", "a,b"));
}

/**
 * A parameter name that is neither a CreateBackup nor a common parameter: letter-case variants,
 * typos, prototype keys, and any other text.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { unknownParameterName } from "./parameter-violations";
 *
 * expect(sampleValues(unknownParameterName(), 30).every((name) => name !== "Action" && name !== "DBName")).toBe(true);
 * ```
 */
export function unknownParameterName(): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(
        "action",
        "ACTION",
        "dbname",
        "DbName",
        "BackupMehtod",
        "BackupStrategys",
        "DBInstanceID",
        "Backup_Type",
        "__proto__",
        "constructor",
        "hasOwnProperty",
        "toString",
        "",
        " Action",
      ),
      fc.string({ maxLength: 20 }),
    )
    .filter((name) => !KNOWN.has(name));
}

/** A parameter name of any kind: CreateBackup, common or unknown. */
function anyName(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...CREATE_BACKUP_PARAMETERS, ...COMMON_PARAMETERS), unknownParameterName());
}

/** Pairs with distinct names drawn from `names`, each with any text; `excluded` names never appear. */
function textPairs(names: fc.Arbitrary<string>, excluded: readonly string[], maxLength = 4): fc.Arbitrary<Pair[]> {
  return fc.uniqueArray(
    fc.tuple(
      names.filter((name) => !excluded.includes(name)),
      anyText(),
    ),
    { maxLength, selector: ([name]) => name },
  );
}

/** Requests of the given forms made of fixed pairs and extra pairs whose names are not in the fixed ones. */
function requestWith(
  fixed: fc.Arbitrary<Pair[]>,
  extra: (taken: readonly string[]) => fc.Arbitrary<Pair[]>,
  forms?: readonly RequestForm[],
): fc.Arbitrary<BackupCase> {
  return withRequest(
    fixed.chain((pairs) => {
      const taken = pairs.map(([name]) => name);
      return extra(taken).chain((more) => requestOf([...pairs, ...more] as ParameterPairs, forms));
    }),
  );
}

/** A value that is not a string (nor a number, for the numeric parameters). */
function wrongTypeValue(name: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 10n, Symbol("value")),
    fc.object({ maxDepth: 1 }),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.date(),
    ...(NUMERIC_PARAMETERS.has(name) ? [] : [fc.oneof(fc.integer(), fc.double())]),
  );
}

/** Rule 4: a value of the wrong type (object requests) or a repeated name (the other forms). */
function parameterMalformed(): fc.Arbitrary<BackupCase> {
  const wrongType = requestWith(
    fc
      .uniqueArray(anyName(), { minLength: 1, maxLength: 2 })
      .chain((names) => fc.tuple(...names.map((name) => wrongTypeValue(name).map((value): Pair => [name, value])))),
    (taken) => textPairs(anyName(), taken),
    ["object"],
  );
  const repeated = requestWith(
    fc
      .tuple(anyName(), fc.array(anyText(), { minLength: 2, maxLength: 3 }))
      .map(([name, values]) => values.map((value): Pair => [name, value])),
    (taken) => textPairs(anyName(), taken),
    ["query", "search-params"],
  );
  return fc.oneof(wrongType, repeated);
}

/** Rule 5: no Action, or an empty one. */
function actionMissing(): fc.Arbitrary<BackupCase> {
  return requestWith(fc.constantFrom<Pair[]>([], [["Action", ""]]), (taken) => textPairs(anyName(), ["Action", ...taken]));
}

/** Rule 6: an Action other than CreateBackup. */
function actionUnsupported(): fc.Arbitrary<BackupCase> {
  const action = fc.oneof(
    fc.constantFrom("createbackup", "CREATEBACKUP", "CreateBackups", "DescribeBackups", " CreateBackup", "CreateBackup ", "DeleteBackup"),
    fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text !== CREATE_BACKUP_ACTION),
  );
  return requestWith(
    action.map((value): Pair[] => [["Action", value]]),
    (taken) => textPairs(anyName(), taken),
  );
}

/** Rule 7: Action=CreateBackup without DBInstanceId, or with an empty one. */
function instanceIdMissing(): fc.Arbitrary<BackupCase> {
  return requestWith(
    fc.constantFrom<Pair[]>(
      [["Action", CREATE_BACKUP_ACTION]],
      [
        ["Action", CREATE_BACKUP_ACTION],
        ["DBInstanceId", ""],
      ],
    ),
    (taken) => textPairs(anyName(), ["DBInstanceId", ...taken]),
  );
}

/** Action=CreateBackup and a non-empty DBInstanceId (not necessarily the state's). */
function requiredPairs(): fc.Arbitrary<Pair[]> {
  return fc.string({ minLength: 1, maxLength: 20 }).map((id): Pair[] => [
    ["Action", CREATE_BACKUP_ACTION],
    ["DBInstanceId", id],
  ]);
}

/** Rule 8: a parameter that is neither a CreateBackup nor a common parameter. */
function parameterUnknown(): fc.Arbitrary<BackupCase> {
  return requestWith(
    fc
      .tuple(
        requiredPairs(),
        textPairs(unknownParameterName(), [], 3).filter((pairs) => pairs.length > 0),
      )
      .map(([required, unknown]) => [...required, ...unknown]),
    (taken) => textPairs(fc.constantFrom(...CREATE_BACKUP_PARAMETERS, ...COMMON_PARAMETERS), taken),
  );
}

/** Valid text (or number) values of each checked parameter. */
const VALID_VALUES: Readonly<Record<Checked, fc.Arbitrary<unknown>>> = {
  BackupMethod: fc.constantFrom(...BACKUP_METHODS),
  BackupStrategy: fc.constantFrom(...BACKUP_STRATEGIES),
  BackupType: fc.constantFrom(...BACKUP_TYPES),
  DBName: databaseNames(1, 4).map((names) => names.join(",")),
  BackupRetentionPeriod: fc.oneof(retentionDays(), retentionDays().map(String)),
};

/** Text other than the accepted values, to replace an enumerated value. */
function otherThan(values: readonly string[], near: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...near), fc.string({ maxLength: 12 })).filter((text) => !values.includes(text));
}

/** A DBName that breaks the item rules: an empty item, a bad first or other character, 65+ characters, a repeat. */
function malformedDbName(): fc.Arbitrary<string> {
  const badItem = fc.oneof(
    fc.constantFrom("1db", "_db", "-db", "my db", "db.x", "déjà", "a;b", "ä"),
    fc.tuple(databaseName(), fc.constantFrom(" ", ".", ";", "/", "é", "'")).map(([name, bad]) => `${name}${bad}x`),
    fc.string({ unit: fc.constantFrom(..."abcXYZ"), minLength: 65, maxLength: 90 }),
  );
  const withBadItem = fc.tuple(databaseNames(0, 3), badItem, fc.nat()).map(([names, bad, at]) => {
    const items = [...names];
    items.splice(at % (items.length + 1), 0, bad);
    return items.join(",");
  });
  const emptyItem = fc.tuple(databaseNames(0, 3), fc.nat()).map(([names, at]) => {
    const items = [...names];
    items.splice(at % (items.length + 1), 0, "");
    return items.join(",");
  });
  const repeated = databaseNames(1, 3).chain((names) => fc.constantFrom(...names).map((again) => [...names, again].join(",")));
  return fc.oneof(withBadItem, emptyItem, repeated);
}

/** Invalid values of each checked parameter. */
const INVALID_VALUES: Readonly<Record<Checked, fc.Arbitrary<unknown>>> = {
  BackupMethod: otherThan(BACKUP_METHODS, ["", "logical", "PHYSICAL", "snapshot", " Physical", "Physical ", "Snapshoot", "Incremental"]),
  BackupStrategy: otherThan(BACKUP_STRATEGIES, ["", "DB", "Db", "Instance", "database", " db"]),
  BackupType: otherThan(BACKUP_TYPES, ["", "auto", "FULLBACKUP", "Full", "FullBackup ", "Incremental"]),
  DBName: malformedDbName(),
  BackupRetentionPeriod: fc.oneof(
    fc.constantFrom<unknown>(
      "",
      "6",
      "731",
      "0",
      "-2",
      "7.5",
      " 7",
      "7 ",
      "abc",
      "99999999999999999999",
      "-",
      6,
      731,
      0,
      7.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -5,
    ),
    fc.integer({ min: -1000, max: 6 }).filter((days) => days !== -1),
    fc.integer({ min: 731, max: 100_000 }).map(String),
  ),
};

/**
 * Rules 9 to 13: the checked parameter's value is invalid; those checked before it are valid or
 * absent; those checked after it are anything (absent, valid, invalid or any text).
 */
function invalidValue(target: Checked): fc.Arbitrary<BackupCase> {
  const position = CHECKED.indexOf(target);
  const others = CHECKED.filter((name) => name !== target).map((name) => {
    const before = CHECKED.indexOf(name) < position;
    const value = before ? VALID_VALUES[name] : fc.oneof(VALID_VALUES[name], INVALID_VALUES[name], anyText());
    return fc.option(
      value.map((v): Pair => [name, v]),
      { nil: undefined },
    );
  });
  const pairs = fc
    .tuple(
      requiredPairs(),
      INVALID_VALUES[target].map((value): Pair => [target, value]),
      fc.tuple(...others),
      ignoredParameters(),
    )
    .map(([required, invalid, optional, ignored]) => [...required, invalid, ...optional.filter((pair) => pair !== undefined), ...ignored]);
  return withRequest(pairs.chain((list) => requestOf(list)));
}

/**
 * The cases of rules 4 to 13, by rule id.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { PARAMETER_RULE_CASES } from "./parameter-violations";
 *
 * const [refused] = sampleValues(PARAMETER_RULE_CASES["parameter.unknown"](), 1);
 * expect(createBackup(refused!.state, refused!.request, refused!.context)).toMatchObject({ ok: false, error: { rule: "parameter.unknown" } });
 * ```
 */
export const PARAMETER_RULE_CASES = {
  "parameter.malformed": parameterMalformed,
  "action.missing": actionMissing,
  "action.unsupported": actionUnsupported,
  "instance-id.missing": instanceIdMissing,
  "parameter.unknown": parameterUnknown,
  "backup-method.invalid-value": () => invalidValue("BackupMethod"),
  "backup-strategy.invalid-value": () => invalidValue("BackupStrategy"),
  "backup-type.invalid-value": () => invalidValue("BackupType"),
  "db-name.malformed": () => invalidValue("DBName"),
  "retention.invalid-value": () => invalidValue("BackupRetentionPeriod"),
};
