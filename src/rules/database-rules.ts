import { quote } from "../text/describe";
import { defineRule } from "./rule";

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
export const dbNameNotFound = defineRule({
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
    const [first] = missing;
    if (first === undefined) return undefined;
    const others = missing.length > 1 ? ` (and ${missing.length - 1} more)` : "";
    return {
      message: `DBName ${quote(first)}${others} is not a database of the instance ${quote(state.instanceId)}; list only existing databases${state.engine === "SQLServer" ? "" : " (names are case-sensitive)"}`,
      parameter: "DBName",
    };
  },
});
