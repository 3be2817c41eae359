/** A stable link target for a rule in docs/rules.md. */
export function anchor(ruleId: string): string {
  return `rule-${ruleId.replace(/[^a-z0-9-]/g, "-")}`;
}

/** Inline code that survives backticks and table pipes in the text. */
export function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${tableCell(text)}${fence}`;
}

/** Text that may sit in a table cell. */
export function tableCell(text: string): string {
  return text.replaceAll("|", "\\|");
}
