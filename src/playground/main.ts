/**
 * The playground page: three text boxes (instance state, request, context), the decision and every
 * rule's verdict as the person types, the worked examples, the next step (use the new state,
 * advance a job) and a share link in the URL fragment. Plain DOM over the markup of index.html;
 * the library decides everything, this file only reads the boxes and shows what it returns.
 */
import "./styles.css";
import {
  JOB_STATUSES,
  RULES,
  RULESET_VERSION,
  parseInstanceState,
  toHttpResponse,
  traceDecision,
  traceJobUpdate,
  type BackupDecision,
  type DecisionContext,
  type DecisionTrace,
  type InstanceState,
  type JobDecision,
  type RuleVerdict,
} from "../index";
import { SAMPLE_INSTANCE } from "../examples/index";
import { PLAYGROUND_CASES, type PlaygroundCase } from "./cases";
import { readJson } from "./json-text";
import { httpAnswerText, ruleDocsUrl, verdictWords } from "./present";
import { readRequestText } from "./request-text";
import { decodeCase, encodeCase, type SharedCase } from "./share-link";

function element<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`index.html has no #${id} of the expected kind`);
  return found;
}

const ui = {
  version: element("ruleset-version", HTMLSpanElement),
  examples: element("examples", HTMLSelectElement),
  copyLink: element("copy-link", HTMLButtonElement),
  shareStatus: element("share-status", HTMLParagraphElement),
  shareFallback: element("share-fallback", HTMLDivElement),
  shareLink: element("share-link", HTMLInputElement),
  state: element("state", HTMLTextAreaElement),
  request: element("request", HTMLTextAreaElement),
  context: element("context", HTMLTextAreaElement),
  decision: element("decision", HTMLElement),
  summary: element("decision-summary", HTMLParagraphElement),
  facts: element("decision-facts", HTMLElement),
  useState: element("use-state", HTMLButtonElement),
  httpAnswer: element("http-answer", HTMLPreElement),
  rules: element("rules", HTMLTableElement),
  jobForm: element("job-form", HTMLFormElement),
  jobId: element("job-id", HTMLInputElement),
  jobIds: element("job-ids", HTMLParagraphElement),
  jobStatus: element("job-status", HTMLInputElement),
  jobStatuses: element("job-statuses", HTMLDataListElement),
  jobStatusesHint: element("job-statuses-hint", HTMLParagraphElement),
  jobUpdate: element("job-update", HTMLElement),
  jobSummary: element("job-summary", HTMLParagraphElement),
  jobNote: element("job-note", HTMLParagraphElement),
  jobChecks: element("job-checks", HTMLTableElement),
};

const BASE_REQUEST = "Action=CreateBackup&DBInstanceId=rm-demo";
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The case a bare address opens with: the sample instance, a plain request, and the clock now. */
function openingCase(): SharedCase {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    state: pretty(SAMPLE_INSTANCE),
    request: BASE_REQUEST,
    context: pretty({ now, policy: { timeZone: "UTC", dailyBackupLimit: 20 } }),
  };
}

// ---- reading the three boxes -------------------------------------------------------------

type FieldName = "Instance state" | "Request" | "Context";
type Read = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly field: FieldName; readonly problem: string };

/** Shows a box's problem beside it (or clears it): the line and column as a button that puts the caret there. */
function showProblem(
  box: HTMLTextAreaElement,
  problem: { text: string; offset?: number; line?: number; column?: number } | undefined,
): void {
  const slot = element(`${box.id}-error`, HTMLParagraphElement);
  slot.replaceChildren();
  slot.hidden = problem === undefined;
  if (problem === undefined) {
    box.removeAttribute("aria-invalid");
    return;
  }
  box.setAttribute("aria-invalid", "true");
  if (problem.offset !== undefined) {
    const offset = problem.offset;
    const go = document.createElement("button");
    go.type = "button";
    go.textContent = `Line ${problem.line}, column ${problem.column}`;
    go.addEventListener("click", () => {
      box.focus();
      box.setSelectionRange(offset, Math.min(offset + 1, box.value.length));
    });
    slot.append(go, ` is not JSON: ${problem.text}.`);
  } else {
    slot.append(problem.text);
  }
}

function readJsonBox(box: HTMLTextAreaElement, field: FieldName): Read {
  const reading = readJson(box.value);
  if (reading.ok) {
    showProblem(box, undefined);
    return { ok: true, value: reading.value };
  }
  showProblem(box, { text: reading.problem, offset: reading.offset, line: reading.line, column: reading.column });
  return { ok: false, field, problem: `line ${reading.line}, column ${reading.column}: ${reading.problem}` };
}

