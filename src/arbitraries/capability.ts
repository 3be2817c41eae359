import fc from "fast-check";
import { BACKUP_TYPES, SINGLE_DATABASE_MYSQL_VERSIONS, type BackupMethod, type BackupType, type Engine } from "../domain/vocabulary";
import { databaseNames, instanceShape, type InstanceShape, type ShapeConstraints } from "./instance-state";
import { retentionDays, type BackupOptions } from "./request";

/**
 * An accepted cell of the capability matrix (docs/rules.md, "Capability matrix"): an engine on a storage class and
 * the BackupMethod values that take it (`undefined`: the parameter left out, Physical by
 * default), with the BackupType values allowed by rule 22 (FullBackup only with Physical).
 */
export interface CapabilityCell {
  readonly engine: Engine;
  readonly storage: "local" | "cloud";
  readonly methods: readonly (BackupMethod | undefined)[];
  readonly types: readonly (BackupType | undefined)[];
}

const PHYSICAL = ["Physical", undefined] as const;
const ANY_TYPE = [undefined, ...BACKUP_TYPES];
const AUTO_ONLY = [undefined, "Auto"] as const;

/**
 * Every accepted cell of the capability matrix, MariaDB on cloud disks only.
 *
 * @example
 * ```ts
 * import { CAPABILITY_CELLS } from "./capability";
 *
 * expect(CAPABILITY_CELLS.filter((cell) => cell.methods.includes("Snapshot")).map((cell) => cell.engine)).toEqual(["MySQL", "SQLServer", "PostgreSQL"]);
 * ```
 */
export const CAPABILITY_CELLS: readonly CapabilityCell[] = [
  { engine: "MySQL", storage: "local", methods: ["Logical"], types: AUTO_ONLY },
  { engine: "MySQL", storage: "local", methods: PHYSICAL, types: ANY_TYPE },
  { engine: "MySQL", storage: "cloud", methods: ["Snapshot"], types: AUTO_ONLY },
  { engine: "SQLServer", storage: "local", methods: PHYSICAL, types: ANY_TYPE },
  { engine: "SQLServer", storage: "cloud", methods: PHYSICAL, types: ANY_TYPE },
  { engine: "SQLServer", storage: "cloud", methods: ["Snapshot"], types: AUTO_ONLY },
  { engine: "PostgreSQL", storage: "local", methods: PHYSICAL, types: ANY_TYPE },
  { engine: "PostgreSQL", storage: "cloud", methods: PHYSICAL, types: ANY_TYPE },
  { engine: "PostgreSQL", storage: "cloud", methods: ["Snapshot"], types: AUTO_ONLY },
  { engine: "MariaDB", storage: "cloud", methods: PHYSICAL, types: ANY_TYPE },
];

/** A running instance and a method and type it takes: rules 14 to 22 pass. */
export interface CellChoice {
  readonly shape: InstanceShape;
  readonly method: BackupMethod | undefined;
  readonly type: BackupType | undefined;
}

/**
 * A running instance in an accepted cell, with a method and type the cell takes.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { cellChoice } from "./capability";
 *
 * const choices = sampleValues(cellChoice((cell) => cell.engine === "MariaDB"), 10);
 * expect(choices.every((choice) => choice.method !== "Snapshot" && choice.shape.storageType !== "local_ssd")).toBe(true);
 * ```
 */
export function cellChoice(
  accept: (cell: CapabilityCell) => boolean = () => true,
  shape: Omit<ShapeConstraints, "engines" | "storage" | "statuses"> = {},
): fc.Arbitrary<CellChoice> {
  return fc.constantFrom(...CAPABILITY_CELLS.filter(accept)).chain((cell) =>
    fc.record({
      shape: instanceShape({ ...shape, engines: [cell.engine], storage: cell.storage, statuses: ["Running"] }),
      method: fc.constantFrom(...cell.methods),
      type: fc.constantFrom(...cell.types),
    }),
  );
}

/**
 * Whether BackupStrategy may be given (rule 23): a MySQL Logical backup, or a SQL Server
 * Physical backup with BackupType=FullBackup.
 *
 * @example
 * ```ts
 * import { strategyApplies } from "./capability";
 *
 * expect(strategyApplies("SQLServer", undefined, "FullBackup")).toBe(true);
 * expect(strategyApplies("SQLServer", "Physical", undefined)).toBe(false);
 * ```
 */
export function strategyApplies(engine: Engine, method: BackupMethod | undefined, type: BackupType | undefined): boolean {
  const resolved = method ?? "Physical";
  return (engine === "MySQL" && resolved === "Logical") || (engine === "SQLServer" && resolved === "Physical" && type === "FullBackup");
}

