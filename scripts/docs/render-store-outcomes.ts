import { STORE_RULES, storeContention, storeUnavailable } from "../../src/store/store-violations";
import { anchor, code, tableCell } from "./markdown";

/**
 * The section of docs/rules.md on the outcomes of the store layer (`rds-backup-rules/store`) that
 * are not rules of the core: `STORE_RULES`, with the message each one carries, built by the same
 * functions the commit loop calls.
 */
export function renderStoreOutcomes(): string[] {
  const examples: Readonly<Record<string, readonly string[]>> = {
    "store.contention": [storeContention("createBackupIn", "rm-uf6wjk5xxxxxxx", 10).message],
    "store.unavailable": [
      storeUnavailable("createBackupIn", "rm-uf6wjk5xxxxxxx", "load", new Error("connect ECONNREFUSED 10.0.0.5:5432")).message,
      storeUnavailable("createBackupIn", "rm-uf6wjk5xxxxxxx", "compareAndSet", new Error("Connection terminated unexpectedly")).message,
    ],
  };
  return [
    "## Store outcomes",
    "",
    "The commit loop of `rds-backup-rules/store` (`createBackupIn`, `advanceBackupJobIn`, `registerInstance`) returns the decisions above, and two outcomes of its own " +
      "that are not rules of the core: like the rules, they come back as violations (`{ ok: false, error }`, with `attempts`), never as exceptions, " +
      "and `toErrorResponse` turns them into the error body. They are listed in `STORE_RULES`.",
    "",
    "| rule | code | HTTP | title |",
    "|---|---|---:|---|",
    ...STORE_RULES.map((rule) => `| [${code(rule.id)}](#${anchor(rule.id)}) | ${code(rule.code)} | ${rule.httpStatus} | ${tableCell(rule.title)} |`),
    "",
    ...STORE_RULES.flatMap((rule) => [
      `<a id="${anchor(rule.id)}"></a>`,
      "",
      `### ${code(rule.id)}: ${rule.title}`,
      "",
      rule.description,
      "",
      (examples[rule.id] ?? []).length === 1 ? "The message, for example:" : "The messages, for example:",
      "",
      ...(examples[rule.id] ?? []).map((message) => `> ${message}\n`),
    ]),
  ];
}
