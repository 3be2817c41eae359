import { nearestName } from "../text/nearest-name";
import { CliUsageError, EXIT_CODES, firstLine, type CliIo, type ExitCode } from "./cli-io";
import { runCheck } from "./check-command";
import { runExplain } from "./explain-command";
import { runRules } from "./rules-command";
import { runServe } from "./serve-command";

/** The CLI's help text. */
export const USAGE = `rds-backup-rules: decide ApsaraDB RDS CreateBackup requests with the rds-backup-rules rule set

Usage:
  rds-backup-rules check [--instance FILE|-] [--now ISO] [--time-zone ZONE] [--daily-limit N] [--idempotency-key KEY] [--json] PARAMS
      Decide one request, given as a query string (quote it), like
      "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Physical".
      --instance FILE|-   the instance state JSON (- reads stdin); default: the bundled sample
                          instance rm-demo (MySQL 8.0, local_ssd, Running, databases orders and users, no jobs)
      --now ISO           the decision's clock, like 2026-03-02T08:00:00Z; default: the system clock
      --time-zone ZONE    the IANA zone of the daily backup limit's day; default UTC
      --daily-limit N     backups allowed per day; default 20
      --idempotency-key KEY
                          the caller's key for retrying one backup safely (1 to 64 printable ASCII
                          characters): a retry with the key of a job of the instance is replayed
      --json              print the decision as JSON
  rds-backup-rules rules [--json]      list the rules in precedence order
  rds-backup-rules explain RULE_ID     show one rule with a worked example
  rds-backup-rules serve [--store postgres://…] [--host H] [--port P] [--time-zone ZONE] [--daily-limit N]
                         [--admin-token-file FILE] [--access-keys-file FILE]
      Serve CreateBackup and DescribeBackupTasks as RDS does (GET /?Action=…, form POST /, or the
      SDKs' x-acs-action POST), an admin API under /admin/instances/, /healthz and /metrics; one
      JSON log line per request on stdout. Stops on SIGTERM or SIGINT after the requests in flight.
      --store URL              a PostgreSQL database (migrated at start); default: in memory, with
                               the sample instance rm-demo registered
      --host H, --port P       where to listen; default 127.0.0.1:8080. Beyond loopback both files
                               below are required
      --admin-token-file FILE  the admin API's bearer token; without it the admin API is open
      --access-keys-file FILE  lines AccessKeyId:AccessKeySecret; every API call must then be signed
                               (V3 ACS3-HMAC-SHA256 or V1 HMAC-SHA1)
  rds-backup-rules help                show this help

Exit codes: 0 accepted (or replayed), 1 refused, 2 usage error, unreadable file or invalid instance state (serve: 0 once stopped by SIGTERM or SIGINT).`;

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => Promise<ExitCode>>> = {
  check: runCheck,
  rules: runRules,
  explain: runExplain,
  serve: runServe,
};

/**
 * Runs the CLI on its arguments (without `node` and the script path) and returns the exit code.
 * Usage errors, unreadable files and invalid states print one line on stderr and give 2; nothing
 * escapes as a stack trace.
 *
 * @example
 * ```ts
 * const err: string[] = [];
 * const io = { write: () => {}, writeError: (t: string) => err.push(t), readFile: () => "", readStdin: async () => "", now: () => new Date(0) };
 * expect(await runCli(["chek"], io)).toBe(2);
 * expect(err.join("")).toBe('rds-backup-rules: unknown command "chek"; did you mean check? (rds-backup-rules help lists the commands)\n');
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = args;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    (command === undefined ? io.writeError : io.write)(`${USAGE}\n`);
    return command === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.write(`${USAGE}\n`);
    return EXIT_CODES.ok;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  try {
    if (run === undefined) throw new CliUsageError(`unknown command ${JSON.stringify(command)}${suggestCommand(command)}`);
    return await run(rest, io);
  } catch (error) {
    io.writeError(`rds-backup-rules: ${error instanceof CliUsageError ? error.message : `internal error: ${firstLine(error)}`}\n`);
    return EXIT_CODES.usage;
  }
}

function suggestCommand(command: string): string {
  const nearest = nearestName(command, Object.keys(COMMANDS));
  return `${nearest === undefined ? "" : `; did you mean ${nearest}?`} (rds-backup-rules help lists the commands)`;
}
