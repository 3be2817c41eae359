import { createBackup } from "../decisions/create-backup";
import { SAMPLE_INSTANCE } from "../examples/sample-instance";
import { CliUsageError, EXIT_CODES, type CliIo, type ExitCode } from "./cli-io";
import { CONTEXT_OPTIONS, contextRefusalAsUsageError, contextFromOptions, loadInstance } from "./decision-inputs";
import { formatDecision } from "./format-decision";
import { nameCaseNote } from "./name-case-note";
import { parseCommandArgs } from "./parse-command-args";
import { readRequest } from "./read-request";

/** The options of `check`, for `node:util` parseArgs. */
const CHECK_OPTIONS = {
  instance: { type: "string" },
  ...CONTEXT_OPTIONS,
  json: { type: "boolean", default: false },
} as const;

/**
 * `rds-backup-rules check [--instance FILE|-] [--now ISO] [--time-zone ZONE] [--daily-limit N] [--idempotency-key KEY] [--json] REQUEST`:
 * decides one request — a query string, a pasted request URL or a JSON object of parameters — on
 * the instance in FILE (stdin for `-`) or on the bundled sample instance; `--idempotency-key`
 * passes `context.idempotencyKey` (a retry with the key of a job of the instance is replayed).
 * Exit 0 accepted or replayed, 1 refused, 2 for a usage error, an unreadable file or an invalid
 * state (an invalid `--now`, `--time-zone`, `--daily-limit` or `--idempotency-key` is a usage
 * error too).
 *
 * @example
 * ```ts
 * import { runCheck } from "./check-command";
 *
 * const out: string[] = [];
 * const io = { write: (t: string) => out.push(t), writeError: (t: string) => out.push(t), readFile: () => "", readStdin: async () => "", now: () => new Date() };
 * expect(await runCheck(["--now", "2026-03-02T08:00:00Z", "Action=CreateBackup&DBInstanceId=rm-demo"], io)).toBe(0);
 * expect(out.join("")).toContain("ACCEPTED");
 * ```
 */
export async function runCheck(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("check", args, CHECK_OPTIONS);
  const [given, ...extra] = positionals;
  if (given === undefined) {
    throw new CliUsageError('check needs the request as one argument, like "Action=CreateBackup&DBInstanceId=rm-demo" (a query string, a request URL or a JSON object)');
  }
  if (extra.length > 0) throw new CliUsageError(`check takes one request, but ${positionals.length} arguments were given (quote the request so the shell keeps its "&")`);
  const request = readRequest(given);
  const state = values.instance === undefined ? SAMPLE_INSTANCE : await loadInstance(values.instance, io);
  const decision = contextRefusalAsUsageError(createBackup(state, request, contextFromOptions(values, io)));
  const note = decision.ok ? undefined : nameCaseNote(decision.error, request);
  io.write(`${values.json ? JSON.stringify(note === undefined ? decision : { ...decision, note }, null, 2) : formatDecision(decision, note)}\n`);
  return decision.ok ? EXIT_CODES.ok : EXIT_CODES.refused;
}
