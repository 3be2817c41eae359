import { nearestName, RULES, type RuleId, type RuleInfo } from "../index";
import { changedParts, checkedBy, describeOutcome, partName, workedExample, type CallPart, type DescribedCall } from "../examples/index";
import { SERVER_RULES } from "../server/errors/index";
import { STORE_RULES } from "../store/index";
import { CliUsageError, EXIT_CODES, type CliIo, type ExitCode } from "./cli-io";
import { labelled } from "./format-decision";
import { parseCommandArgs } from "./parse-command-args";

const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/** An answer that is not a rule of the rule set: the store layer's (`store.*`) or the server's own (`http.*`, `signature.*`, `admin.*`, `describe.*`). */
export interface OtherOutcome extends RuleInfo {
  readonly id: string;
  /** Where it comes from: the store layer (and so `serve` too), or `serve` alone. */
  readonly layer: "store" | "server";
  /** The functions or the command that answer with it. */
  readonly answeredBy: readonly string[];
}

/** The store's and the server's outcomes, read from their catalogs (the server's without loading the HTTP stack). */
const OTHER_OUTCOMES: readonly OtherOutcome[] = [
  ...STORE_RULES.map((rule) => ({
    ...rule,
    layer: "store" as const,
    answeredBy: ["createBackupIn", "advanceBackupJobIn", "registerInstance", "serve"],
  })),
  ...SERVER_RULES.map((rule) => ({ ...rule, layer: "server" as const, answeredBy: ["serve"] })),
];

/** Every id `explain` knows: the rules', then the store's and the server's. */
const KNOWN_IDS: readonly string[] = [...RULE_IDS, ...OTHER_OUTCOMES.map((outcome) => outcome.id)];

/**
 * `rds-backup-rules explain RULE [--json]`: prints one rule and its worked example, run through
 * the library now: the state, the request or update, the exact error, and the near miss that is
 * accepted. RULE is a rule id or its number (1 to the number of rules), or the id of an answer of
 * the store layer or the server (`store.unavailable`, `signature.mismatch`…), printed from their
 * catalogs. An unknown one is a usage error that suggests the nearest id, the ids containing it,
 * or the ids with that error code.
 *
 * @example
 * ```ts
 * import { runExplain } from "./explain-command";
 *
 * const out: string[] = [];
 * const io = { write: (t: string) => out.push(t), writeError: () => {}, readFile: () => "", readStdin: async () => "", now: () => new Date(0) };
 * expect(await runExplain(["instance.not-running"], io)).toBe(0);
 * expect(out.join("")).toContain('"code": "IncorrectDBInstanceState"');
 * expect(await runExplain(["store.unavailable"], io)).toBe(0);
 * expect(out.join("")).toContain("Store outcome: store.unavailable");
 * await expect(runExplain(["instance.not-runing"], io)).rejects.toThrow("did you mean instance.not-running?");
 * ```
 */
export async function runExplain(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("explain", args, { json: { type: "boolean", default: false } });
  const [given, ...extra] = positionals;
  if (given === undefined || extra.length > 0) {
    throw new CliUsageError(
      "explain takes one rule id or number, like instance.not-running or 15 (rds-backup-rules rules lists them), or an answer of the store or the server, like store.unavailable",
    );
  }
  const id = findRule(given);
  const other = OTHER_OUTCOMES.find((outcome) => outcome.id === id);
  if (other !== undefined) io.write(`${values.json ? JSON.stringify(other, null, 2) : formatOtherOutcome(other)}\n`);
  else io.write(`${values.json ? JSON.stringify(explanationJson(id as RuleId), null, 2) : formatExplanation(id as RuleId)}\n`);
  return EXIT_CODES.ok;
}

/**
 * The rule (or the store's or the server's outcome) a user means by an id or a rule's number; a
 * usage error that points to the right one otherwise.
 *
 * @example
 * ```ts
 * import { findRule } from "./explain-command";
 *
 * expect(findRule("1")).toBe("context.invalid");
 * expect(findRule("signature.nonce-used")).toBe("signature.nonce-used");
 * expect(() => findRule("daily-limit")).toThrow("did you mean instance.daily-limit-reached?");
 * expect(() => findRule("store.unavailble")).toThrow("did you mean store.unavailable?");
 * expect(() => findRule("BackupJobExists")).toThrow("BackupJobExists is the code of rule instance.backup-in-progress");
 * expect(() => findRule("SignatureNonceUsed")).toThrow("SignatureNonceUsed is the code of signature.nonce-used");
 * expect(() => findRule("0")).toThrow("there is no rule 0");
 * ```
 */
export function findRule(given: string): string {
  if (KNOWN_IDS.includes(given)) return given;
  if (/^[0-9]+$/.test(given)) {
    const rule = RULES[Number(given) - 1];
    if (rule === undefined || Number(given) === 0)
      throw new CliUsageError(`there is no rule ${given}; rules are numbered 1 to ${RULES.length} (rds-backup-rules rules lists them)`);
    return rule.id;
  }
  throw new CliUsageError(`unknown rule ${JSON.stringify(given)}${ruleSuggestion(given)} (rds-backup-rules rules lists them)`);
}

