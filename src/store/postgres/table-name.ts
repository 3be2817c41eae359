/** The table the adapter uses when none is given. */
export const DEFAULT_TABLE = "rds_backup_instances";

/** The table of the nonces of signed calls when none is given. */
export const DEFAULT_NONCE_TABLE = "rds_backup_nonces";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The table name as SQL: one identifier, or `schema.table`, each part letters, digits and `_`
 * (not starting with a digit), at most 63 characters, double-quoted so that it is used exactly
 * as given. Anything else is refused with a `RangeError` at setup, never pasted into SQL.
 *
 * @example
 * ```ts
 * import { quotedTableName } from "./table-name";
 *
 * expect(quotedTableName("rds_backup_instances")).toBe('"rds_backup_instances"');
 * expect(quotedTableName("ops.Backups")).toBe('"ops"."Backups"');
 * expect(() => quotedTableName('x"; DROP TABLE users; --')).toThrow(RangeError);
 * expect(() => quotedTableName("a.b.c")).toThrow(RangeError);
 * ```
 */
export function quotedTableName(table: unknown): string {
  const parts = typeof table === "string" ? table.split(".") : [];
  if (parts.length === 0 || parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new RangeError(
      `The table name must be an identifier or schema.identifier (letters, digits and _, not starting with a digit, at most 63 characters each); received ${typeof table === "string" ? JSON.stringify(table.slice(0, 100)) : typeof table}`,
    );
  }
  return parts.map((part) => `"${part}"`).join(".");
}
