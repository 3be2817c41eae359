/**
 * The capability matrix, written out by hand: for every engine on each local disk (`local_ssd`,
 * `ephemeral_ssd`) and on every cloud storage type, each method given (or none, meaning Physical) is accepted or
 * refused by the rule the matrix names. Every other rule passes: the instance is Running, has a
 * database, and no job.
 */
import { describe, expect, it } from "vitest";
import { createBackup, type Engine, type InstanceState, type RuleId, type StorageType } from "../src/index";
import { BASE, context, expectAccepted, expectRefused, instance, withBase } from "./support/builders";

type Method = "Logical" | "Physical" | "Snapshot";
type Outcome = "yes" | RuleId;

/** One row of the spec's matrix: what Logical, Physical and Snapshot get. */
type Row = { readonly [M in Method]: Outcome };

const LOCAL_STORAGE: readonly StorageType[] = ["local_ssd", "ephemeral_ssd"];
const CLOUD_STORAGE: readonly StorageType[] = ["cloud_ssd", "cloud_essd", "cloud_essd2", "cloud_essd3", "general_essd"];

/** The capability matrix of the product specification, row by row. */
const MATRIX: readonly (readonly [Engine, "local" | "cloud", Row])[] = [
  ["MySQL", "local", { Logical: "yes", Physical: "yes", Snapshot: "backup-method.snapshot-requires-cloud-disk" }],
  [
    "MySQL",
    "cloud",
    { Logical: "backup-method.logical-requires-local-disk", Physical: "backup-method.mysql-cloud-disk-uses-snapshot", Snapshot: "yes" },
  ],
  [
    "SQLServer",
    "local",
    { Logical: "backup-method.logical-requires-mysql", Physical: "yes", Snapshot: "backup-method.snapshot-requires-cloud-disk" },
  ],
  ["SQLServer", "cloud", { Logical: "backup-method.logical-requires-mysql", Physical: "yes", Snapshot: "yes" }],
  [
    "PostgreSQL",
    "local",
    { Logical: "backup-method.logical-requires-mysql", Physical: "yes", Snapshot: "backup-method.snapshot-requires-cloud-disk" },
  ],
  ["PostgreSQL", "cloud", { Logical: "backup-method.logical-requires-mysql", Physical: "yes", Snapshot: "yes" }],
  [
    "MariaDB",
    "cloud",
    { Logical: "backup-method.logical-requires-mysql", Physical: "yes", Snapshot: "backup-method.mariadb-snapshot-uses-physical" },
  ],
];

const VERSION: { readonly [E in Engine]: string } = { MySQL: "8.0", SQLServer: "2019_std_ha", PostgreSQL: "16.0", MariaDB: "10.3" };

const cells = MATRIX.flatMap(([engine, disk, row]) =>
  (disk === "local" ? LOCAL_STORAGE : CLOUD_STORAGE).flatMap((storageType) =>
    (["Logical", "Physical", "Snapshot", undefined] as const).map((method) => ({
      engine,
      storageType,
      method,
      expected: row[method ?? "Physical"],
    })),
  ),
);

describe("the capability matrix (docs/rules.md, Capability matrix)", () => {
  it("covers every engine on every storage type it may run on, with every method and none", () => {
    // 3 engines × 7 storage types + MariaDB × 5 cloud types, × 4 method choices.
    expect(cells).toHaveLength((3 * 7 + 5) * 4);
  });

  for (const { engine, storageType, method, expected } of cells) {
    const state: InstanceState = instance({ engine, engineVersion: VERSION[engine], storageType });
    const request = method === undefined ? BASE : withBase(`BackupMethod=${method}`);
    it(`${engine} on ${storageType}, ${method ?? "no BackupMethod"}: ${expected}`, () => {
      const decision = createBackup(state, request, context());
      if (expected === "yes") {
        const accepted = expectAccepted(decision);
        expect(accepted.job.method).toBe(method ?? "Physical");
        expect(accepted.job).toMatchObject({ status: "NoStart", mode: "Manual", backupType: "Auto" });
      } else {
        expectRefused(decision, expected, "BackupMethod");
      }
    });
  }

  it("refuses MariaDB on a local disk as an invalid state, whatever the method", () => {
    for (const storageType of LOCAL_STORAGE) {
      const state = instance({ engine: "MariaDB", engineVersion: "10.6", storageType });
      for (const request of [BASE, withBase("BackupMethod=Physical"), withBase("BackupMethod=Snapshot")]) {
        expectRefused(createBackup(state, request, context()), "state.invalid", "state.storageType");
      }
    }
  });

  it("refuses a MySQL Logical backup on a local disk when the instance has no database", () => {
    expectRefused(
      createBackup(instance({ databases: [] }), withBase("BackupMethod=Logical"), context()),
      "backup-method.logical-requires-database",
      "BackupMethod",
    );
  });
});