function readRequestBox(): Read {
  const reading = readRequestText(ui.request.value);
  if (reading.ok) {
    showProblem(ui.request, undefined);
    return { ok: true, value: reading.request };
  }
  const json = reading.json;
  showProblem(
    ui.request,
    json === undefined
      ? { text: `Not a request: ${reading.problem}.` }
      : { text: json.problem, offset: json.offset, line: json.line, column: json.column },
  );
  return {
    ok: false,
    field: "Request",
    problem: json === undefined ? reading.problem : `line ${json.line}, column ${json.column}: ${json.problem}`,
  };
}

/** Why there is no decision: each box that does not read, named. */
function noDecisionText(failed: readonly Extract<Read, { ok: false }>[]): string {
  return `No decision: ${failed.map((each) => `the ${each.field} box does not read (${each.problem})`).join("; ")}.`;
}

// ---- showing a decision and its trace ------------------------------------------------------

const CREATE_BACKUP_RULES = RULES.filter((rule) => rule.operations.includes("createBackup"));
const JOB_RULES = RULES.filter((rule) => rule.operations.includes("advanceBackupJob"));

/** Builds the body rows of a verdict table once, one per rule of the operation. */
function buildRows(table: HTMLTableElement, rules: typeof RULES): void {
  const body = table.tBodies[0]!;
  body.replaceChildren(
    ...rules.map((rule) => {
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

/** Fills a verdict table from a trace, or blanks it with why there is no trace. */
function fillRows(table: HTMLTableElement, verdicts: readonly RuleVerdict[] | string): void {
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

/** Changes a node's text only when it differs, so a live region announces only what changed. */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

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

const NUMBER_OF: ReadonlyMap<string, number> = new Map(RULES.map((rule) => [rule.id, rule.number]));

/** The facts of a refusal beside its summary (which holds the message): the rule (linked), its code, HTTP status and parameter. */
function refusalFacts(error: Extract<BackupDecision | JobDecision, { ok: false }>["error"]): HTMLElement[] {
  return [
    ...fact("Rule", ruleLink(NUMBER_OF.get(error.rule) ?? 0, error.rule)),
    ...fact("Code", error.code),
    ...fact("HTTP status", String(error.httpStatus)),
    ...(error.parameter === undefined ? [] : fact("Parameter", error.parameter)),
  ];
}

/** The last createBackup decision shown, for "Use the new state". */
let lastDecision: BackupDecision | undefined;
let shownDecisionKey = "";

function showDecision(trace: DecisionTrace<BackupDecision> | string, requestId: string): void {
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
      if (decision.ok) {
        const { job } = decision;
        ui.decision.className = "decision accepted";
        setText(
          ui.summary,
          decision.replayed === true
            ? `Replayed: BackupJobId ${decision.response.BackupJobId}, the job created earlier with this idempotency key; the state is unchanged.`
            : `Accepted: BackupJobId ${decision.response.BackupJobId}, new state version ${decision.state.version ?? 0}.`,
        );
        ui.facts.replaceChildren(
          ...fact("BackupJobId", decision.response.BackupJobId),
          ...fact("New state version", String(decision.state.version ?? 0)),
          ...fact("Replayed", decision.replayed === true ? "yes" : "no"),
          ...fact("Job", `${job.status}, ${job.mode} ${job.method} ${job.backupType}, created ${job.createdAt}`),
          ...(job.strategy === undefined ? [] : fact("Strategy", job.strategy)),
          ...(job.dbNames === undefined ? [] : fact("Databases", job.dbNames.join(", "))),
          ...(job.retentionPeriod === undefined ? [] : fact("Retention", `${job.retentionPeriod} days`)),
          ...(job.idempotencyKey === undefined ? [] : fact("Idempotency key", job.idempotencyKey)),
        );
      } else {
        ui.decision.className = "decision refused";
        setText(
          ui.summary,
          `Refused by rule ${NUMBER_OF.get(decision.error.rule) ?? "?"}, ${decision.error.rule}: ${decision.error.message}`,
        );
        ui.facts.replaceChildren(...refusalFacts(decision.error));
      }
      setText(ui.httpAnswer, httpAnswerText(toHttpResponse(decision, requestId)));
    }
  }
  fillRows(ui.rules, typeof trace === "string" ? trace : trace.rules);
}

// ---- deciding ----------------------------------------------------------------------------

/** What the boxes read as, when they all read. */
let current: { state: unknown; context: unknown } | undefined;

function decide(): void {
  const reads = [readJsonBox(ui.state, "Instance state"), readRequestBox(), readJsonBox(ui.context, "Context")] as const;
  const failed = reads.filter((read): read is Extract<Read, { ok: false }> => !read.ok);
  const [state, request, context] = reads.map((read) => (read.ok ? read.value : undefined));
  listJobIds(reads[0].ok ? state : undefined);
  if (failed.length > 0) {
    current = undefined;
    showDecision(noDecisionText(failed), "");
  } else {
    current = { state, context };
    const requestId = requestIdOf(context);
    showDecision(traceDecision(state as InstanceState, request, context as DecisionContext), requestId);
  }
  decideJob();
}

/** The RequestId of the HTTP answer: the context's `requestId`, else a stand-in. */
function requestIdOf(context: unknown): string {
  const requestId = typeof context === "object" && context !== null ? (context as { requestId?: unknown }).requestId : undefined;
  return typeof requestId === "string" ? requestId : "playground-request";
}

/** Lists the state's jobs under the Job id box, and fills the box with the newest job's id when it is empty. */
function listJobIds(state: unknown): void {
  const parsed = state === undefined ? undefined : parseInstanceState(state);
  const jobs = parsed?.ok === true ? parsed.state.jobs : [];
  setText(
    ui.jobIds,
    parsed === undefined || !parsed.ok
      ? "The instance state does not read as a state: no jobs to list."
      : jobs.length === 0
        ? "The state has no jobs."
        : `Jobs of the state: ${jobs.map((job) => `${job.jobId} (${job.status})`).join(", ")}.`,
  );
  if (ui.jobId.value === "" && jobs.length > 0) ui.jobId.value = jobs[jobs.length - 1]!.jobId;
}

let lastJobDecision: JobDecision | undefined;

function decideJob(): void {
  const jobId = ui.jobId.value;
  const status = ui.jobStatus.value;
  lastJobDecision = undefined;
  if (current === undefined) {
    ui.jobUpdate.className = "decision none";
    setText(ui.jobSummary, "No decision: the instance state and the context must read first.");
    fillRows(ui.jobChecks, "No decision: the instance state and the context must read first.");
    return;
  }
  if (jobId === "" || status === "") {
    ui.jobUpdate.className = "decision none";
    setText(ui.jobSummary, "Give a job id and a status to decide the update.");
    fillRows(ui.jobChecks, "");
    return;
  }
  const trace = traceJobUpdate(current.state as InstanceState, { jobId, status }, current.context as DecisionContext);
  const decision = trace.decision;
  lastJobDecision = decision;
  ui.jobUpdate.className = `decision ${decision.ok ? "accepted" : "refused"}`;
  setText(
    ui.jobSummary,
    decision.ok
      ? decision.changed
        ? `Accepted: job ${decision.job.jobId} becomes ${decision.job.status} (new state version ${decision.state.version ?? 0}).`
        : `Accepted, nothing to write: job ${decision.job.jobId} is already ${decision.job.status}.`
      : `Refused by rule ${NUMBER_OF.get(decision.error.rule) ?? "?"}, ${decision.error.rule}: ${decision.error.message}`,
  );
  fillRows(ui.jobChecks, trace.rules);
}

// ---- actions -------------------------------------------------------------------------------

function fillCase(shared: SharedCase): void {
  ui.state.value = shared.state;
  ui.request.value = shared.request;
  ui.context.value = shared.context;
}

function useNewState(): void {
  if (lastDecision?.ok !== true) return;
  ui.state.value = pretty(lastDecision.state);
  ui.examples.value = "";
  setText(ui.jobNote, "");
  decide();
  scheduleFragment("replace", 0);
}

function advanceJob(event: SubmitEvent): void {
  event.preventDefault();
  decideJob();
  const decision = lastJobDecision;
  if (decision === undefined) {
    setText(ui.jobNote, "Not advanced: there is no decision on this update.");
  } else if (!decision.ok) {
    setText(
      ui.jobNote,
      `Not advanced: refused by rule ${NUMBER_OF.get(decision.error.rule) ?? "?"} (${decision.error.rule}); the instance state is unchanged.`,
    );
  } else if (!decision.changed) {
    setText(
      ui.jobNote,
      `Nothing to advance: job ${decision.job.jobId} is already ${decision.job.status}; the instance state is unchanged.`,
    );
  } else {
    ui.state.value = pretty(decision.state);
    ui.examples.value = "";
    decide();
    scheduleFragment("replace", 0);
    setText(
      ui.jobNote,
      `Advanced: job ${decision.job.jobId} is now ${decision.job.status}; its new state (version ${decision.state.version ?? 0}) is the instance state.`,
    );
  }
}

function chooseExample(): void {
  const chosen: PlaygroundCase | undefined = PLAYGROUND_CASES.find((each) => each.id === ui.examples.value);
  if (chosen === undefined) return;
  fillCase(chosen);
  ui.jobId.value = chosen.update?.jobId ?? "";
  ui.jobStatus.value = chosen.update?.status ?? "";
  setText(ui.jobNote, "");
  decide();
  scheduleFragment("push", 0);
}

// ---- the share link ------------------------------------------------------------------------

/** The fragment this page last wrote, to tell its own history entries from a link opened. */
let writtenHash = "";
let writeSequence = 0;
let pendingWrite: ReturnType<typeof setTimeout> | undefined;

/** Writes the case into the URL fragment, after `delay` ms of quiet (typing replaces the entry, an example adds one). */
function scheduleFragment(mode: "push" | "replace", delay: number): void {
  clearTimeout(pendingWrite);
  pendingWrite = setTimeout(() => void writeFragment(mode), delay);
}

async function writeFragment(mode: "push" | "replace"): Promise<void> {
  const sequence = ++writeSequence;
  const hash = `#${await encodeCase({ state: ui.state.value, request: ui.request.value, context: ui.context.value })}`;
  if (sequence !== writeSequence || hash === location.hash) return;
  writtenHash = hash;
  if (mode === "push") history.pushState(null, "", hash);
  else history.replaceState(null, "", hash);
}

async function copyLink(): Promise<void> {
  clearTimeout(pendingWrite);
  await writeFragment("replace");
  const link = location.href;
  ui.shareLink.value = link;
  try {
    if (navigator.clipboard === undefined) throw new Error("no clipboard");
    await navigator.clipboard.writeText(link);
    ui.shareFallback.hidden = true;
    setText(ui.shareStatus, `Link copied (${link.length} characters). It holds the three inputs; opening it restores them exactly.`);
  } catch {
    ui.shareFallback.hidden = false;
    ui.shareLink.focus();
    ui.shareLink.select();
    setText(ui.shareStatus, "The browser did not let the page copy: the link is in the Share link box, selected.");
  }
}

/** Opens the case of the address's fragment; a bare address opens the sample case with the clock now. */
async function openFromAddress(): Promise<void> {
  writtenHash = location.hash;
  if (location.hash === "" || location.hash === "#") {
    fillCase(openingCase());
  } else {
    const decoded = await decodeCase(location.hash);
    if (decoded.ok) {
      fillCase(decoded.shared);
      setText(ui.shareStatus, "");
    } else {
      fillCase(openingCase());
      setText(ui.shareStatus, `This link's case could not be opened (${decoded.problem}); the sample case is shown instead.`);
    }
  }
  ui.examples.value = "";
  decide();
}

// ---- start ---------------------------------------------------------------------------------

function start(): void {
  ui.version.textContent = RULESET_VERSION;
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const each of PLAYGROUND_CASES) {
    let group = groups.get(each.group);
    if (group === undefined) {
      group = Object.assign(document.createElement("optgroup"), { label: each.group });
      groups.set(each.group, group);
      ui.examples.append(group);
    }
    group.append(Object.assign(document.createElement("option"), { value: each.id, textContent: each.label }));
  }
  ui.jobStatuses.replaceChildren(...JOB_STATUSES.map((status) => Object.assign(document.createElement("option"), { value: status })));
  ui.jobStatusesHint.textContent = `A job status: ${JOB_STATUSES.join(", ")} (any other text shows rule 33).`;
  buildRows(ui.rules, CREATE_BACKUP_RULES);
  buildRows(ui.jobChecks, JOB_RULES);

  for (const box of [ui.state, ui.request, ui.context]) {
    box.addEventListener("input", () => {
      ui.examples.value = "";
      setText(ui.jobNote, "");
      decide();
      scheduleFragment("replace", 300);
    });
  }
  for (const box of [ui.jobId, ui.jobStatus]) {
    box.addEventListener("input", () => {
      setText(ui.jobNote, "");
      decideJob();
    });
  }
  ui.examples.addEventListener("change", chooseExample);
  ui.useState.addEventListener("click", useNewState);
  ui.jobForm.addEventListener("submit", advanceJob);
  ui.copyLink.addEventListener("click", () => void copyLink());
  const followAddress = () => {
    if (location.hash !== writtenHash) void openFromAddress();
  };
  window.addEventListener("popstate", followAddress);
  window.addEventListener("hashchange", followAddress);
  void openFromAddress().then(() => document.documentElement.setAttribute("data-ready", "true"));
}

start();
