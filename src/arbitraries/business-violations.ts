import fc from "fast-check";
import { INSTANCE_STATUSES, SINGLE_DATABASE_MYSQL_VERSIONS, type Engine } from "../domain/vocabulary";
import { buildCase, type BackupCase } from "./backup-case";
import {
  acceptedSetup,
  cellChoice,
  existingDbNames,
  optionsOf,
  retentionApplies,
  strategyApplies,
  type AcceptedSetup,
  type CapabilityCell,
  type CellChoice,
} from "./capability";
import { smallLimitPlan } from "./context";
import { keyReusedCase } from "./idempotency-cases";
import { databaseNames, instanceShape, OTHER_MYSQL_VERSIONS, type InstanceShape, type ShapeConstraints } from "./instance-state";
import { anyValidOptions, retentionDays, type BackupOptions } from "./request";

/** A case from an instance and options, with jobs of any kind (rules 30 and 31 come later). */
function anyJobsCase(setup: fc.Arbitrary<AcceptedSetup>): fc.Arbitrary<BackupCase> {
  return setup.chain(({ shape, options }) => buildCase({ shape, options, history: "any" }));
}

/** An instance within the constraints and any valid options with the method forced. */
function shapeWithOptions(constraints: ShapeConstraints, methods: readonly BackupOptions["method"][]): fc.Arbitrary<AcceptedSetup> {
  return fc.record({
    shape: instanceShape(constraints),
    options: fc.tuple(anyValidOptions(), fc.constantFrom(...methods)).map(([options, method]) => optionsOf({ ...options, method })),
  });
}

/** A DBInstanceId that is not the state's: another id, another letter case, or padded. */
function otherInstanceId(instanceId: string): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constant(instanceId.toUpperCase()),
      fc.constant(` ${instanceId}`),
      fc.constant(`${instanceId}0`),
      fc.constant(instanceId.slice(0, -1)),
      fc.string({ minLength: 1, maxLength: 20 }),
    )
    .filter((id) => id !== instanceId && id !== "");
}

/** Rule 14: the request names another instance; anything else about the request is valid. */
function instanceIdNotFound(): fc.Arbitrary<BackupCase> {
  return shapeWithOptions({}, [undefined, "Logical", "Physical", "Snapshot"]).chain(({ shape, options }) =>
    buildCase({ shape, options, history: "any", requestInstanceId: otherInstanceId }),
  );
}

const NOT_RUNNING = INSTANCE_STATUSES.filter((status) => status !== "Running");

/** Rule 16: the instance is in any status but Running. */
function instanceNotRunning(): fc.Arbitrary<BackupCase> {
  return anyJobsCase(shapeWithOptions({ statuses: NOT_RUNNING }, [undefined, "Logical", "Physical", "Snapshot"]));
}

const NOT_MYSQL: readonly Engine[] = ["SQLServer", "PostgreSQL", "MariaDB"];
const LOCAL_ENGINES: readonly Engine[] = ["MySQL", "SQLServer", "PostgreSQL"];

/** Rules 17 to 21, each an engine, storage and method the capability matrix refuses. */
const methodCases = {
  "backup-method.logical-requires-mysql": () => shapeWithOptions({ engines: NOT_MYSQL, statuses: ["Running"] }, ["Logical"]),
  "backup-method.logical-requires-local-disk": () =>
    shapeWithOptions({ engines: ["MySQL"], storage: "cloud", statuses: ["Running"] }, ["Logical"]),
  "backup-method.mariadb-snapshot-uses-physical": () => shapeWithOptions({ engines: ["MariaDB"], statuses: ["Running"] }, ["Snapshot"]),
  "backup-method.snapshot-requires-cloud-disk": () =>
    shapeWithOptions({ engines: LOCAL_ENGINES, storage: "local", statuses: ["Running"] }, ["Snapshot"]),
  "backup-method.mysql-cloud-disk-uses-snapshot": () =>
    shapeWithOptions({ engines: ["MySQL"], storage: "cloud", statuses: ["Running"] }, ["Physical", undefined]),
} as const;

/** Any valid strategy, DBName and retention, for rules that precede the ones about them. */
function anyScopeOptions(choice: CellChoice): fc.Arbitrary<AcceptedSetup> {
  return anyValidOptions().map((options) => ({
    shape: choice.shape,
    options: optionsOf({ ...options, method: choice.method, type: choice.type }),
  }));
}

