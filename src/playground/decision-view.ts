/** The Decision region (summary, facts, the HTTP answer) and the Rules table, for a CreateBackup trace. */
import { toHttpResponse, type BackupDecision, type DecisionTrace, type JobDecision, type RuleVerdict } from "../index";
import { backupSummary, ruleNumberOf } from "./decision-words";
import { setText, ui } from "./page-elements";
import { httpAnswerText, ruleDocsUrl } from "./present";
import { fillRuleRows } from "./rules-table";

function fact(term: string, value: string | Node): [HTMLElement, HTMLElement] {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.append(value);
  return [dt, dd];
}

function ruleLink(number: number, ruleId: RuleVerdict["rule"]): HTMLAnchorElement {
  const link = document.createElement("a");
  link.href = ruleDocsUrl(ruleId);
  link.textContent = `${number}. ${ruleId}`;
  return link;
}

/** The facts of an acceptance beside its summary: the job id, the new version, replayed or not, and the job. */
function acceptedFacts(decision: Extract<BackupDecision, { ok: true }>): HTMLElement[] {
  const { job } = decision;
  return [
    ...fact("BackupJobId", decision.response.BackupJobId),
    ...fact("New state version", String(decision.state.version ?? 0)),
    ...fact("Replayed", decision.replayed === true ? "yes" : "no"),
    ...fact("Job", `${job.status}, ${job.mode} ${job.method} ${job.backupType}, created ${job.createdAt}`),
    ...(job.strategy === undefined ? [] : fact("Strategy", job.strategy)),
    ...(job.dbNames === undefined ? [] : fact("Databases", job.dbNames.join(", "))),
    ...(job.retentionPeriod === undefined ? [] : fact("Retention", `${job.retentionPeriod} days`)),
    ...(job.idempotencyKey === undefined ? [] : fact("Idempotency key", job.idempotencyKey)),
  ];
}

/** The facts of a refusal beside its summary (which holds the message): the rule (linked), its code, HTTP status and parameter. */
function refusalFacts(error: Extract<BackupDecision | JobDecision, { ok: false }>["error"]): HTMLElement[] {
  return [
    ...fact("Rule", ruleLink(ruleNumberOf(error.rule) ?? 0, error.rule)),
    ...fact("Code", error.code),
    ...fact("HTTP status", String(error.httpStatus)),
    ...(error.parameter === undefined ? [] : fact("Parameter", error.parameter)),
  ];
}

/** The last createBackup decision shown, for "Use the new state". */
let lastDecision: BackupDecision | undefined;
let shownDecisionKey = "";

/** The CreateBackup decision the page shows now, if any. */
export function shownBackupDecision(): BackupDecision | undefined {
  return lastDecision;
}

/**
 * Shows a CreateBackup trace (or why there is none): the summary, its facts and the HTTP answer,
 * rewritten only when the decision changed, so the live region announces only a new decision; the
 * Rules table and "Use the new state" always follow.
 */
export function showDecision(trace: DecisionTrace<BackupDecision> | string, requestId: string): void {
  lastDecision = typeof trace === "string" ? undefined : trace.decision;
  const key = typeof trace === "string" ? trace : JSON.stringify(trace.decision) + requestId;
  ui.useState.setAttribute("aria-disabled", String(lastDecision?.ok !== true));
  if (key !== shownDecisionKey) {
    shownDecisionKey = key;
    if (typeof trace === "string") {
      ui.decision.className = "decision none";
      setText(ui.summary, trace);
      ui.facts.replaceChildren();
      setText(ui.httpAnswer, "No answer: there is no decision.");
    } else {
      const decision = trace.decision;
      ui.decision.className = `decision ${decision.ok ? "accepted" : "refused"}`;
      setText(ui.summary, backupSummary(decision));
      ui.facts.replaceChildren(...(decision.ok ? acceptedFacts(decision) : refusalFacts(decision.error)));
      setText(ui.httpAnswer, httpAnswerText(toHttpResponse(decision, requestId)));
    }
  }
  fillRuleRows(ui.rules, typeof trace === "string" ? trace : trace.rules);
}
