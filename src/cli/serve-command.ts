import { fileURLToPath } from "node:url";
import { createBackup } from "../index";
import { SAMPLE_INSTANCE } from "../examples/index";
import { CliUsageError, EXIT_CODES, type CliIo, type ExitCode, type ServerModule } from "./cli-io";
import { contextRefusalAsUsageError, policyFromOptions } from "./decision-inputs";
import { parseCommandArgs } from "./parse-command-args";
import { loadSecretFile, readSecretFile, type SecretFile } from "./secret-files";
import { labelOf, naming, readServeSettings, SERVE_FLAGS, settingsForLog } from "./serve-settings";

/** What `serve` reads from the process beyond the CLI's own `CliIo`: the environment and its secret files. */
export interface ServeWorld {
  /** The environment variables (`RDS_BACKUP_RULES_<FLAG>`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads a secret file's text and mode. */
  readonly readSecretFile: (path: string) => SecretFile;
  /** After a stop that was not clean: makes sure the process ends with `code` soon, even if a hung store socket would keep it alive. */
  readonly exitSoon?: (code: ExitCode) => void;
}

/** The built playground beside the built CLI (`dist/playground/`); from the sources it is absent, and the route says to build it. */
const PLAYGROUND_FOLDER = fileURLToPath(new URL("./playground/", import.meta.url));

/** How long the store gets to close after the server stopped. */
const STORE_CLOSE_MS = 2_500;
/** How long after an unclean stop the process is made to exit, if nothing else ended it. */
const EXIT_AFTER_MS = 500;

/** The real process as `serve`'s world. */
const nodeWorld = (): ServeWorld => ({
  env: process.env,
  readSecretFile,
  exitSoon: (code) => void setTimeout(() => process.exit(code), EXIT_AFTER_MS).unref(),
});

/**
 * `rds-backup-rules serve`: reads its settings from the flags, the `RDS_BACKUP_RULES_<FLAG>`
 * variables and the defaults (a flag wins over its variable), reads the secret files, opens the
 * store (in memory with the sample instance rm-demo, or PostgreSQL) and runs the server until
 * SIGTERM or SIGINT. The server module is loaded only here, so the other commands never load the HTTP stack.
 *
 * @example
 * ```ts
 * import { runServe } from "./serve-command";
 *
 * const err: string[] = [];
 * const io = { write: () => {}, writeError: (t: string) => err.push(t), readFile: () => "", readStdin: async () => "", now: () => new Date(0) };
 * await expect(runServe(["--port", "http"], io)).rejects.toThrow("--port must be a port number from 0 to 65535");
 * await expect(runServe([], io, { env: { RDS_BACKUP_RULES_PORT: "http" }, readSecretFile: () => ({ text: "", mode: 0 }) })).rejects.toThrow(
 *   'RDS_BACKUP_RULES_PORT must be a port number from 0 to 65535; received "http"',
 * );
 * ```
 */
