import { CREATE_BACKUP_PARAMETERS } from "../domain/vocabulary";

const TABLE_ORDER: ReadonlyMap<string, number> = new Map(CREATE_BACKUP_PARAMETERS.map((name, index) => [name, index]));

/**
 * Orders parameter names for the tie-break among parameters (decision 0004): the parameters of
 * `CREATE_BACKUP_PARAMETERS` in table order, then every other name in code-unit order.
 *
 * @example
 * ```ts
 * import { compareParameterNames } from "./parameter-order";
 *
 * expect(["Zeta", "DBName", "Action", "Alpha"].sort(compareParameterNames)).toEqual(["Action", "DBName", "Alpha", "Zeta"]);
 * ```
 */
export function compareParameterNames(a: string, b: string): number {
  const rankA = TABLE_ORDER.get(a) ?? TABLE_ORDER.size;
  const rankB = TABLE_ORDER.get(b) ?? TABLE_ORDER.size;
  if (rankA !== rankB) return rankA - rankB;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The first parameter name in tie-break order among those matching, or `undefined`. Linear, no
 * sort, and nothing allocated per parameter: it runs on every decision.
 *
 * @example
 * ```ts
 * import { firstInOrder } from "./parameter-order";
 *
 * const parameters = new Map([["b", 1], ["BackupType", 2], ["a", 3], ["DBName", 4]]);
 * expect(firstInOrder(parameters, (value) => value !== 4)).toBe("BackupType");
 * expect(firstInOrder(parameters, (_, name) => name.length === 1)).toBe("a");
 * ```
 */
export function firstInOrder<V>(parameters: ReadonlyMap<string, V>, matches: (value: V, name: string) => boolean): string | undefined {
  let first: string | undefined;
  parameters.forEach((value, name) => {
    if (matches(value, name) && (first === undefined || compareParameterNames(name, first) < 0)) first = name;
  });
  return first;
}
