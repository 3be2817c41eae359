import { memoryStore, registerInstance, type InstanceRegistration, type StateStore } from "../store/index";

/** A store ready for the server: what it is called in the log, and how to close it. */
export interface OpenedStore {
  readonly store: StateStore;
  /** `memory` or `postgres`. */
  readonly name: string;
  /** Releases the store's connections (nothing for memory). */
  readonly close: () => Promise<void>;
}

/**
 * The store `serve` runs on: without a URL an in-memory store with the given instances registered;
 * with a `postgres://` URL a PostgreSQL store, migrated first (`pg` is an optional peer dependency,
 * loaded only then). Resolves a one-line message when it cannot.
 *
 * @example
 * ```ts
 * import { openStore } from "rds-backup-rules/server";
 *
 * const opened = await openStore(undefined, [{ instanceId: "rm-demo", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] }]);
 * expect(opened.ok && opened.name).toBe("memory");
 * expect(opened.ok && (await opened.store.load("rm-demo"))).toMatchObject({ instanceId: "rm-demo", version: 1 });
 * expect(await openStore("mysql://db", [])).toEqual({ ok: false, message: "--store takes a postgres:// or postgresql:// URL" });
 * ```
 */
export async function openStore(url: string | undefined, instances: readonly InstanceRegistration[]): Promise<({ ok: true } & OpenedStore) | { ok: false; message: string }> {
  if (url === undefined) {
    const store = memoryStore();
    for (const instance of instances) {
      const registered = await registerInstance(store, instance);
      if (!registered.ok) return { ok: false, message: `cannot register ${instance.instanceId}: ${registered.error.message}` };
    }
    return { ok: true, store, name: "memory", close: async () => undefined };
  }
  if (!/^postgres(?:ql)?:\/\//.test(url)) return { ok: false, message: "--store takes a postgres:// or postgresql:// URL" };
  let pg: typeof import("pg");
  try {
    pg = await import("pg");
  } catch {
    return { ok: false, message: "--store postgres://… needs the pg package: npm install pg@8" };
  }
  const { migrate, postgresStore } = await import("../store/postgres/index");
  const Pool = pg.Pool ?? (pg as unknown as { default: typeof import("pg") }).default.Pool;
  const pool = new Pool({ connectionString: url });
  pool.on("error", () => undefined); // an idle client's lost connection: the next query reports it as store.unavailable
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    return { ok: false, message: `cannot prepare the PostgreSQL store: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, store: postgresStore(pool), name: "postgres", close: () => pool.end() };
}
