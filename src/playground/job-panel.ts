/** The job form (Job id, Status, Advance job), its Job update region and its Job update checks table. */
import { JOB_STATUSES, parseInstanceState, type DecisionTrace, type JobDecision } from "../index";
import { jobSummary } from "./decision-words";
import { setText, ui } from "./page-elements";
import { fillRuleRows } from "./rules-table";

/** Offers every job status in the Status box's list and names them in its hint. */
export function offerJobStatuses(): void {
  ui.jobStatuses.replaceChildren(...JOB_STATUSES.map((status) => Object.assign(document.createElement("option"), { value: status })));
  ui.jobStatusesHint.textContent = `A job status: ${JOB_STATUSES.join(", ")} (any other text shows rule 33).`;
}

/** Lists the state's jobs under the Job id box, and fills the box with the newest job's id when it is empty. */
export function listJobIds(state: unknown): void {
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

/** The job update the form holds (either part may be empty). */
export function jobFormUpdate(): { readonly jobId: string; readonly status: string } {
  return { jobId: ui.jobId.value, status: ui.jobStatus.value };
}

/** Puts a job update into the form (empty parts when there is none). */
export function fillJobForm(update: { readonly jobId: string; readonly status: string } | undefined): void {
  ui.jobId.value = update?.jobId ?? "";
  ui.jobStatus.value = update?.status ?? "";
}

/** Shows a job update's trace, or, with no decision, why there is none (`blankRows`: what the checks table says meanwhile). */
export function showJobDecision(trace: DecisionTrace<JobDecision> | { readonly none: string; readonly blankRows: string }): void {
  if ("none" in trace) {
    ui.jobUpdate.className = "decision none";
    setText(ui.jobSummary, trace.none);
    fillRuleRows(ui.jobChecks, trace.blankRows);
    return;
  }
  ui.jobUpdate.className = `decision ${trace.decision.ok ? "accepted" : "refused"}`;
  setText(ui.jobSummary, jobSummary(trace.decision));
  fillRuleRows(ui.jobChecks, trace.rules);
}

/** Writes the note under Advance job (empty: cleared). */
export function setJobNote(text: string): void {
  setText(ui.jobNote, text);
}
