import { traceDecision } from "../index";
import { SAMPLE_INSTANCE } from "../examples/index";
import { CliUsageError, EXIT_CODES, type CliIo, type ExitCode } from "./cli-io";
import { CONTEXT_OPTIONS, contextRefusalAsUsageError, contextFromOptions, loadInstance } from "./decision-inputs";
import { formatDecision } from "./format-decision";
import { formatTrace } from "./format-trace";
import { nameCaseNote } from "./name-case-note";
import { parseCommandArgs } from "./parse-command-args";
import { readRequest } from "./read-request";
import { checkWritable, saveState, withLine } from "./write-state";

/** The options of `check`, for `node:util` parseArgs. */
const CHECK_OPTIONS = {
  instance: { type: "string" },
  ...CONTEXT_OPTIONS,
  write: { type: "boolean", default: false },
  trace: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
} as const;

/**
 * `rds-backup-rules check [--instance FILE|-] [--write] [--now ISO] [--time-zone ZONE] [--daily-limit N] [--idempotency-key KEY] [--trace] [--json] REQUEST`:
 * decides one request — a query string, a pasted request URL or a JSON object of parameters — on
 * the instance in FILE (stdin for `-`; a state, or the `--json` output of an accepted decision) or
 * on the bundled sample instance; `--idempotency-key` passes `context.idempotencyKey` (a retry
 * with the key of a job of the instance is replayed). FILE is left as it was unless `--write`
 * writes the accepted state back to it. `--trace` adds every rule's verdict (`traceDecision`): a
 * table, or `rules` beside the decision's fields in the JSON. Exit 0 accepted or replayed, 1
 * refused, 2 for a usage error, an unreadable file or an invalid state (an invalid `--now`,
 * `--time-zone`, `--daily-limit` or `--idempotency-key` is a usage error too).
 *
 * @example
 * ```ts
 * import { runCheck } from "./check-command";
 *
 * const out: string[] = [];
 * const io = { write: (t: string) => out.push(t), writeError: (t: string) => out.push(t), readFile: () => "", writeFile: () => {}, readStdin: async () => "", now: () => new Date() };
 * expect(await runCheck(["--now", "2026-03-02T08:00:00Z", "Action=CreateBackup&DBInstanceId=rm-demo"], io)).toBe(0);
 * expect(out.join("")).toContain("ACCEPTED");
 * ```
 */
export async function runCheck(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("check", args, CHECK_OPTIONS);
  const [given, ...extra] = positionals;
  if (given === undefined) {
    throw new CliUsageError(
      'check needs the request as one argument, like "Action=CreateBackup&DBInstanceId=rm-demo" (a query string, a request URL or a JSON object)',
    );
  }
  if (extra.length > 0)
    throw new CliUsageError(
      `check takes one request, but ${positionals.length} arguments were given (quote the request so the shell keeps its "&")`,
    );
  checkWritable(values.instance, values.write);
  const request = readRequest(given);
  const state = values.instance === undefined ? SAMPLE_INSTANCE : await loadInstance(values.instance, io);
  const trace = traceDecision(state, request, contextFromOptions(values, io));
  const decision = contextRefusalAsUsageError(trace.decision);
  const note = decision.ok ? undefined : nameCaseNote(decision.error, request);
  const saved = saveState(decision, state, values.instance, values.write, io);
  if (values.json) {
    io.write(
      `${JSON.stringify({ ...decision, ...(note === undefined ? {} : { note }), ...(values.trace ? { rules: trace.rules } : {}) }, null, 2)}\n`,
    );
  } else {
    io.write(
      `${withLine(values.trace ? `${formatDecision(decision, note)}\n\n${formatTrace(trace)}` : formatDecision(decision, note), saved)}\n`,
    );
  }
  return decision.ok ? EXIT_CODES.ok : EXIT_CODES.refused;
}
