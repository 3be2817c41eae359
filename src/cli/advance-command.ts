import { traceJobUpdate } from "../index";
import { CliUsageError, EXIT_CODES, type CliIo, type ExitCode } from "./cli-io";
import { contextRefusalAsUsageError, contextFromOptions, loadInstance } from "./decision-inputs";
import { formatJobDecision } from "./format-decision";
import { formatTrace } from "./format-trace";
import { parseCommandArgs } from "./parse-command-args";
import { checkWritable, saveState, withLine } from "./write-state";

/** The options of `advance`, for `node:util` parseArgs. */
const ADVANCE_OPTIONS = {
  instance: { type: "string" },
  write: { type: "boolean", default: false },
  now: { type: "string" },
  trace: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
} as const;

/**
 * `rds-backup-rules advance --instance FILE|- [--write] [--now ISO] [--trace] [--json] JOB_ID STATUS`:
 * decides that a job of the instance in FILE (stdin for `-`; a state, or the `--json` output of an
 * accepted decision) reached STATUS, as a poller would, through `advanceBackupJob`, and prints the
 * new state's version. FILE is left as it was unless `--write` writes the new state back to it.
 * `--trace` adds every rule's verdict (`traceJobUpdate`), as `check --trace` does. Exit 0 accepted (also for a repeat of the current status, which changes nothing), 1 refused, 2
 * for a usage error, an unreadable or unwritable file or an invalid state. `--instance` is
 * required: the bundled sample instance has no jobs.
 *
 * @example
 * ```ts
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { runAdvance } from "./advance-command";
 *
 * const state = { ...SAMPLE_INSTANCE, jobs: [{ jobId: "1", status: "Uploading", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-02T07:00:00Z" }] };
 * const out: string[] = [];
 * const written: string[] = [];
 * const io = { write: (t: string) => out.push(t), writeError: () => {}, readFile: () => JSON.stringify(state), writeFile: (_: string, t: string) => written.push(t), readStdin: async () => "", now: () => new Date("2026-03-02T08:00:00Z") };
 * expect(await runAdvance(["--instance", "state.json", "1", "Finished"], io)).toBe(0);
 * expect(out.join("")).toMatch(/^ACCEPTED: backup job 1 is now Finished/);
 * expect(out.join("")).toContain("Not written: state.json still holds version 0");
 * expect(await runAdvance(["--instance", "state.json", "--write", "1", "Finished"], io)).toBe(0);
 * expect(JSON.parse(written[0]!).jobs[0].status).toBe("Finished");
 * expect(await runAdvance(["--instance", "state.json", "1", "Checking"], io)).toBe(1);
 * ```
 */
export async function runAdvance(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("advance", args, ADVANCE_OPTIONS);
  if (positionals.length !== 2) {
    throw new CliUsageError(
      `advance takes a job id and a status, like "advance --instance state.json 5073731 Finished"; received ${positionals.length} argument(s)`,
    );
  }
  if (values.instance === undefined)
    throw new CliUsageError("advance needs --instance FILE (or - for stdin): the state that holds the job");
  checkWritable(values.instance, values.write);
  const [jobId = "", status = ""] = positionals;
  const state = await loadInstance(values.instance, io);
  const trace = traceJobUpdate(state, { jobId, status }, contextFromOptions(values, io));
  const decision = contextRefusalAsUsageError(trace.decision);
  const saved = saveState(decision, state, values.instance, values.write, io);
  if (values.json) io.write(`${JSON.stringify(values.trace ? { ...decision, rules: trace.rules } : decision, null, 2)}\n`);
  else
    io.write(
      `${withLine(values.trace ? `${formatJobDecision(decision, state)}\n\n${formatTrace(trace)}` : formatJobDecision(decision, state), saved)}\n`,
    );
  return decision.ok ? EXIT_CODES.ok : EXIT_CODES.refused;
}
