/**
 * What the PostgreSQL adapter needs of its connection: `query(text, values)`, as a `pg` `Pool`
 * (or `Client`, or `PoolClient`) has it. Structural, so this package imports nothing from `pg`.
 */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ readonly rows: readonly unknown[]; readonly rowCount: number | null }>;
}
