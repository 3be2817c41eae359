/** The three input boxes (Instance state, Request, Context): read, with each one's problem shown beside it, and filled. */
import { readJson } from "./json-text";
import { element, ui } from "./page-elements";
import { readRequestText } from "./request-text";
import type { SharedCase } from "./share-link";

type FieldName = "Instance state" | "Request" | "Context";

/** A box read: its value, or the box named with why it does not read. */
export type BoxReading =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly field: FieldName; readonly problem: string };

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

function readJsonBox(box: HTMLTextAreaElement, field: FieldName): BoxReading {
  const reading = readJson(box.value);
  if (reading.ok) {
    showProblem(box, undefined);
    return { ok: true, value: reading.value };
  }
  showProblem(box, { text: reading.problem, offset: reading.offset, line: reading.line, column: reading.column });
  return { ok: false, field, problem: `line ${reading.line}, column ${reading.column}: ${reading.problem}` };
}

function readRequestBox(): BoxReading {
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

/** Reads the three boxes, in their order (instance state, request, context), showing or clearing each one's problem. */
export function readBoxes(): readonly [BoxReading, BoxReading, BoxReading] {
  return [readJsonBox(ui.state, "Instance state"), readRequestBox(), readJsonBox(ui.context, "Context")];
}

/** The three boxes' texts, exactly as typed. */
export function boxesCase(): SharedCase {
  return { state: ui.state.value, request: ui.request.value, context: ui.context.value };
}

/** Puts a case's three texts into the boxes (nothing is decided until the caller decides). */
export function fillBoxes(shared: SharedCase): void {
  ui.state.value = shared.state;
  ui.request.value = shared.request;
  ui.context.value = shared.context;
}
