import { RULES, type DecisionTrace, type RuleVerdict } from "../index";

/** How a verdict reads in the table: a violation stands out. */
const VERDICT_WORDS: { readonly [Verdict in RuleVerdict["verdict"]]: string } = {
  passed: "passed",
  violated: "VIOLATED",
  "not-checked": "not checked",
};

/** The prefix of every reason `traceDecision` gives, which the verdict column already says. */
const NOT_CHECKED = /^Not checked: /;

/**
 * Every rule's verdict on a decision (`check --trace`, `advance --trace`) as an aligned table, in
 * precedence order: the rule's number and id, passed / VIOLATED / not checked, and why — the
 * rule's title for a rule that passed, the violation's message, or the reason it was not checked.
 * A count of each verdict heads it.
 *
 * @example
 * ```ts
 * import { traceDecision } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { formatTrace } from "./format-trace";
 *
 * const trace = traceDecision(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Snapshott", { now: "2026-03-02T08:00:00Z" });
 * const lines = formatTrace(trace).split("\n");
 * expect(lines[0]).toBe("Every rule, in precedence order: 1 violated, 15 passed, 15 not checked");
 * expect(lines[2]).toMatch(/^ +1  context\.invalid +passed +The decision context is valid$/);
 * expect(lines[10]).toMatch(/^ +9  backup-method\.invalid-value +VIOLATED +BackupMethod "Snapshott" is not valid \(did you mean Snapshot\?\)/);
 * expect(lines[15]).toMatch(/^14  instance-id\.not-found +not checked +rule 9 \(backup-method\.invalid-value\) is violated/);
 * ```
 */
export function formatTrace(trace: DecisionTrace): string {
  const count = (verdict: RuleVerdict["verdict"]) => trace.rules.filter((rule) => rule.verdict === verdict).length;
  const rows = [
    ["#", "rule", "verdict", "why"],
    ...trace.rules.map((rule) => [String(rule.number), rule.rule, VERDICT_WORDS[rule.verdict], why(rule)]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return [
    `Every rule, in precedence order: ${count("violated")} violated, ${count("passed")} passed, ${count("not-checked")} not checked`,
    ...rows.map((row) =>
      [(row[0] ?? "").padStart(widths[0] ?? 0), (row[1] ?? "").padEnd(widths[1] ?? 0), (row[2] ?? "").padEnd(widths[2] ?? 0), row[3] ?? ""]
        .join("  ")
        .trimEnd(),
    ),
  ].join("\n");
}

function why(rule: RuleVerdict): string {
  if (rule.verdict === "violated") return rule.violation.message;
  if (rule.verdict === "not-checked") return rule.reason.replace(NOT_CHECKED, "");
  return RULES[rule.number - 1]?.title ?? "";
}
