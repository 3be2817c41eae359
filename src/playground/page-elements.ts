/** The elements of index.html the page's code reads and writes, found once by id. */

/** The element of index.html with this id, of this kind; a missing one is a fault of the markup, thrown at start-up. */
export function element<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`index.html has no #${id} of the expected kind`);
  return found;
}

/** Every element the page's code uses, by what it is. */
export const ui = {
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

/** Changes a node's text only when it differs, so a live region announces only what changed. */
export function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
