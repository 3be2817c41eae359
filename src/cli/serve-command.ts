import { createBackup } from "../index";
import { SAMPLE_INSTANCE } from "../examples/index";
import { CliUsageError, EXIT_CODES, firstLine, type CliIo, type ExitCode, type ServerModule } from "./cli-io";
import { contextRefusalAsUsageError, policyFromOptions } from "./decision-inputs";
import { parseCommandArgs } from "./parse-command-args";

/** The options of `serve`, for `node:util` parseArgs. */
const SERVE_OPTIONS = {
  store: { type: "string" },
  host: { type: "string", default: "127.0.0.1" },
  port: { type: "string", default: "8080" },
  "time-zone": { type: "string" },
  "daily-limit": { type: "string" },
  "admin-token-file": { type: "string" },
  "access-keys-file": { type: "string" },
} as const;

/**
 * `rds-backup-rules serve`: parses the flags, reads the secrets files, opens the store (in memory
 * with the sample instance rm-demo, or PostgreSQL) and runs the server until SIGTERM or SIGINT.
 * The server module is loaded only here, so the other commands never load the HTTP stack.
 *
 * @example
 * ```ts
 * import { runServe } from "./serve-command";
 *
 * const err: string[] = [];
 * const io = { write: () => {}, writeError: (t: string) => err.push(t), readFile: () => "", readStdin: async () => "", now: () => new Date(0) };
 * await expect(runServe(["--port", "http"], io)).rejects.toThrow("--port must be a port number from 0 to 65535");
 * ```
 */
export async function runServe(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("serve", args, SERVE_OPTIONS);
  if (positionals.length > 0) throw new CliUsageError(`serve takes no arguments, but was given ${JSON.stringify(positionals[0])}`);
  const port = readPort(values.port);
  const policy = policyFromOptions(values);
  contextRefusalAsUsageError(createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", { now: io.now(), policy }));
  const server = await loadServer(io.loadServer);
  const adminToken = values["admin-token-file"] === undefined ? undefined : readSecret(io, "--admin-token-file", values["admin-token-file"], server.parseAdminToken);
  const accessKeys = values["access-keys-file"] === undefined ? undefined : readSecret(io, "--access-keys-file", values["access-keys-file"], server.parseAccessKeys);
  const secrets = { ...(adminToken === undefined ? {} : { adminToken }), ...(accessKeys === undefined ? {} : { accessKeys }) };
  const refusal = server.listenRefusal(values.host, secrets);
  if (refusal !== undefined) throw new CliUsageError(refusal);
  const { jobs: _jobs, version: _version, ...sample } = SAMPLE_INSTANCE;
  const opened = await server.openStore(values.store, values.store === undefined ? [sample] : []);
  if (!opened.ok) throw new CliUsageError(opened.message);
  const running = await server.serve({
    store: opened.store,
    storeName: opened.name,
    onClose: opened.close,
    host: values.host,
    port,
    policy,
    log: { write: io.write },
    ...secrets,
  });
  if (!running.ok) {
    await opened.close();
    throw new CliUsageError(running.message);
  }
  await running.closed;
  return EXIT_CODES.ok;
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

function readPort(text: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) > 65535) throw new CliUsageError(`--port must be a port number from 0 to 65535; received ${JSON.stringify(text)}`);
  return Number(text);
}

function readSecret<T>(io: CliIo, option: string, path: string, parse: (text: string) => { ok: true; value: T } | { ok: false; message: string }): T {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new CliUsageError(`${option}: cannot read ${JSON.stringify(path)}: ${firstLine(error)}`);
  }
  const parsed = parse(text);
  if (!parsed.ok) throw new CliUsageError(`${option} ${JSON.stringify(path)}: ${parsed.message}`);
  return parsed.value;
}
