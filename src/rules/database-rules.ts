/**
 * The databases a backup exports.
 *
 * | rule | id |
 * |---:|---|
 * | 28 | `backup-method.logical-requires-database` |
 * | 29 | `db-name.not-found` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import { quote } from "../text/describe";
import { defineDetailedRule, defineRule } from "./rule";

/**
 * The details of `db-name.not-found`: the DBName items that are not databases of the instance, in
 * request order, and whether names were compared case-sensitively (everywhere but SQL Server).
 */
export interface DbNameNotFoundDetails {
  readonly instanceId: string;
  readonly missing: readonly string[];
  readonly caseSensitive: boolean;
}

/** Rule 28: a Logical backup needs a database to back up. */
export const logicalRequiresDatabase = defineRule({
  id: "backup-method.logical-requires-database",
  code: "OperationDenied.NoDatabase",
  httpStatus: 403,
  title: "Logical backups need a database",
  description: "A Logical backup exports databases, so it is refused on an instance that has none.",
  requires: ["request", "state"],
  check: ({ request, state }) =>
    request.method === "Logical" && state.databases.length === 0
      ? {
          message: `The instance ${quote(state.instanceId)} has no database, so there is nothing for a Logical backup to export; create a database first, or use BackupMethod=Physical`,
          parameter: "BackupMethod",
        }
      : undefined,
});

/** Rule 29: every DBName item is a database of the instance. */
export const dbNameNotFound = defineDetailedRule({
  id: "db-name.not-found",
  code: "InvalidDBName.NotFound",
  httpStatus: 404,
  title: "DBName names existing databases",
  description: "Every DBName item is a database of the instance: compared case-insensitively on SQL Server, case-sensitively elsewhere.",
  requires: ["request", "state"],
  check: ({ request, state }) => {
    if (request.dbNames === undefined) return undefined;
    const fold = state.engine === "SQLServer" ? (name: string) => name.toLowerCase() : (name: string) => name;
    const existing = new Set(state.databases.map(fold));
    const missing = request.dbNames.filter((name) => !existing.has(fold(name)));
    if (missing.length === 0) return undefined;
    return { details: { instanceId: state.instanceId, missing, caseSensitive: state.engine !== "SQLServer" }, parameter: "DBName" };
  },
  message: ({ instanceId, missing, caseSensitive }: DbNameNotFoundDetails) => {
    const others = missing.length > 1 ? ` (and ${missing.length - 1} more)` : "";
    return `DBName ${quote(missing[0] ?? "")}${others} is not a database of the instance ${quote(instanceId)}; list only existing databases${caseSensitive ? " (names are case-sensitive)" : ""}`;
  },
});
