import { nearestName } from "../index";
import { runAdvance } from "./advance-command";
import { CliUsageError, EXIT_CODES, firstLine, type CliIo, type ExitCode } from "./cli-io";
import { runCheck } from "./check-command";
import { runExplain } from "./explain-command";
import { runRules } from "./rules-command";
import { runServe } from "./serve-command";
import { versionLine, versions } from "./version";

/** The CLI's help text. */
export const USAGE = `rds-backup-rules: decide ApsaraDB RDS CreateBackup requests with the rds-backup-rules rule set

Usage:
  rds-backup-rules check [--instance FILE|-] [--write] [--now ISO] [--time-zone ZONE] [--daily-limit N] [--idempotency-key KEY] [--trace] [--json] REQUEST
      Decide one request: a query string (quote it), a pasted request URL or a JSON object, like
      "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Physical".
      --instance FILE|-   the instance state JSON (- reads stdin), or the --json output of an accepted
                          check or advance (its .state); default: the bundled sample instance rm-demo
                          (MySQL 8.0, local_ssd, Running, databases orders and users, no jobs)
      --write             write the new state of an accepted request back to FILE (without it, FILE
                          is left as it was)
      --now ISO           the decision's clock, like 2026-03-02T08:00:00Z; default: the system clock
      --time-zone ZONE    the IANA zone of the daily backup limit's day; default UTC
      --daily-limit N     backups allowed per day; default 20
      --idempotency-key KEY
                          the caller's key for retrying one backup safely (1 to 64 printable ASCII
                          characters): a retry with the key of a job of the instance is replayed
      --trace             also show every rule's verdict: passed, violated, or not checked and why
      --json              print the decision as JSON (with --trace, each rule's verdict in "rules")
  rds-backup-rules advance --instance FILE|- [--write] [--now ISO] [--trace] [--json] JOB_ID STATUS
      Decide that a job of the instance reached STATUS (NoStart, Checking, Preparing, Waiting,
      Uploading, Finished or Failed), as a poller reports it; --write writes the new state back to
      FILE (without it, FILE is left as it was); --json prints the new state too.
  rds-backup-rules rules [--json]          list the rules in precedence order
  rds-backup-rules explain RULE [--json]   show one rule (its id or number) with a worked example, or
                                           an answer of the store or the server (store.unavailable…)
  rds-backup-rules serve [--store postgres://…] [--host H] [--port P] [--time-zone ZONE] [--daily-limit N]
                         [--admin-token-file FILE] [--access-keys-file FILE] [--connect-timeout D]
                         [--statement-timeout D] [--request-timeout D] [--grace-period D]
                         [--log-level LEVEL] [--allowed-hosts H,H]
      Serve CreateBackup and DescribeBackupTasks as RDS does (GET /?Action=…, form POST /, or the
      SDKs' x-acs-action POST), an admin API under /admin/instances/, /healthz, /readyz and
      /metrics; one JSON log line per request on stdout. Stops on SIGTERM or SIGINT after the
      requests in flight, within the grace period plus 5 s. Every flag may be given as an
      environment variable RDS_BACKUP_RULES_<FLAG> (RDS_BACKUP_RULES_STORE…); a flag wins.
      Needs fastify and prom-client: npm install fastify@5 prom-client@15
      --store URL              a PostgreSQL database (migrated at start; its password may also come
                               from PGPASSWORD or ~/.pgpass); default: in memory, with the sample
                               instance rm-demo registered
      --host H, --port P       where to listen; default 127.0.0.1:8080. Beyond loopback both files
                               below are required
      --admin-token-file FILE  the admin API's bearer token (16 or more visible ASCII characters);
                               without it the admin API is open
      --access-keys-file FILE  lines AccessKeyId:AccessKeySecret; every API call must then be signed
                               (V3 ACS3-HMAC-SHA256 or V1 HMAC-SHA1). Neither file may be writable
                               by its group or others
      --connect-timeout D, --statement-timeout D, --request-timeout D
                               the store's deadlines, like 500ms, 5s or 2m; default 5s, 5s, 15s
      --grace-period D         how long a stop waits for the requests in flight; default 30s
      --log-level LEVEL        trace, debug, info, warn, error, fatal or silent; default info
      --allowed-hosts H,H      host names callers may send as Host beyond loopback and the
                               listening address (a proxy's or a DNS name)
  rds-backup-rules help                    show this help
  rds-backup-rules --version [--json]      show the package and rule set versions

Exit codes: 0 accepted (or replayed), 1 refused, 2 usage error, unreadable file or invalid instance state (serve: 0 once stopped cleanly by SIGTERM or SIGINT, 1 if requests or the store were cut at the grace period).
With --json, a usage error is printed on stdout as {"ok":false,"cliError":{"kind","message"}}.`;

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => Promise<ExitCode>>> = {
  check: runCheck,
  advance: runAdvance,
  rules: runRules,
  explain: runExplain,
  serve: runServe,
};

