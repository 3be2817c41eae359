import type { BackupDecision, InstanceState, JobDecision } from "../index";
import { CliUsageError, firstLine, type CliIo } from "./cli-io";

/**
 * The usage error of a `--write` that has no file to write to: without `--instance`, or with
 * `--instance -` (stdin). Checked before deciding, so nothing is decided in vain.
 *
 * @example
 * ```ts
 * import { checkWritable } from "./write-state";
 *
 * expect(() => checkWritable("-", true)).toThrow("--write needs --instance FILE");
 * expect(() => checkWritable("state.json", true)).not.toThrow();
 * expect(() => checkWritable(undefined, false)).not.toThrow();
 * ```
 */
export function checkWritable(source: string | undefined, write: boolean): void {
  if (!write || (source !== undefined && source !== "-")) return;
  throw new CliUsageError(
    `--write needs --instance FILE: it writes the new state back to that file (${source === "-" ? "stdin cannot be written; --json prints the new state" : "the bundled sample instance has no file"})`,
  );
}

/**
 * What becomes of an accepted decision's new state: with `--write`, it replaces the instance file
 * (as pretty JSON); without, the file is left as it was. Returns the line that says which, for the
 * readable output; `undefined` when there is nothing to say (a refusal, the sample instance, a
 * decision that changed nothing and no `--write`). A refusal or an unchanged state writes nothing.
 *
 * @example
 * ```ts
 * import { advanceBackupJob } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { saveState } from "./write-state";
 *
 * const state = { ...SAMPLE_INSTANCE, jobs: [{ jobId: "1", status: "Uploading", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-02T07:00:00Z" }], version: 4 } as const;
 * const decision = advanceBackupJob(state, { jobId: "1", status: "Finished" }, { now: "2026-03-02T08:00:00Z" });
 * const files: Record<string, string> = {};
 * const io = { write: () => {}, writeError: () => {}, readFile: () => "", writeFile: (path: string, text: string) => { files[path] = text; }, readStdin: async () => "", now: () => new Date() };
 * expect(saveState(decision, state, "state.json", false, io)).toBe("Not written: state.json still holds version 4; add --write to write the new state (version 5) to it, or --json to print it");
 * expect(files).toEqual({});
 * expect(saveState(decision, state, "state.json", true, io)).toBe("Written: the new state (version 5) to state.json");
 * expect(JSON.parse(files["state.json"]!)).toEqual(decision.ok && decision.state);
 * ```
 */
export function saveState(
  decision: BackupDecision | JobDecision,
  given: InstanceState,
  source: string | undefined,
  write: boolean,
  io: CliIo,
): string | undefined {
  if (!decision.ok) return undefined;
  const version = decision.state.version ?? 0;
  if (decision.state === given) return write ? `Nothing written: the state did not change (version ${given.version ?? 0})` : undefined;
  if (source === undefined) return undefined;
  if (source === "-") return "Not written: the state came from stdin; --json prints the new state";
  if (!write) {
    return `Not written: ${source} still holds version ${given.version ?? 0}; add --write to write the new state (version ${version}) to it, or --json to print it`;
  }
  try {
    io.writeFile(source, `${JSON.stringify(decision.state, null, 2)}\n`);
  } catch (error) {
    throw new CliUsageError(`--write: cannot write ${JSON.stringify(source)}: ${firstLine(error)}`);
  }
  return `Written: the new state (version ${version}) to ${source}`;
}

/**
 * A text with one more line, when there is one.
 *
 * @example
 * ```ts
 * import { withLine } from "./write-state";
 *
 * expect(withLine("ACCEPTED", "Written: …")).toBe("ACCEPTED\nWritten: …");
 * expect(withLine("ACCEPTED", undefined)).toBe("ACCEPTED");
 * ```
 */
export function withLine(text: string, line: string | undefined): string {
  return line === undefined ? text : `${text}\n${line}`;
}
