import { RULES, RULESET_VERSION } from "../index";
import { CliUsageError, EXIT_CODES, type CliIo, type ExitCode } from "./cli-io";
import { parseCommandArgs } from "./parse-command-args";

/**
 * `rds-backup-rules rules [--json]`: lists the 34 rules in precedence order, as a table or as the
 * JSON of `RULES`.
 *
 * @example
 * ```ts
 * import { RULES } from "rds-backup-rules";
 * import { runRules } from "./rules-command";
 *
 * const out: string[] = [];
 * const io = { write: (t: string) => out.push(t), writeError: () => {}, readFile: () => "", readStdin: async () => "", now: () => new Date(0) };
 * expect(await runRules(["--json"], io)).toBe(0);
 * expect(JSON.parse(out.join(""))).toEqual(RULES);
 * ```
 */
export async function runRules(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs("rules", args, { json: { type: "boolean", default: false } });
  if (positionals.length > 0)
    throw new CliUsageError(`rules takes no arguments besides --json; received ${JSON.stringify(positionals[0])}`);
  io.write(`${values.json ? JSON.stringify(RULES, null, 2) : formatRuleTable()}\n`);
  return EXIT_CODES.ok;
}

/**
 * The catalog as an aligned text table: number, id, code, HTTP status, title.
 *
 * @example
 * ```ts
 * import { formatRuleTable } from "./rules-command";
 *
 * expect(formatRuleTable().split("\n")[3]).toMatch(/^ +1 +context\.invalid +InvalidDecisionContext +500 +The decision context is valid$/);
 * ```
 */
export function formatRuleTable(): string {
  const rows = [
    ["#", "rule", "code", "HTTP", "title"],
    ...RULES.map((rule, index) => [String(index + 1), rule.id, rule.code, String(rule.httpStatus), rule.title]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 || column === 3 ? cell.padStart(widths[column] ?? 0) : column === 4 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join("  "),
  );
  return [
    `${RULES.length} rules, in precedence order (rule set ${RULESET_VERSION}): createBackup checks 1-31, advanceBackupJob 1, 2 and 32-34.`,
    "",
    ...lines,
    "",
    "rds-backup-rules explain RULE shows a rule with a worked example.",
  ].join("\n");
}