/**
 * Runs the CLI on its arguments (without `node` and the script path) and returns the exit code.
 * Usage errors, unreadable files and invalid states print one line on stderr — or, with
 * `--json`, one JSON object on stdout — and give 2; nothing escapes as a stack trace.
 *
 * @example
 * ```ts
 * import { runCli } from "./run-cli";
 *
 * const err: string[] = [];
 * const io = { write: () => {}, writeError: (t: string) => err.push(t), readFile: () => "", readStdin: async () => "", now: () => new Date(0) };
 * expect(await runCli(["chek"], io)).toBe(2);
 * expect(err.join("")).toBe('rds-backup-rules: unknown command "chek"; did you mean check? (rds-backup-rules help lists the commands)\n');
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  // `--json` may also come before the command.
  const [command, ...rest] = args[0] === "--json" && args.length > 1 ? [...args.slice(1, 2), "--json", ...args.slice(2)] : args;
  const json = wantsJson(args);
  if (command === "help" || command === "--help" || command === "-h" || rest.includes("--help") || rest.includes("-h")) {
    io.write(`${USAGE}\n`);
    return EXIT_CODES.ok;
  }
  if (command === "--version") {
    io.write(`${json ? JSON.stringify(versions(io.packageVersion())) : versionLine(io.packageVersion())}\n`);
    return EXIT_CODES.ok;
  }
  if (command === undefined && !json) {
    io.writeError(`${USAGE}\n`);
    return EXIT_CODES.usage;
  }
  const run = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  try {
    if (run === undefined)
      throw new CliUsageError(
        command === undefined || command === "--json"
          ? "no command given (rds-backup-rules help lists the commands)"
          : `unknown command ${JSON.stringify(command)}${suggestCommand(command)}`,
      );
    return await run(rest, io);
  } catch (error) {
    reportError(error, json, io);
    return EXIT_CODES.usage;
  }
}

/** Whether `--json` was given (before a `--` that ends the options). */
function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).includes("--json");
}

/**
 * A usage, input or internal error: one line on stderr, or with `--json` one object on stdout,
 * `{ ok: false, cliError: { kind, message, violation? } }` (the violation of an invalid state).
 */
function reportError(error: unknown, json: boolean, io: CliIo): void {
  const usage = error instanceof CliUsageError;
  const message = usage ? error.message : `internal error: ${firstLine(error)}`;
  if (!json) {
    io.writeError(`rds-backup-rules: ${message}\n`);
    return;
  }
  const violation = usage ? error.violation : undefined;
  const kind = !usage ? "internal" : violation === undefined ? "usage" : "state";
  io.write(`${JSON.stringify({ ok: false, cliError: { kind, message, ...(violation === undefined ? {} : { violation }) } }, null, 2)}\n`);
}

function suggestCommand(command: string): string {
  const nearest = nearestName(command, Object.keys(COMMANDS));
  return `${nearest === undefined ? "" : `; did you mean ${nearest}?`} (rds-backup-rules help lists the commands)`;
}
