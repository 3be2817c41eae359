import { RULES, type RuleId } from "../rules/catalog";
import { nearestName } from "../text/nearest-name";
import { CliUsageError, EXIT_CODES, type CliIo, type ExitCode } from "./cli-io";
import { labelled } from "./format-decision";
import { parseCommandArgs } from "./parse-command-args";
import { changedParts, checkedBy, describeOutcome, workedExample, type DescribedCall } from "./worked-example";

const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

/**
 * `rds-backup-rules explain RULE_ID`: prints one rule and its worked example, run through the
 * library now: the state, the request, the exact error, and the near miss that is accepted.
 * An unknown id is a usage error that suggests the nearest id.
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * const io = { write: (t: string) => out.push(t), writeError: () => {}, readFile: () => "", readStdin: async () => "", now: () => new Date(0) };
 * expect(await runExplain(["instance.not-running"], io)).toBe(0);
 * expect(out.join("")).toContain('"code": "IncorrectDBInstanceState"');
 * await expect(runExplain(["instance.not-runing"], io)).rejects.toThrow("did you mean instance.not-running?");
 * ```
 */
export async function runExplain(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { positionals } = parseCommandArgs("explain", args, {});
  const [ruleId, ...extra] = positionals;
  if (ruleId === undefined || extra.length > 0) throw new CliUsageError("explain takes one rule id, like instance.not-running (rds-backup-rules rules lists them)");
  if (!RULE_IDS.includes(ruleId)) {
    const nearest = nearestName(ruleId, RULE_IDS);
    throw new CliUsageError(`unknown rule ${JSON.stringify(ruleId)}${nearest === undefined ? "" : `; did you mean ${nearest}?`} (rds-backup-rules rules lists them)`);
  }
  io.write(`${formatExplanation(ruleId as RuleId)}\n`);
  return EXIT_CODES.ok;
}

/**
 * One rule for people: its number, id, title, code, HTTP status, description and worked example.
 *
 * @example
 * ```ts
 * expect(formatExplanation("db-name.not-found")).toContain("Rule 29 of 34: db-name.not-found");
 * ```
 */
export function formatExplanation(ruleId: RuleId): string {
  const { rule, number, violating, nearMiss } = workedExample(ruleId);
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
    ...(violating.decision.ok ? [] : ["  Error, exactly as createBackup returns it:", ...indent(JSON.stringify(violating.decision.error, null, 2))]),
    "",
    `Near miss (${describeOutcome(nearMiss.decision)}), the same call with its ${changed.map((part) => (part === "input" ? inputName(nearMiss) : part)).join(" and ")} repaired:`,
    ...labelled(callLines(nearMiss, changed)),
  ].join("\n");
}

function callLines(call: DescribedCall, parts: readonly ("state" | "input" | "context")[]): [string, string][] {
  return [
    ["Call", call.call],
    ...(parts.includes("state") ? [["State", call.state] as [string, string]] : []),
    ...(parts.includes("input") ? [[capitalize(inputName(call)), call.input] as [string, string]] : []),
    ...(parts.includes("context") ? [["Context", call.context] as [string, string]] : []),
  ];
}

function inputName(call: DescribedCall): string {
  return call.call === "createBackup" ? "request" : "update";
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function indent(text: string): string[] {
  return text.split("\n").map((line) => `    ${line}`);
}
