import type { BackupDecision, DecisionContext, InstanceState } from "../domain/types";
import { createBackup } from "../decisions/create-backup";
import { parseInstanceState } from "../decisions/parse-instance-state";
import { SAMPLE_INSTANCE } from "../examples/sample-instance";
import { CliUsageError, EXIT_CODES, firstLine, type CliIo, type ExitCode } from "./cli-io";
import { formatDecision } from "./format-decision";
import { parseCommandArgs } from "./parse-command-args";

/** The options of `check`, for `node:util` parseArgs. */
const CHECK_OPTIONS = {
  instance: { type: "string" },
  now: { type: "string" },
  "time-zone": { type: "string" },
  "daily-limit": { type: "string" },
  "idempotency-key": { type: "string" },
  json: { type: "boolean", default: false },
} as const;

/** Which CLI option sets each context field, to name the option when the library refuses it. */
const OPTION_OF_CONTEXT_PATH: Readonly<Record<string, string>> = {
  "context.now": "--now",
  "context.policy.timeZone": "--time-zone",
  "context.policy.dailyBackupLimit": "--daily-limit",
  "context.idempotencyKey": "--idempotency-key",
};

/**
 * `rds-backup-rules check [--instance FILE|-] [--now ISO] [--time-zone ZONE] [--daily-limit N] [--idempotency-key KEY] [--json] PARAMS`:
 * decides one request, given as a query string, on the instance in FILE (stdin for `-`) or on the
 * bundled sample instance; `--idempotency-key` passes `context.idempotencyKey` (a retry with the
 * key of a job of the instance is replayed). Exit 0 accepted or replayed, 1 refused, 2 for a
 * usage error, an unreadable file or an invalid state (an invalid `--now`, `--time-zone`,
 * `--daily-limit` or `--idempotency-key` is a usage error too).
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * const io = { write: (t: string) => out.push(t), writeError: (t: string) => out.push(t), readFile: () => "", readStdin: async () => "", now: () => new Date() };
 * expect(await runCheck(["--now", "2026-03-02T08:00:00Z", "Action=CreateBackup&DBInstanceId=rm-demo"], io)).toBe(0);
 * expect(out.join("")).toContain("ACCEPTED");
 * ```
 */
export async function runCheck(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("check", args, CHECK_OPTIONS);
  if (positionals.length !== 1) {
    throw new CliUsageError(
      positionals.length === 0
        ? 'check needs the request as one query string, like "Action=CreateBackup&DBInstanceId=rm-demo"'
        : `check takes one query string, but ${positionals.length} were given (quote the request so the shell keeps its "&")`,
    );
  }
  const state = values.instance === undefined ? SAMPLE_INSTANCE : await loadInstance(values.instance, io);
  const context = decisionContext(values, io);
  const decision = createBackup(state, positionals[0], context);
  refuseContextOptions(decision);
  io.write(`${values.json ? JSON.stringify(decision, null, 2) : formatDecision(decision)}\n`);
  return decision.ok ? EXIT_CODES.ok : EXIT_CODES.refused;
}

function decisionContext(values: { now?: string; "time-zone"?: string; "daily-limit"?: string; "idempotency-key"?: string }, io: CliIo): DecisionContext {
  const key = values["idempotency-key"];
  return { now: values.now ?? io.now(), policy: policyOf(values), ...(key === undefined ? {} : { idempotencyKey: key }) };
}

/**
 * The decision policy that `--time-zone` and `--daily-limit` give (`check` and `serve` take both).
 *
 * @example
 * ```ts
 * expect(policyOf({ "time-zone": "Asia/Shanghai", "daily-limit": "10" })).toEqual({ timeZone: "Asia/Shanghai", dailyBackupLimit: 10 });
 * expect(policyOf({})).toEqual({});
 * expect(() => policyOf({ "daily-limit": "ten" })).toThrow("--daily-limit must be a positive integer");
 * ```
 */
export function policyOf(values: { "time-zone"?: string; "daily-limit"?: string }): NonNullable<DecisionContext["policy"]> {
  return {
    ...(values["time-zone"] === undefined ? {} : { timeZone: values["time-zone"] }),
    ...(values["daily-limit"] === undefined ? {} : { dailyBackupLimit: readLimit(values["daily-limit"]) }),
  };
}

/**
 * Throws the usage error that names the option behind a refused decision context (`--now`,
 * `--time-zone`, `--daily-limit`); does nothing for any other decision.
 *
 * @example
 * ```ts
 * const decision = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", { now: "2026-03-02T08:00:00Z", policy: { timeZone: "Mars/Olympus" } });
 * expect(() => refuseContextOptions(decision)).toThrow(/^--time-zone: /);
 * ```
 */
export function refuseContextOptions(decision: BackupDecision): void {
  if (!decision.ok && decision.error.rule === "context.invalid") {
    const option = OPTION_OF_CONTEXT_PATH[decision.error.parameter ?? ""];
    throw new CliUsageError(option === undefined ? decision.error.message : `${option}: ${decision.error.message}`);
  }
}

function readLimit(text: string): number {
  if (!/^[0-9]+$/.test(text)) throw new CliUsageError(`--daily-limit must be a positive integer; received ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * Reads and checks the instance state JSON from a file, or from stdin for `-`. Any failure is a
 * usage error naming the source: unreadable, not JSON, or not a valid state (with its JSON path).
 *
 * @example
 * ```ts
 * const io = { write: () => {}, writeError: () => {}, readFile: () => "{", readStdin: async () => "", now: () => new Date() };
 * await expect(loadInstance("state.json", io)).rejects.toThrow('instance file "state.json" is not valid JSON');
 * ```
 */
export async function loadInstance(source: string, io: CliIo): Promise<InstanceState> {
  const label = source === "-" ? "instance JSON on stdin" : `instance file ${JSON.stringify(source)}`;
  let text: string;
  try {
    text = source === "-" ? await io.readStdin() : io.readFile(source);
  } catch (error) {
    throw new CliUsageError(`cannot read ${label}: ${firstLine(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`${label} is not valid JSON: ${firstLine(error)}`);
  }
  const parsed = parseInstanceState(json);
  if (!parsed.ok) throw new CliUsageError(`${label} is not a valid instance state: ${parsed.error.message}`);
  return parsed.state;
}
