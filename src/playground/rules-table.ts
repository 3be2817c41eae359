/** The verdict tables (Rules, Job update checks): one row per rule of an operation, filled from a trace. */
import { RULES, type Operation, type RuleVerdict } from "../index";
import { setText } from "./page-elements";
import { ruleDocsUrl, verdictWords } from "./present";

/** Builds a verdict table's body rows once, one per rule of the operation in precedence order: number, linked id, and two cells to fill. */
export function buildRuleRows(table: HTMLTableElement, operation: Operation): void {
  const body = table.tBodies[0]!;
  body.replaceChildren(
    ...RULES.filter((rule) => rule.operations.includes(operation)).map((rule) => {
      const row = document.createElement("tr");
      row.dataset["rule"] = rule.id;
      const number = document.createElement("th");
      number.scope = "row";
      number.textContent = String(rule.number);
      const id = document.createElement("td");
      const link = document.createElement("a");
      link.href = ruleDocsUrl(rule.id);
      const code = document.createElement("code");
      // A narrow screen may break an id after each dot (a hyphen is a break already), never inside a word.
      rule.id.split(".").forEach((part, index) => code.append(...(index === 0 ? [part] : [document.createElement("wbr"), `.${part}`])));
      link.append(code);
      id.append(link);
      row.append(number, id, document.createElement("td"), document.createElement("td"));
      return row;
    }),
  );
}

/** Fills a verdict table from a trace (the deciding rule's row marked), or blanks it with why there is no trace. */
export function fillRuleRows(table: HTMLTableElement, verdicts: readonly RuleVerdict[] | string): void {
  const deciding = typeof verdicts === "string" ? undefined : verdicts.find((each) => each.verdict === "violated")?.rule;
  for (const row of table.tBodies[0]!.rows) {
    const verdict = typeof verdicts === "string" ? undefined : verdicts.find((each) => each.rule === row.dataset["rule"]);
    const words =
      verdict === undefined
        ? { verdict: "no decision" as const, detail: typeof verdicts === "string" ? verdicts : "" }
        : verdictWords(verdict);
    const [verdictCell, detailCell] = [row.cells[2]!, row.cells[3]!];
    setText(verdictCell, words.verdict);
    verdictCell.className = `verdict-${words.verdict.replace(" ", "-")}`;
    setText(detailCell, words.detail);
    row.classList.toggle("deciding", verdict !== undefined && verdict.rule === deciding);
  }
}