/** The rules (else the outcomes) with that error code; else the nearest id by spelling; else the ids that contain the text. */
function ruleSuggestion(given: string): string {
  const lower = given.toLowerCase();
  const withCode = RULES.filter((rule) => rule.code.toLowerCase() === lower).map((rule) => rule.id);
  if (withCode.length > 0) return `; ${given} is the code of rule${withCode.length > 1 ? "s" : ""} ${withCode.join(", ")}`;
  const othersWithCode = OTHER_OUTCOMES.filter((outcome) => outcome.code.toLowerCase() === lower).map((outcome) => outcome.id);
  if (othersWithCode.length > 0) return `; ${given} is the code of ${othersWithCode.join(", ")}`;
  const nearest = nearestName(given, KNOWN_IDS);
  if (nearest !== undefined) return `; did you mean ${nearest}?`;
  const containing = lower.length < 3 ? [] : KNOWN_IDS.filter((id) => id.includes(lower));
  if (containing.length === 1) return `; did you mean ${containing[0]}?`;
  if (containing.length > 1) return `; did you mean one of ${containing.join(", ")}?`;
  return "";
}

/**
 * An answer of the store layer or the server for people: its id, title, code, HTTP status, who
 * answers with it, and its description. It has no worked example: the rule set never returns it.
 *
 * @example
 * ```ts
 * import { formatOtherOutcome } from "./explain-command";
 *
 * const text = formatOtherOutcome({ id: "store.contention", layer: "store", answeredBy: ["createBackupIn"], code: "OperationConflict", httpStatus: 409, title: "A write wins", description: "…" });
 * expect(text.split("\n")[0]).toBe("Store outcome: store.contention (an answer of the store layer, not a rule of the rule set)");
 * expect(text).toMatch(/Answered by: +createBackupIn\n/);
 * ```
 */
export function formatOtherOutcome(outcome: OtherOutcome): string {
  const what = outcome.layer === "store" ? "Store outcome" : "Server outcome";
  const by = outcome.layer === "store" ? "an answer of the store layer" : "an answer of rds-backup-rules serve";
  return [
    `${what}: ${outcome.id} (${by}, not a rule of the rule set)`,
    `  ${outcome.title}`,
    ...labelled([
      ["Code", outcome.code],
      ["HTTP status", String(outcome.httpStatus)],
      ["Answered by", outcome.answeredBy.join(", ")],
    ]),
    "",
    `  ${outcome.description}`,
  ].join("\n");
}

/**
 * One rule as data, for `explain --json`: its number, the catalog entry, which functions check it,
 * and its worked example with the exact decisions the library returns.
 *
 * @example
 * ```ts
 * import { RULES } from "rds-backup-rules";
 * import { explanationJson } from "./explain-command";
 *
 * const json = explanationJson("job.invalid-transition");
 * expect(json.number).toBe(RULES.length);
 * expect(json.checkedBy).toEqual(["advanceBackupJob"]);
 * expect(json.example.violating.decision).toMatchObject({ ok: false, error: { rule: "job.invalid-transition" } });
 * ```
 */
export function explanationJson(ruleId: RuleId) {
  const { rule, violating, nearMiss } = workedExample(ruleId);
  return { ...rule, checkedBy: rule.operations, example: { violating: callJson(violating), nearMiss: callJson(nearMiss) } };
}

function callJson(call: DescribedCall) {
  const { raw } = call;
  const input = raw.call === "createBackup" ? raw.request : raw.update;
  return {
    call: raw.call,
    state: raw.state,
    [partName(call, "input")]: input instanceof URLSearchParams ? input.toString() : input,
    context: raw.context,
    decision: call.decision,
  };
}

/**
 * One rule for people: its number, id, title, code, HTTP status, description and worked example.
 *
 * @example
 * ```ts
 * import { formatExplanation } from "./explain-command";
 *
 * expect(formatExplanation("db-name.not-found")).toContain("Rule 29 of 34: db-name.not-found");
 * ```
 */
export function formatExplanation(ruleId: RuleId): string {
  const { rule, violating, nearMiss } = workedExample(ruleId);
  const { number } = rule;
  const changed = changedParts(violating, nearMiss);
  return [
    `Rule ${number} of ${RULES.length}: ${rule.id}`,
    `  ${rule.title}`,
    ...labelled([
      ["Code", rule.code],
      ["HTTP status", String(rule.httpStatus)],
      ["Checked by", checkedBy(ruleId)],
    ]),
    "",
    `  ${rule.description}`,
    "",
    "Worked example (refused):",
    ...labelled(callLines(violating, ["state", "input", "context"])),
    ...(violating.decision.ok
      ? []
      : [`  Error, exactly as ${violating.call} returns it:`, ...indent(JSON.stringify(violating.decision.error, null, 2))]),
    "",
    `Near miss (${describeOutcome(nearMiss.decision)}), the same call with its ${changed.map((part) => partName(nearMiss, part)).join(" and ")} repaired:`,
    ...labelled(callLines(nearMiss, changed)),
  ].join("\n");
}

function callLines(call: DescribedCall, parts: readonly CallPart[]): [string, string][] {
  return [
    ["Call", call.call],
    ...(["state", "input", "context"] as const)
      .filter((part) => parts.includes(part))
      .map((part): [string, string] => [capitalize(partName(call, part)), call[part]]),
  ];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function indent(text: string): string[] {
  return text.split("\n").map((line) => `    ${line}`);
}
