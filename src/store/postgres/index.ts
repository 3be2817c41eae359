/**
 * rds-backup-rules/store/postgres: a `StateStore` over PostgreSQL with `pg@8` (an optional peer
 * dependency: pass your `Pool`), a `NonceStore` every replica shares, and `migrate`, which creates
 * their tables.
 *
 * @packageDocumentation
 */
export { postgresStore, type PostgresStoreOptions } from "./postgres-store";
export { postgresNonces, type PostgresNoncesOptions } from "./postgres-nonces";
export { migrate, type MigrateOptions } from "./migrate";
export type { Queryable } from "./queryable";
