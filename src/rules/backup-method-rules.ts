/**
 * The backup method against the engine and the storage (the capability matrix).
 *
 * | rule | id |
 * |---:|---|
 * | 17 | `backup-method.logical-requires-mysql` |
 * | 18 | `backup-method.logical-requires-local-disk` |
 * | 19 | `backup-method.mariadb-snapshot-uses-physical` |
 * | 20 | `backup-method.snapshot-requires-cloud-disk` |
 * | 21 | `backup-method.mysql-cloud-disk-uses-snapshot` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import { isLocalDisk } from "../domain/vocabulary";
import { defineRule } from "./rule";

const PARAMETER = "BackupMethod";

/** Rule 17: Logical backups are for MySQL only. */
export const logicalRequiresMysql = defineRule({
  id: "backup-method.logical-requires-mysql",
  code: "InvalidBackupMethod.ValueNotSupport",
  httpStatus: 400,
  title: "Logical backups are MySQL-only",
  description: "BackupMethod=Logical is accepted on MySQL only; SQL Server, PostgreSQL and MariaDB take physical or snapshot backups.",
  requires: ["request", "state"],
  check: ({ request, state }) => {
    if (request.method !== "Logical" || state.engine === "MySQL") return undefined;
    const instead =
      state.engine === "MariaDB"
        ? "use BackupMethod=Physical (MariaDB takes it as a snapshot)"
        : isLocalDisk(state.storageType)
          ? "use BackupMethod=Physical"
          : "use BackupMethod=Physical or Snapshot";
    return { message: `${state.engine} instances do not take Logical backups; ${instead}`, parameter: PARAMETER };
  },
});

/** Rule 18: MySQL Logical backups need local disks. */
export const logicalRequiresLocalDisk = defineRule({
  id: "backup-method.logical-requires-local-disk",
  code: "InvalidBackupMethod.ValueNotSupport",
  httpStatus: 400,
  title: "MySQL Logical backups need local disks",
  description: "BackupMethod=Logical on MySQL is accepted only with local disks (`local_ssd`).",
  requires: ["request", "state"],
  check: ({ request, state }) =>
    request.method === "Logical" && state.engine === "MySQL" && !isLocalDisk(state.storageType)
      ? {
          message: `MySQL on cloud disks (${state.storageType}) does not take Logical backups; use BackupMethod=Snapshot`,
          parameter: PARAMETER,
        }
      : undefined,
});

/** Rule 19: MariaDB snapshot backups are requested as Physical. */
export const mariadbSnapshotUsesPhysical = defineRule({
  id: "backup-method.mariadb-snapshot-uses-physical",
  code: "InvalidBackupMethod.ValueNotSupport",
  httpStatus: 400,
  title: "MariaDB snapshots are requested as Physical",
  description: "MariaDB takes snapshot backups only, but they are requested with BackupMethod=Physical; Snapshot is refused.",
  requires: ["request", "state"],
  check: ({ request, state }) =>
    request.method === "Snapshot" && state.engine === "MariaDB"
      ? {
          message: "MariaDB snapshot backups are requested with BackupMethod=Physical; use Physical (or omit BackupMethod)",
          parameter: PARAMETER,
        }
      : undefined,
});

/** Rule 20: Snapshot backups need cloud disks. */
export const snapshotRequiresCloudDisk = defineRule({
  id: "backup-method.snapshot-requires-cloud-disk",
  code: "InvalidBackupMethod.ValueNotSupport",
  httpStatus: 400,
  title: "Snapshot backups need cloud disks",
  description:
    "BackupMethod=Snapshot is accepted only on cloud disks; instances on local disks (`local_ssd`, `ephemeral_ssd`) take physical backups.",
  requires: ["request", "state"],
  check: ({ request, state }) =>
    request.method === "Snapshot" && isLocalDisk(state.storageType)
      ? {
          message: `Instances on local disks (this one is on ${state.storageType}) do not take Snapshot backups; use BackupMethod=Physical`,
          parameter: PARAMETER,
        }
      : undefined,
});

/** Rule 21: MySQL on cloud disks backs up with snapshots, not Physical. */
export const mysqlCloudDiskUsesSnapshot = defineRule({
  id: "backup-method.mysql-cloud-disk-uses-snapshot",
  code: "InvalidBackupMethod.ValueNotSupport",
  httpStatus: 400,
  title: "MySQL on cloud disks uses Snapshot",
  description: "MySQL on cloud disks does not take Physical backups, whether Physical is given or the default; request Snapshot.",
  requires: ["request", "state", "fields"],
  check: ({ request, state, fields }) => {
    if (request.method !== "Physical" || state.engine !== "MySQL" || isLocalDisk(state.storageType)) return undefined;
    const given = fields.backupMethod.kind === "valid" ? "BackupMethod=Physical is" : "BackupMethod defaults to Physical, which is";
    return {
      message: `${given} not taken by MySQL on cloud disks (${state.storageType}); set BackupMethod=Snapshot`,
      parameter: PARAMETER,
    };
  },
});
