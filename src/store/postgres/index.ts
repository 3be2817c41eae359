/**
 * rds-backup-rules/store/postgres: a `StateStore` over PostgreSQL with `pg@8` (an optional peer
 * dependency: pass your `Pool`), and `migrate`, which creates its table.
 *
 * @packageDocumentation
 */
export { postgresStore, type PostgresStoreOptions } from "./postgres-store";
export { migrate } from "./migrate";
export type { Queryable } from "./queryable";
