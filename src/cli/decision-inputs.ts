import { parseInstanceState, type BackupDecision, type DecisionContext, type InstanceState, type JobDecision } from "../index";
import { CliUsageError, firstLine, type CliIo } from "./cli-io";

/** The byte-order mark some editors put at the start of a UTF-8 file. */
const BYTE_ORDER_MARK = "\uFEFF";

/**
 * The options that build the decision context of `check`, for `node:util` parseArgs: the clock,
 * the policy of the daily limit, and the idempotency key.
 */
export const CONTEXT_OPTIONS = {
  now: { type: "string" },
  "time-zone": { type: "string" },
  "daily-limit": { type: "string" },
  "idempotency-key": { type: "string" },
} as const;

/** Which CLI option sets each context field, to name the option when the library refuses it. */
const OPTION_OF_CONTEXT_PATH: Readonly<Record<string, string>> = {
  "context.now": "--now",
  "context.policy.timeZone": "--time-zone",
  "context.policy.dailyBackupLimit": "--daily-limit",
  "context.idempotencyKey": "--idempotency-key",
};

/**
 * Reads and checks the instance state JSON from a file, or from stdin for `-`. A UTF-8 byte-order
 * mark at the start is skipped. The `--json` output of an accepted `check` or `advance` is taken
 * too: its `.state` is the instance state. Any failure is a usage error naming the source:
 * unreadable, not JSON, a refusal (which has no state), or not a valid state (with its JSON path,
 * and the library's `state.invalid` violation).
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { loadInstance } from "./decision-inputs";
 *
 * const io = { write: () => {}, writeError: () => {}, readFile: () => "{", readStdin: async () => "", now: () => new Date() };
 * await expect(loadInstance("state.json", io)).rejects.toThrow('instance file "state.json" is not valid JSON');
 * const withMark = { ...io, readFile: () => `\uFEFF${JSON.stringify(SAMPLE_INSTANCE)}` };
 * expect(await loadInstance("state.json", withMark)).toEqual(SAMPLE_INSTANCE);
 * const accepted = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", { now: "2026-03-02T08:00:00Z" });
 * const fromCheck = { ...io, readFile: () => JSON.stringify(accepted) };
 * expect(await loadInstance("decision.json", fromCheck)).toEqual(accepted.ok && accepted.state);
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
    json = JSON.parse(text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text);
  } catch (error) {
    throw new CliUsageError(`${label} is not valid JSON: ${firstLine(error)}`);
  }
  const decision = isDecision(json) ? json : undefined;
  if (decision !== undefined && (decision.ok !== true || !Object.hasOwn(decision, "state"))) {
    throw new CliUsageError(
      `${label} holds ${decision.ok === true ? "a decision without .state" : "a refusal or an error, which has no state"}; give it an instance state, or the --json output of an accepted check or advance (its .state is read)`,
    );
  }
  const parsed = parseInstanceState(decision === undefined ? json : decision["state"]);
  if (!parsed.ok)
    throw new CliUsageError(
      `${label} is not a valid instance state${decision === undefined ? "" : " (its .state, read from a decision)"}: ${parsed.error.message}`,
      parsed.error,
    );
  return parsed.state;
}

/** The JSON the CLI prints for a decision (`{ "ok": true, "state": … }`) or an error (`{ "ok": false, … }`): a state has no `ok`. */
function isDecision(json: unknown): json is { readonly ok: unknown; readonly [field: string]: unknown } {
  return typeof json === "object" && json !== null && !Array.isArray(json) && typeof (json as { ok?: unknown }).ok === "boolean";
}

/**
 * The decision context of the context options: `--now` (else the clock), `--time-zone`,
 * `--daily-limit` (decimal digits, else a usage error: the library would see `NaN`),
 * `--idempotency-key`.
 *
 * @example
 * ```ts
 * import { contextFromOptions } from "./decision-inputs";
 *
 * const io = { write: () => {}, writeError: () => {}, readFile: () => "", readStdin: async () => "", now: () => new Date(0) };
 * expect(contextFromOptions({ "daily-limit": "5" }, io)).toEqual({ now: new Date(0), policy: { dailyBackupLimit: 5 } });
 * expect(() => contextFromOptions({ "daily-limit": "many" }, io)).toThrow('--daily-limit must be a positive integer; received "many"');
 * ```
 */
export function contextFromOptions(
  values: { now?: string; "time-zone"?: string; "daily-limit"?: string; "idempotency-key"?: string },
  io: CliIo,
): DecisionContext {
  const key = values["idempotency-key"];
  return { now: values.now ?? io.now(), policy: policyFromOptions(values), ...(key === undefined ? {} : { idempotencyKey: key }) };
}

/**
 * The decision policy that `--time-zone` and `--daily-limit` give (`check`, `advance` and `serve`
 * take both).
 *
 * @example
 * ```ts
 * import { policyFromOptions } from "./decision-inputs";
 *
 * expect(policyFromOptions({ "time-zone": "Asia/Shanghai", "daily-limit": "10" })).toEqual({ timeZone: "Asia/Shanghai", dailyBackupLimit: 10 });
 * expect(policyFromOptions({})).toEqual({});
 * ```
 */
export function policyFromOptions(values: { "time-zone"?: string; "daily-limit"?: string }): NonNullable<DecisionContext["policy"]> {
  return {
    ...(values["time-zone"] === undefined ? {} : { timeZone: values["time-zone"] }),
    ...(values["daily-limit"] === undefined ? {} : { dailyBackupLimit: readLimit(values["daily-limit"]) }),
  };
}

function readLimit(text: string): number {
  if (!/^[0-9]+$/.test(text)) throw new CliUsageError(`--daily-limit must be a positive integer; received ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * A refusal by `context.invalid` is about the command line (the context comes from its options):
 * a usage error naming the option. Any other decision is returned as it is.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { contextRefusalAsUsageError } from "./decision-inputs";
 *
 * const refused = createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", { now: "tomorrow" });
 * expect(() => contextRefusalAsUsageError(refused)).toThrow(/^--now: context\.now must be/);
 * ```
 */
export function contextRefusalAsUsageError<Decision extends BackupDecision | JobDecision>(decision: Decision): Decision {
  if (decision.ok || decision.error.rule !== "context.invalid") return decision;
  const option = OPTION_OF_CONTEXT_PATH[decision.error.parameter ?? ""];
  throw new CliUsageError(option === undefined ? decision.error.message : `${option}: ${decision.error.message}`);
}
