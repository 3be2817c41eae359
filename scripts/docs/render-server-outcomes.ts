import { SERVER_RULES } from "../../src/server/edge-errors";
import { code, tableCell } from "./markdown";

/**
 * The section of docs/rules.md on what `rds-backup-rules serve` refuses on its own, around the
 * rule set (`SERVER_RULES`): the transport, signatures, the admin token, DescribeBackupTasks.
 */
export function renderServerOutcomes(): string[] {
  return [
    "## Server outcomes",
    "",
    "`rds-backup-rules serve` (`rds-backup-rules/server`) answers every refusal with the same Alibaba Cloud error body " +
      "(`{ RequestId, HostId, Code, Message, Recommend? }`, the message ending with the id): the rules and store outcomes above, " +
      "and these of its own, listed in `SERVER_RULES`. An instance the store has no state of is `instance-id.not-found` everywhere, " +
      "and a registration the admin API refuses by `state.invalid` is answered 400, being the caller's mistake.",
    "",
    "| id | code | HTTP | title | when |",
    "|---|---|---:|---|---|",
    ...SERVER_RULES.map((rule) => `| ${code(rule.id)} | ${code(rule.code)} | ${rule.httpStatus} | ${tableCell(rule.title)} | ${tableCell(rule.description)} |`),
    "",
  ];
}
