/**
 * The playground page: three text boxes (instance state, request, context), the decision and every
 * rule's verdict as the person types, the worked examples, the next step (use the new state,
 * advance a job) and a share link in the URL fragment. Plain DOM over the markup of index.html;
 * the library decides everything, the modules beside this one only read the boxes and show what it
 * returns. This file wires them up at start.
 */
import "./styles.css";
import { RULESET_VERSION } from "../index";
import { decide, decideJob } from "./deciding";
import { chooseExample, listExamples } from "./examples-list";
import { offerJobStatuses, setJobNote } from "./job-panel";
import { advanceJob, useNewState } from "./next-step";
import { ui } from "./page-elements";
import { buildRuleRows } from "./rules-table";
import { copyLink, followAddress, openFromAddress, scheduleFragment } from "./share-fragment";

function start(): void {
  ui.version.textContent = RULESET_VERSION;
  listExamples();
  offerJobStatuses();
  buildRuleRows(ui.rules, "createBackup");
  buildRuleRows(ui.jobChecks, "advanceBackupJob");

  for (const box of [ui.state, ui.request, ui.context]) {
    box.addEventListener("input", () => {
      ui.examples.value = "";
      setJobNote("");
      decide();
      scheduleFragment("replace", 300);
    });
  }
  for (const box of [ui.jobId, ui.jobStatus]) {
    box.addEventListener("input", () => {
      setJobNote("");
      decideJob();
    });
  }
  ui.examples.addEventListener("change", chooseExample);
  ui.useState.addEventListener("click", useNewState);
  ui.jobForm.addEventListener("submit", advanceJob);
  ui.copyLink.addEventListener("click", () => void copyLink());
  window.addEventListener("popstate", followAddress);
  window.addEventListener("hashchange", followAddress);
  void openFromAddress().then(() => document.documentElement.setAttribute("data-ready", "true"));
}

start();
