import { advanceBackupJob } from "../decisions/advance-backup-job";
import { CliUsageError, EXIT_CODES, type CliIo, type ExitCode } from "./cli-io";
import { contextRefusalAsUsageError, contextFromOptions, loadInstance } from "./decision-inputs";
import { formatJobDecision } from "./format-decision";
import { parseCommandArgs } from "./parse-command-args";

/** The options of `advance`, for `node:util` parseArgs. */
const ADVANCE_OPTIONS = {
  instance: { type: "string" },
  now: { type: "string" },
  json: { type: "boolean", default: false },
} as const;

/**
 * `rds-backup-rules advance --instance FILE|- [--now ISO] [--json] JOB_ID STATUS`: records that a
 * job of the instance in FILE (stdin for `-`) reached STATUS, as a poller would, through
 * `advanceBackupJob`. Exit 0 accepted (also for a repeat of the current status, which changes
 * nothing), 1 refused, 2 for a usage error, an unreadable file or an invalid state. `--instance` is
 * required: the bundled sample instance has no jobs.
 *
 * @example
 * ```ts
 * import { SAMPLE_INSTANCE } from "../examples/sample-instance";
 * import { runAdvance } from "./advance-command";
 *
 * const state = { ...SAMPLE_INSTANCE, jobs: [{ jobId: "1", status: "Uploading", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-02T07:00:00Z" }] };
 * const out: string[] = [];
 * const io = { write: (t: string) => out.push(t), writeError: () => {}, readFile: () => JSON.stringify(state), readStdin: async () => "", now: () => new Date("2026-03-02T08:00:00Z") };
 * expect(await runAdvance(["--instance", "state.json", "1", "Finished"], io)).toBe(0);
 * expect(out.join("")).toMatch(/^ACCEPTED: backup job 1 is now Finished/);
 * expect(await runAdvance(["--instance", "state.json", "1", "Checking"], io)).toBe(1);
 * ```
 */
export async function runAdvance(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("advance", args, ADVANCE_OPTIONS);
  if (positionals.length !== 2) {
    throw new CliUsageError(`advance takes a job id and a status, like "advance --instance state.json 5073731 Finished"; received ${positionals.length} argument(s)`);
  }
  if (values.instance === undefined) throw new CliUsageError("advance needs --instance FILE (or - for stdin): the state that holds the job");
  const [jobId = "", status = ""] = positionals;
  const state = await loadInstance(values.instance, io);
  const decision = contextRefusalAsUsageError(advanceBackupJob(state, { jobId, status }, contextFromOptions(values, io)));
  io.write(`${values.json ? JSON.stringify(decision, null, 2) : formatJobDecision(decision, state)}\n`);
  return decision.ok ? EXIT_CODES.ok : EXIT_CODES.refused;
}