/** Rule 22: FullBackup with a Logical or Snapshot method that the instance takes. */
function typeRequiresPhysical(): fc.Arbitrary<BackupCase> {
  return anyJobsCase(
    cellChoice((cell) => !cell.methods.includes(undefined))
      .map((choice) => ({ ...choice, type: "FullBackup" as const }))
      .chain(anyScopeOptions),
  );
}

/** Rule 23: BackupStrategy given on a backup it does not apply to. */
function strategyScope(): fc.Arbitrary<BackupCase> {
  return anyJobsCase(
    cellChoice()
      .filter(({ shape, method, type }) => !strategyApplies(shape.engine, method, type))
      .chain((choice) =>
        fc.tuple(anyScopeOptions(choice), fc.constantFrom("db" as const, "instance" as const)).map(([setup, strategy]) => ({
          shape: setup.shape,
          options: optionsOf({ ...setup.options, strategy }),
        })),
      ),
  );
}

/** Rule 24: BackupStrategy=db on a MySQL Logical backup, on a version other than 5.6, 5.7 and 8.0 (older or newer). */
function strategyMysqlVersion(): fc.Arbitrary<BackupCase> {
  return anyJobsCase(
    cellChoice((cell) => cell.engine === "MySQL" && cell.methods.includes("Logical"), { mysqlVersions: OTHER_MYSQL_VERSIONS }).chain(
      (choice) =>
        anyValidOptions().map((options) => ({
          shape: choice.shape,
          options: optionsOf({ ...options, method: choice.method, type: choice.type, strategy: "db" }),
        })),
    ),
  );
}

/** A cell choice where BackupStrategy=db applies: MySQL 5.6, 5.7 or 8.0 Logical, or SQL Server Physical FullBackup. */
function strategyCell(shape: Pick<ShapeConstraints, "databases"> = {}): fc.Arbitrary<CellChoice> {
  const singleDatabaseCell = (cell: CapabilityCell) =>
    (cell.engine === "MySQL" && cell.methods.includes("Logical")) || (cell.engine === "SQLServer" && cell.methods.includes("Physical"));
  return cellChoice(singleDatabaseCell, { ...shape, mysqlVersions: SINGLE_DATABASE_MYSQL_VERSIONS }).map((choice) =>
    choice.shape.engine === "SQLServer" ? { ...choice, type: "FullBackup" as const } : choice,
  );
}

/** Rule 25: DBName without BackupStrategy=db (absent, or instance where a strategy applies). */
function dbNameRequiresDbStrategy(): fc.Arbitrary<BackupCase> {
  const setup = cellChoice().chain((choice) => {
    const strategies = strategyApplies(choice.shape.engine, choice.method, choice.type) ? [undefined, "instance" as const] : [undefined];
    return fc
      .record({
        strategy: fc.constantFrom(...strategies),
        dbNames: databaseNames(1, 4),
        retention: fc.option(retentionDays(), { nil: undefined }),
      })
      .map((scope) => ({ shape: choice.shape, options: optionsOf({ method: choice.method, type: choice.type, ...scope }) }));
  });
  return anyJobsCase(setup);
}

/** Rule 26: BackupStrategy=db without DBName. */
function dbNameMissing(): fc.Arbitrary<BackupCase> {
  return anyJobsCase(
    strategyCell().chain((choice) =>
      fc.option(retentionDays(), { nil: undefined }).map((retention) => ({
        shape: choice.shape,
        options: optionsOf({ method: choice.method, type: choice.type, strategy: "db", retention }),
      })),
    ),
  );
}

/** Rule 27: BackupRetentionPeriod on a backup it does not apply to (never MySQL). */
function retentionScope(): fc.Arbitrary<BackupCase> {
  const setup = acceptedSetup((cell) => cell.engine !== "MySQL")
    .filter(({ shape, options }) => !retentionApplies(shape.engine, options.method, options.type, options.strategy))
    .chain(({ shape, options }) => retentionDays().map((retention) => ({ shape, options: { ...options, retention } })));
  return anyJobsCase(setup);
}

/** Rule 28: a Logical backup on an instance without databases (DBName, if any, names absent ones). */
function logicalRequiresDatabase(): fc.Arbitrary<BackupCase> {
  const setup = acceptedSetup((cell) => cell.methods.includes("Logical")).chain(({ shape, options }) =>
    databaseNames(1, 3).map((names) => ({
      shape: { ...shape, databases: [] },
      options: options.strategy === "db" ? { ...options, dbNames: names } : options,
    })),
  );
  return anyJobsCase(setup);
}

