import { createBackup } from "../../src/decisions/create-backup";
import type { InstanceState } from "../../src/domain/types";
import { BACKUP_METHODS, ENGINES, STORAGE_TYPES, isLocalDisk, type Engine, type StorageType } from "../../src/domain/vocabulary";
import { SAMPLE_INSTANCE } from "../../src/examples/sample-instance";

/** A version of each engine to run the matrix on (the engine versions of the examples in docs/rules.md). */
export const MATRIX_ENGINE_VERSIONS: { readonly [E in Engine]: string } = {
  MySQL: "8.0",
  SQLServer: "2019_std_ha",
  PostgreSQL: "16.0",
  MariaDB: "10.3",
};

/** The moment every cell is decided at. */
export const MATRIX_NOW = "2026-03-02T08:00:00Z";

/** The BackupMethod of a column: a method, or absent (the default). */
export type MethodColumn = (typeof BACKUP_METHODS)[number] | undefined;

/** The matrix's columns: BackupMethod absent, then each method. */
export const METHOD_COLUMNS: readonly MethodColumn[] = [undefined, ...BACKUP_METHODS];

/** One storage class: its name and the storage types in it. */
export interface StorageClass {
  readonly name: "local disk" | "cloud disk";
  readonly storageTypes: readonly StorageType[];
}

/** Local disk (`local_ssd`, `ephemeral_ssd`) and cloud disk (every other storage type). */
export const STORAGE_CLASSES: readonly StorageClass[] = [
  { name: "local disk", storageTypes: STORAGE_TYPES.filter((type) => isLocalDisk(type)) },
  { name: "cloud disk", storageTypes: STORAGE_TYPES.filter((type) => !isLocalDisk(type)) },
];

/** The outcome of a cell: accepted with the job's method, or the rule that refuses. */
export type CellOutcome = { readonly ok: true; readonly method: string } | { readonly ok: false; readonly rule: string };

/** One row: an engine on a storage class, and per column the outcome on each storage type of the class. */
export interface MatrixRow {
  readonly engine: Engine;
  readonly storage: StorageClass;
  readonly cells: readonly (readonly { readonly storageType: StorageType; readonly outcome: CellOutcome }[])[];
}

/**
 * Runs `createBackup` for every engine × storage type × method column on the sample instance
 * (Running, databases `orders` and `users`, no jobs) with that engine and storage type.
 */
export function capabilityMatrix(): MatrixRow[] {
  return ENGINES.flatMap((engine) =>
    STORAGE_CLASSES.map((storage) => ({
      engine,
      storage,
      cells: METHOD_COLUMNS.map((method) => storage.storageTypes.map((storageType) => ({ storageType, outcome: decide(engine, storageType, method) }))),
    })),
  );
}

function decide(engine: Engine, storageType: StorageType, method: MethodColumn): CellOutcome {
  const state: InstanceState = { ...SAMPLE_INSTANCE, engine, engineVersion: MATRIX_ENGINE_VERSIONS[engine], storageType };
  const request = `Action=CreateBackup&DBInstanceId=${state.instanceId}${method === undefined ? "" : `&BackupMethod=${method}`}`;
  const decision = createBackup(state, request, { now: MATRIX_NOW });
  return decision.ok ? { ok: true, method: decision.job.method } : { ok: false, rule: decision.error.rule };
}
