/** The next step after a decision: "Use the new state" and "Advance job" make a decision's new state the instance state. */
import { decide, decideJob } from "./deciding";
import { shownBackupDecision } from "./decision-view";
import { advanceNote } from "./decision-words";
import { setJobNote } from "./job-panel";
import { jsonForBox } from "./json-text";
import { ui } from "./page-elements";
import { scheduleFragment } from "./share-fragment";

/** Use the new state: the accepted CreateBackup decision's state becomes the instance state (nothing happens without one). */
export function useNewState(): void {
  const decision = shownBackupDecision();
  if (decision?.ok !== true) return;
  ui.state.value = jsonForBox(decision.state);
  ui.examples.value = "";
  setJobNote("");
  decide();
  scheduleFragment("replace", 0);
}

/** Advance job: decides the form's update and, when it changes the job, makes its new state the instance state; says what it did. */
export function advanceJob(event: SubmitEvent): void {
  event.preventDefault();
  const decision = decideJob();
  if (decision?.ok === true && decision.changed) {
    ui.state.value = jsonForBox(decision.state);
    ui.examples.value = "";
    decide();
    scheduleFragment("replace", 0);
  }
  setJobNote(advanceNote(decision));
}
