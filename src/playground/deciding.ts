/** Deciding as the person types: the three boxes through `traceDecision`, and the job form through `traceJobUpdate`. */
import { traceDecision, traceJobUpdate, type DecisionContext, type InstanceState, type JobDecision } from "../index";
import { showDecision } from "./decision-view";
import { noDecisionText } from "./decision-words";
import { readBoxes, type BoxReading } from "./input-boxes";
import { jobFormUpdate, listJobIds, showJobDecision } from "./job-panel";

/** What the boxes read as, when they all read. */
let current: { state: unknown; context: unknown } | undefined;

/** Decides the case of the three boxes and shows it (or why there is none), then decides the job form on it. */
export function decide(): void {
  const reads = readBoxes();
  const failed = reads.filter((read): read is Extract<BoxReading, { ok: false }> => !read.ok);
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

/** Decides the job form's update on the boxes' state and context and shows it; returns the decision, if there is one. */
export function decideJob(): JobDecision | undefined {
  const { jobId, status } = jobFormUpdate();
  if (current === undefined) {
    const none = "No decision: the instance state and the context must read first.";
    showJobDecision({ none, blankRows: none });
    return undefined;
  }
  if (jobId === "" || status === "") {
    showJobDecision({ none: "Give a job id and a status to decide the update.", blankRows: "" });
    return undefined;
  }
  const trace = traceJobUpdate(current.state as InstanceState, { jobId, status }, current.context as DecisionContext);
  showJobDecision(trace);
  return trace.decision;
}
