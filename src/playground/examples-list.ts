/** The Examples list: every playground case, grouped, and choosing one fills the page with it. */
import { decide } from "./deciding";
import { PLAYGROUND_CASES } from "./cases";
import { fillBoxes } from "./input-boxes";
import { fillJobForm, setJobNote } from "./job-panel";
import { ui } from "./page-elements";
import { scheduleFragment } from "./share-fragment";

/** Fills the Examples list with every case, one option group per kind of case, in the cases' order. */
export function listExamples(): void {
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
}

/** Fills the boxes and the job form with the chosen case, decides it, and adds a history entry for it. */
export function chooseExample(): void {
  const chosen = PLAYGROUND_CASES.find((each) => each.id === ui.examples.value);
  if (chosen === undefined) return;
  fillBoxes(chosen);
  fillJobForm(chosen.update);
  setJobNote("");
  decide();
  scheduleFragment("push", 0);
}