/** DBName items of which at least one is not a database of the instance (by its comparison). */
function dbNamesWithMissing(shape: InstanceShape): fc.Arbitrary<string[]> {
  const fold = (name: string) => (shape.engine === "SQLServer" ? name.toLowerCase() : name);
  const existing = new Set(shape.databases.map(fold));
  const caseVariants =
    shape.engine === "SQLServer" ? [] : shape.databases.map((name) => swapCase(name)).filter((name) => !existing.has(name));
  const missing = fc.oneof(
    databaseNames(1, 1).map(([name]) => name as string),
    ...(caseVariants.length > 0 ? [fc.constantFrom(...caseVariants)] : []),
  );
  const present = shape.databases.length > 0 ? existingDbNames(shape) : fc.constant<string[]>([]);
  return fc
    .tuple(fc.uniqueArray(missing, { minLength: 1, maxLength: 3, selector: (name) => name.toLowerCase() }), fc.option(present, { nil: [] }))
    .map(([absent, found]) => [
      ...absent.filter((name) => !existing.has(fold(name))),
      ...found.filter((name) => !absent.some((a) => a.toLowerCase() === name.toLowerCase())),
    ])
    .filter((names) => names.some((name) => !existing.has(fold(name))))
    .chain((names) => fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }));
}

function swapCase(name: string): string {
  return [...name].map((char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase())).join("");
}

/** Rule 29: a DBName item that is not a database of the instance (case-sensitive but on SQL Server). */
function dbNameNotFound(): fc.Arbitrary<BackupCase> {
  const setup = strategyCell({ databases: databaseNames(1, 5) }).chain((choice) =>
    fc
      .record({ dbNames: dbNamesWithMissing(choice.shape), retention: fc.option(retentionDays(), { nil: undefined }) })
      .map(({ dbNames, retention }) => ({
        shape: choice.shape,
        options: optionsOf({ method: choice.method, type: choice.type, strategy: "db", dbNames, retention }),
      })),
  );
  return anyJobsCase(setup);
}

/** Rule 30: an accepted request on an instance with an ongoing job. */
function backupInProgress(): fc.Arbitrary<BackupCase> {
  return acceptedSetup().chain(({ shape, options }) => buildCase({ shape, options, history: "ongoing" }));
}

/** Rule 31: an accepted request once the day's non-failed jobs reach the limit. */
function dailyLimitReached(): fc.Arbitrary<BackupCase> {
  return acceptedSetup().chain(({ shape, options }) => buildCase({ shape, options, history: "quota-reached", plan: smallLimitPlan() }));
}

/**
 * The cases of rules 14 to 31, by rule id: every earlier rule passes by construction.
 *
 * @example
 * ```ts
 * import { listViolations } from "rds-backup-rules";
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { BUSINESS_RULE_CASES } from "./business-violations";
 *
 * const [refused] = sampleValues(BUSINESS_RULE_CASES["instance.backup-in-progress"](), 1);
 * expect(listViolations(refused!.state, refused!.request, refused!.context)[0]?.rule).toBe("instance.backup-in-progress");
 * ```
 */
export const BUSINESS_RULE_CASES = {
  "instance-id.not-found": instanceIdNotFound,
  "idempotency-key.reused": keyReusedCase,
  "instance.not-running": instanceNotRunning,
  ...mapCases(methodCases, (setup) => () => anyJobsCase(setup())),
  "backup-type.requires-physical": typeRequiresPhysical,
  "backup-strategy.scope": strategyScope,
  "backup-strategy.mysql-version": strategyMysqlVersion,
  "db-name.requires-db-strategy": dbNameRequiresDbStrategy,
  "db-name.missing": dbNameMissing,
  "retention.scope": retentionScope,
  "backup-method.logical-requires-database": logicalRequiresDatabase,
  "db-name.not-found": dbNameNotFound,
  "instance.backup-in-progress": backupInProgress,
  "instance.daily-limit-reached": dailyLimitReached,
} as const;

/** The same keys, each value mapped: keeps the rule ids in the type, which `Object.fromEntries` loses. */
function mapCases<Key extends string, From, To>(record: Readonly<Record<Key, From>>, map: (value: From) => To): Record<Key, To> {
  return Object.fromEntries(Object.entries<From>(record).map(([key, value]) => [key, map(value)])) as Record<Key, To>;
}