export async function runServe(args: readonly string[], io: CliIo, world: ServeWorld = nodeWorld()): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("serve", args, SERVE_FLAGS);
  if (positionals.length > 0) throw new CliUsageError(`serve takes no arguments, but was given ${JSON.stringify(positionals[0])}`);
  const settings = readServeSettings(values, world.env);
  const { given } = settings;
  const policy = naming("daily-limit", given["daily-limit"].source, () => policyFromOptions(settings.policyFlags));
  naming("time-zone", given["time-zone"].source, () =>
    contextRefusalAsUsageError(createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", { now: io.now(), policy })),
  );
  const server = await loadServer(io.loadServer);
  const secret = <T>(flag: "admin-token-file" | "access-keys-file", parse: Parameters<typeof loadSecretFile<T>>[2]) => {
    const path = given[flag].text;
    return path === undefined ? undefined : loadSecretFile(labelOf(flag, given[flag].source), path, parse, world.readSecretFile);
  };
  const adminToken = secret("admin-token-file", server.parseAdminToken);
  const accessKeys = secret("access-keys-file", server.parseAccessKeys);
  const secrets = { ...(adminToken === undefined ? {} : { adminToken }), ...(accessKeys === undefined ? {} : { accessKeys }) };
  const refusal = server.listenRefusal(settings.host, secrets, { accessKeys: "--access-keys-file", adminToken: "--admin-token-file" });
  if (refusal !== undefined) throw new CliUsageError(refusal);
  const { jobs: _jobs, version: _version, ...sample } = SAMPLE_INSTANCE;
  const timeouts = {
    connectTimeoutMs: settings.connectTimeoutMs,
    statementTimeoutMs: settings.statementTimeoutMs,
    requestTimeoutMs: settings.requestTimeoutMs,
  };
  const opened = await server.openStore(settings.store, settings.store === undefined ? [sample] : [], timeouts);
  if (!opened.ok) {
    const { message } = opened;
    return naming("store", given.store.source, () => {
      throw new CliUsageError(`--store: ${message}`);
    });
  }
  const running = await server.serve({
    store: opened.store,
    storeName: opened.name,
    commit: opened.commit,
    nonces: opened.nonces,
    ready: () => opened.ping(),
    host: settings.host,
    port: settings.port,
    policy,
    allowedHosts: settings.allowedHosts,
    playgroundFolder: PLAYGROUND_FOLDER,
    gracePeriodMs: settings.gracePeriodMs,
    logLevel: settings.logLevel,
    startupFields: { settings: settingsForLog(settings, world.env) },
    log: { write: io.write, batched: true },
    ...secrets,
  });
  if (!running.ok) {
    await opened.close();
    throw new CliUsageError(running.message);
  }
  return stopped(await running.closed, await opened.close(STORE_CLOSE_MS), io, world);
}

/** The exit code of a stop: 0 when clean; else 1, with one line on stderr saying what was cut, and the process made to end soon. */
function stopped(server: { readonly clean: boolean }, store: { readonly clean: boolean }, io: CliIo, world: ServeWorld): ExitCode {
  if (server.clean && store.clean) return EXIT_CODES.ok;
  const what = [
    server.clean ? undefined : "requests still in flight at the end of the grace period were answered 503",
    store.clean ? undefined : `the store's connections did not close within ${STORE_CLOSE_MS} ms`,
  ].filter((part) => part !== undefined);
  io.writeError(`rds-backup-rules: stopped, not cleanly: ${what.join("; ")}\n`);
  world.exitSoon?.(EXIT_CODES.refused);
  return EXIT_CODES.refused;
}

/**
 * What `serve` needs beyond the package's own dependency (immer): its optional peers, at the
 * majors of package.json `peerDependencies`, as the one line a user without them is told.
 */
export const SERVE_NEEDS = "serve needs fastify and prom-client: npm install fastify@5 prom-client@15";

/**
 * Loads the server entry, and with it Fastify and prom-client, only when `serve` runs: `check`,
 * `rules` and `explain` work where they are not installed. When one is missing, a usage error
 * that gives the command to install them (exit 2, one line); any other failure is passed on.
 *
 * @example
 * ```ts
 * import { loadServer } from "./serve-command";
 *
 * const missing = Object.assign(new Error("Cannot find package 'fastify' imported from /app/node_modules/rds-backup-rules/dist/cli-index.js"), { code: "ERR_MODULE_NOT_FOUND" });
 * await expect(loadServer(() => Promise.reject(missing))).rejects.toThrow("serve needs fastify and prom-client: npm install fastify@5 prom-client@15");
 * expect(typeof (await loadServer()).serve).toBe("function");
 * ```
 */
export async function loadServer(load: () => Promise<ServerModule> = () => import("../server/index")): Promise<ServerModule> {
  try {
    return await load();
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const notFound = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
    if (notFound && /['"](fastify|prom-client)['"/]/.test(String(message))) throw new CliUsageError(SERVE_NEEDS);
    throw error;
  }
}