/**
 * Whether BackupRetentionPeriod may be given (rule 27): on MySQL, or on a SQL Server Physical
 * FullBackup with BackupStrategy=db.
 *
 * @example
 * ```ts
 * import { retentionApplies } from "./capability";
 *
 * expect(retentionApplies("PostgreSQL", "Physical", "FullBackup", "db")).toBe(false);
 * expect(retentionApplies("SQLServer", undefined, "FullBackup", "db")).toBe(true);
 * ```
 */
export function retentionApplies(
  engine: Engine,
  method: BackupMethod | undefined,
  type: BackupType | undefined,
  strategy: string | undefined,
): boolean {
  return engine === "MySQL" || (strategyApplies(engine, method, type) && strategy === "db");
}

/** Whether BackupStrategy=db is possible on the instance (rule 24: on MySQL only 5.6, 5.7 and 8.0). */
function singleDatabaseAllowed(shape: InstanceShape): boolean {
  return shape.engine !== "MySQL" || (SINGLE_DATABASE_MYSQL_VERSIONS as readonly string[]).includes(shape.engineVersion);
}

/**
 * Some of the instance's databases, as DBName items: distinct, in any order; on SQL Server in any
 * letter case (it compares names case-insensitively).
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { existingDbNames } from "./capability";
 *
 * const shape = { engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["a", "b"] } as const;
 * expect(sampleValues(existingDbNames(shape), 10).every((names) => names.every((name) => ["a", "b"].includes(name)))).toBe(true);
 * ```
 */
export function existingDbNames(shape: InstanceShape): fc.Arbitrary<string[]> {
  const chosen = fc.shuffledSubarray([...shape.databases], { minLength: 1 });
  return shape.engine === "SQLServer" ? chosen.chain((names) => fc.tuple(...names.map(anyLetterCase))) : chosen;
}

/**
 * The name with its letters in any case.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { anyLetterCase } from "./capability";
 *
 * expect(sampleValues(anyLetterCase("orders"), 10).every((name) => name.toLowerCase() === "orders")).toBe(true);
 * ```
 */
export function anyLetterCase(name: string): fc.Arbitrary<string> {
  return fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase())).join(""));
}

/**
 * BackupStrategy, DBName and BackupRetentionPeriod that pass rules 23 to 27 and 29 for the
 * choice (rule 28, a database for Logical, is the caller's to ensure).
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { fittingOptions } from "./capability";
 *
 * const shape = { engine: "PostgreSQL", engineVersion: "16.0", storageType: "local_ssd", status: "Running", databases: ["a"] } as const;
 * expect(sampleValues(fittingOptions({ shape, method: undefined, type: "FullBackup" }), 10).every((o) => o.strategy === undefined && o.retention === undefined)).toBe(true);
 * ```
 */
export function fittingOptions({ shape, method, type }: CellChoice): fc.Arbitrary<BackupOptions> {
  const strategies: (string | undefined)[] = [undefined];
  if (strategyApplies(shape.engine, method, type)) {
    strategies.push("instance");
    if (singleDatabaseAllowed(shape) && shape.databases.length > 0) strategies.push("db");
  }
  return fc.constantFrom(...strategies).chain((strategy) =>
    fc
      .record({
        dbNames: strategy === "db" ? existingDbNames(shape) : fc.constant(undefined),
        retention: retentionApplies(shape.engine, method, type, strategy)
          ? fc.option(retentionDays(), { nil: undefined })
          : fc.constant(undefined),
      })
      .map(({ dbNames, retention }) => optionsOf({ method, type, strategy: strategy as BackupOptions["strategy"], dbNames, retention })),
  );
}

/**
 * Options without the fields that are undefined (so `exactOptionalPropertyTypes` holds).
 *
 * @example
 * ```ts
 * import { optionsOf } from "./capability";
 *
 * expect(optionsOf({ method: undefined, type: "Auto" })).toEqual({ type: "Auto" });
 * ```
 */
export function optionsOf(fields: { readonly [K in keyof BackupOptions]?: BackupOptions[K] | undefined }): BackupOptions {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A running instance and the options of a request it accepts, jobs and context aside. */
export interface AcceptedSetup {
  readonly shape: InstanceShape;
  readonly options: BackupOptions;
}

/**
 * An instance and options that pass rules 14 to 29, in every accepted cell of the capability
 * matrix. Logical backups get at least one database.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { acceptedSetup } from "./capability";
 *
 * const setups = sampleValues(acceptedSetup(), 100);
 * expect(new Set(setups.map((setup) => setup.shape.engine)).size).toBe(4);
 * ```
 */
export function acceptedSetup(accept: (cell: CapabilityCell) => boolean = () => true): fc.Arbitrary<AcceptedSetup> {
  return fc.constantFrom(...CAPABILITY_CELLS.filter(accept)).chain((cell) => {
    const databases = cell.methods.includes("Logical") ? databaseNames(1, 5) : databaseNames(0, 5);
    return cellChoice((candidate) => candidate === cell, { databases }).chain((choice) =>
      fittingOptions(choice).map((options) => ({ shape: choice.shape, options })),
    );
  });
}
