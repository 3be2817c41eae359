import {
  memoryNonces,
  memoryStore,
  registerInstance,
  type CommitOptions,
  type InstanceRegistration,
  type NonceStore,
  type StateStore,
} from "../store/index";

/**
 * The time limits of the store, in milliseconds, each a whole number from 1 to 2^31 − 1: the
 * options `serve --connect-timeout`, `--statement-timeout` and `--request-timeout` set.
 */
export interface StoreTimeouts {
  /** Connecting to PostgreSQL, waiting for a free connection of the pool included; default 5,000. */
  readonly connectTimeoutMs?: number;
  /** Each statement, measured by the client (it holds when the database stops answering); default 5,000. */
  readonly statementTimeoutMs?: number;
  /** A whole commit-loop call (`OpenedStore.commit.deadlineMs`); default 15,000. */
  readonly requestTimeoutMs?: number;
}

/** A store ready for the server: what it is called in the log, its deadlines, a probe, and how to close it. */
export interface OpenedStore {
  readonly store: StateStore;
  /** `memory` or `postgres`. */
  readonly name: string;
  /** The commit options to pass to each store call: `deadlineMs` is the request timeout. */
  readonly commit: CommitOptions;
  /** Where signed calls' nonces are kept: this process's bounded memory, or the PostgreSQL table every replica shares. */
  readonly nonces: NonceStore;
  /** A trivial call (`SELECT 1`) that rejects unless the store answers within `withinMs` (default 1,000); memory resolves at once. */
  readonly ping: (withinMs?: number) => Promise<void>;
  /**
   * Releases the store's connections, waiting at most `withinMs` (default 5,000) for calls in
   * flight; resolves `{ clean: false }` when they did not finish in time (they end at their own
   * statement deadline), `{ clean: true }` otherwise. Never rejects; a second call answers as the first.
   */
  readonly close: (withinMs?: number) => Promise<{ readonly clean: boolean }>;
}

const DEFAULTS = { connectTimeoutMs: 5_000, statementTimeoutMs: 5_000, requestTimeoutMs: 15_000 } as const;
const PING_MS = 1_000;
const CLOSE_MS = 5_000;
const MAX_MS = 2 ** 31 - 1;

/**
 * The store `serve` runs on: without a URL an in-memory store with the given instances registered;
 * with a `postgres://` URL a PostgreSQL store and nonce table, migrated first (`pg` is an optional
 * peer dependency, loaded only then), whose pool gives up connecting after `connectTimeoutMs` and
 * each statement after `statementTimeoutMs`, so that a database that stops answering is an error
 * in bounded time. Resolves a one-line message when it cannot.
 *
 * @example
 * ```ts
 * import { openStore } from "rds-backup-rules/server";
 *
 * const opened = await openStore(undefined, [{ instanceId: "rm-demo", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] }], { requestTimeoutMs: 2_000 });
 * expect(opened.ok && [opened.name, opened.commit]).toEqual(["memory", { deadlineMs: 2_000 }]);
 * expect(opened.ok && (await opened.store.load("rm-demo"))).toMatchObject({ instanceId: "rm-demo", version: 1 });
 * await opened.ok && opened.ping();
 * expect(opened.ok && (await opened.nonces.remember("AK", "n-1", new Date("2026-03-02T08:15:00Z"), new Date("2026-03-02T08:00:00Z")))).toBe("fresh");
 * expect(opened.ok && (await opened.close())).toEqual({ clean: true });
 * expect(await openStore("mysql://db", [])).toEqual({ ok: false, message: "the store URL must start with postgres:// or postgresql://" });
 * expect(await openStore(undefined, [], { statementTimeoutMs: 0 })).toMatchObject({ ok: false, message: expect.stringContaining("statementTimeoutMs") });
 * ```
 */
export async function openStore(
  url: string | undefined,
  instances: readonly InstanceRegistration[],
  timeouts: StoreTimeouts = {},
): Promise<({ ok: true } & OpenedStore) | { ok: false; message: string }> {
  const limits = readTimeouts(timeouts);
  if (typeof limits === "string") return { ok: false, message: limits };
  const commit: CommitOptions = { deadlineMs: limits.requestTimeoutMs };
  if (url === undefined) {
    const store = memoryStore();
    for (const instance of instances) {
      const registered = await registerInstance(store, instance, commit);
      if (!registered.ok) return { ok: false, message: `cannot register ${instance.instanceId}: ${registered.error.message}` };
    }
    return {
      ok: true,
      store,
      name: "memory",
      commit,
      nonces: memoryNonces(),
      ping: async () => undefined,
      close: async () => ({ clean: true }),
    };
  }
  if (!/^postgres(?:ql)?:\/\//.test(url)) return { ok: false, message: "the store URL must start with postgres:// or postgresql://" };
  let pg: typeof import("pg");
  try {
    pg = await import("pg");
  } catch {
    return { ok: false, message: "a PostgreSQL store needs the pg package: npm install pg@8" };
  }
  const { migrate, postgresNonces, postgresStore } = await import("../store/postgres/index");
  const Pool = pg.Pool ?? (pg as unknown as { default: typeof import("pg") }).default.Pool;
  const pool = new Pool({
    connectionString: url,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    // The client's own timer: it fires when the database stops answering (packets dropped), which
    // the server's statement_timeout, also set, cannot see.
    query_timeout: limits.statementTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    keepAlive: true,
  });
  pool.on("error", () => undefined); // an idle client's lost connection: the next query reports it as store.unavailable
  const close = closer(() => pool.end());
  try {
    await migrate(pool);
  } catch (error) {
    await close(CLOSE_MS);
    return { ok: false, message: `cannot prepare the PostgreSQL store: ${error instanceof Error ? error.message : String(error)}` };
  }
  const ping = (withinMs = PING_MS) =>
    within(pool.query("SELECT 1"), withinMs, `the store did not answer SELECT 1 within ${withinMs} ms`).then(() => undefined);
  return { ok: true, store: postgresStore(pool), name: "postgres", commit, nonces: postgresNonces(pool), ping, close };
}

/** The timeouts with their defaults, or a one-line message naming the first that is not a whole number of milliseconds in range. */
function readTimeouts(timeouts: StoreTimeouts): Required<StoreTimeouts> | string {
  const read = { ...DEFAULTS };
  for (const name of Object.keys(DEFAULTS) as (keyof StoreTimeouts)[]) {
    const value: unknown = timeouts[name];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > MAX_MS) {
      return `${name} must be a whole number of milliseconds from 1 to ${MAX_MS}; received ${typeof value === "number" ? value : typeof value}`;
    }
    read[name] = value as never;
  }
  return read;
}

/** `work`'s answer, or a rejection with `message` once `ms` have passed (the work is then abandoned, its rejection handled). */
function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  work.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** A close that ends the pool once, waits for it at most `withinMs`, and says whether it finished in time. */
function closer(end: () => Promise<void>): OpenedStore["close"] {
  let ending: Promise<boolean> | undefined;
  return async (withinMs = CLOSE_MS) => {
    ending ??= end().then(
      () => true,
      () => false,
    );
    const bound = typeof withinMs === "number" && withinMs >= 0 && withinMs <= MAX_MS ? withinMs : CLOSE_MS;
    const clean = await within(ending, bound, "").catch(() => false);
    return { clean };
  };
}
