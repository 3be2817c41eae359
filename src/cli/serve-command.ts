import { createBackup } from "../decisions/create-backup";
import { SAMPLE_INSTANCE } from "../examples/sample-instance";
import { CliUsageError, EXIT_CODES, firstLine, type CliIo, type ExitCode } from "./cli-io";
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
  const server = await import("../server/index");
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
