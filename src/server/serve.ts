import type { FastifyInstance } from "fastify";
import { createServer, type ServerOptions } from "./create-server";
import { isLoopback, isWildcard } from "./hosts";
import { inFlightRequests } from "./in-flight";

/** How long a shutdown waits by default for the requests in flight. */
const DEFAULT_GRACE_MS = 30_000;
/** After the grace period, how long the 503s get to be written before the connections still open are cut. */
const CUT_AFTER_MS = 1_000;

/** What `serve` listens with, beyond the server's own options. */
export interface ServeOptions extends ServerOptions {
  /** The address to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** The port; default 8080; 0 picks a free one. */
  readonly port?: number;
  /** How the store is named in the start-up log (`memory`, `postgres`). */
  readonly storeName?: string;
  /** Stop on SIGTERM and SIGINT (the default); tests that run several servers in one process turn it off. */
  readonly handleSignals?: boolean;
  /** How long a stop waits for the requests in flight, in ms (default 30,000); then each still unanswered gets 503 and connections are cut. */
  readonly gracePeriodMs?: number;
  /** The log's level, one of pino's (`trace` … `fatal`, `silent`); default `info`. */
  readonly logLevel?: string;
  /** Fields added to the start-up log line (the CLI's settings and their sources). */
  readonly startupFields?: Readonly<Record<string, unknown>>;
}

/** A listening server: its address, how to stop it, and when it has stopped. */
export interface RunningServer {
  readonly url: string;
  readonly server: FastifyInstance;
  /** Stops accepting, finishes the requests in flight, closes the store. */
  readonly close: () => Promise<void>;
  /** Settles once the server has closed, by `close` or by a signal: `clean` is false when requests were cut at the end of the grace period. */
  readonly closed: Promise<{ readonly clean: boolean }>;
}

/** How a refusal to listen names the settings it misses; the CLI names its flags. */
export interface SettingNames {
  readonly accessKeys: string;
  readonly adminToken: string;
}

const LIBRARY_NAMES: SettingNames = { accessKeys: "access keys (accessKeys)", adminToken: "an admin token (adminToken)" };

/**
 * Why the server must not listen on that host with those options, or undefined when it may: beyond
 * loopback, callers must sign their calls and the admin API must need a token. The message names
 * the missing settings as `names` gives them (default: the options' own names).
 *
 * @example
 * ```ts
 * import { listenRefusal } from "rds-backup-rules/server";
 *
 * expect(listenRefusal("127.0.0.1", {})).toBeUndefined();
 * expect(listenRefusal("0.0.0.0", { adminToken: "t" })).toBe(
 *   "refusing to listen on 0.0.0.0 without access keys (accessKeys): beyond loopback every API call must be signed and the admin API must need a token",
 * );
 * expect(listenRefusal("0.0.0.0", {}, { accessKeys: "--access-keys-file", adminToken: "--admin-token-file" })).toContain("without --access-keys-file and --admin-token-file:");
 * ```
 */
export function listenRefusal(
  host: string,
  options: Pick<ServerOptions, "adminToken" | "accessKeys">,
  names: SettingNames = LIBRARY_NAMES,
): string | undefined {
  if (isLoopback(host)) return undefined;
  const missing = [
    options.accessKeys === undefined ? names.accessKeys : undefined,
    options.adminToken === undefined ? names.adminToken : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length === 0) return undefined;
  return `refusing to listen on ${host} without ${missing.join(" and ")}: beyond loopback every API call must be signed and the admin API must need a token`;
}

/**
 * Builds the server and listens: refuses a host beyond loopback without an admin token and access
 * keys, logs one start-up line (saying when calls are not authenticated or the admin API is
 * open), and on SIGTERM or SIGINT stops accepting, finishes the requests in flight (those still
 * unanswered when the grace period ends get 503) and closes the store. Resolves a message instead
 * when it cannot start.
 *
 * @example
 * ```ts
 * import { serve } from "rds-backup-rules/server";
 * import { memoryStore } from "rds-backup-rules/store";
 *
 * const refused = await serve({ store: memoryStore(), host: "0.0.0.0", log: false });
 * expect(!refused.ok && refused.message).toContain("refusing to listen on 0.0.0.0");
 * ```
 */
export async function serve(options: ServeOptions): Promise<({ ok: true } & RunningServer) | { ok: false; message: string }> {
  const host = options.host ?? "127.0.0.1";
  const refusal = listenRefusal(host, options);
  if (refusal !== undefined) return { ok: false, message: refusal };
  // The address it listens on is a Host its callers may name (a wildcard address is no name: they name the interface, which the server sees).
  const built = createServer(
    isWildcard(host) || isLoopback(host) ? options : { ...options, allowedHosts: [...(options.allowedHosts ?? []), host] },
  );
  if (!built.ok) return built;
  const { server } = built;
  const inFlight = inFlightRequests(server);
  if (options.logLevel !== undefined) server.log.level = options.logLevel;
  let url: string;
  try {
    url = await server.listen({ host, port: options.port ?? 8080 });
  } catch (error) {
    await server.close().catch(() => undefined);
    return {
      ok: false,
      message: `cannot listen on ${host}:${options.port ?? 8080}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let closing: Promise<void> | undefined;
  let settle: (outcome: { clean: boolean }) => void = () => undefined;
  const closed = new Promise<{ clean: boolean }>((resolve) => (settle = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    server.log.info({ signal }, "stopping: no new connections, finishing the requests in flight");
    void close();
  };
  const close = () => {
    closing ??= (async () => {
      if (options.handleSignals !== false) {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
      }
      // Past the grace period, what is still unanswered (a hung store call) gets 503, then every connection is cut.
      let cutShort = 0;
      let cut: NodeJS.Timeout | undefined;
      const grace = setTimeout(() => {
        cutShort = inFlight.cutShort();
        cut = setTimeout(() => server.server.closeAllConnections(), CUT_AFTER_MS);
      }, options.gracePeriodMs ?? DEFAULT_GRACE_MS);
      await server.close();
      clearTimeout(grace);
      clearTimeout(cut);
      server.log.info({ clean: cutShort === 0, cutShort }, "stopped");
      settle({ clean: cutShort === 0 });
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  }
  server.log.info(
    {
      url,
      store: options.storeName ?? "custom",
      policy: options.policy ?? {},
      apiCalls:
        options.accessKeys === undefined
          ? "not authenticated (no access keys; loopback only)"
          : `signed by one of ${options.accessKeys.size} access keys`,
      adminApi: options.adminToken === undefined ? "open (no admin token; loopback only)" : "bearer token",
      ...options.startupFields,
    },
    `rds-backup-rules serve listening on ${url}`,
  );
  return { ok: true, url, server, close, closed };
}
