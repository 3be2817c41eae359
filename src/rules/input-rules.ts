/**
 * The arguments of a decision: the context, the state, the request's form and each parameter's type.
 *
 * | rule | id |
 * |---:|---|
 * | 1 | `context.invalid` |
 * | 2 | `state.invalid` |
 * | 3 | `request.malformed` |
 * | 4 | `parameter.malformed` |
 *
 * Each rule is documented, with its example, in docs/rules.md (by id); the catalog (`catalog.ts`)
 * orders them.
 */
import type { BackupJob } from "../domain/types";
import { MAX_STATE_VERSION, NUMERIC_PARAMETERS } from "../domain/vocabulary";
import { versionOf } from "../input/parse-state";
import { hasOwn, type InputIssue } from "../input/parsed";
import { cut, quote } from "../text/describe";
import type { RawParameter } from "../input/parse-request";
import { defineRule, type Finding } from "./rule";
import { firstInOrder } from "./parameter-order";

/** Rule 1: the caller's decision context is usable. */
export const contextInvalid = defineRule({
  id: "context.invalid",
  code: "InvalidDecisionContext",
  httpStatus: 500,
  title: "The decision context is valid",
  description:
    "`context.now` is a valid instant (a Date, or an ISO 8601 string with a zone); `policy.timeZone` is a known IANA zone; " +
    "`policy.dailyBackupLimit` is a positive integer; `jobId`, when given, is decimal digits and not the id of a job in the state " +
    "(except the job that carries the same `idempotencyKey`, so a retry may repeat its context unchanged); `idempotencyKey`, " +
    "when given, is 1 to 64 printable ASCII characters. " +
    "This is the calling service's error, not its customer's, hence HTTP 500.",
  requires: ["contextInput", "stateInput"],
  check: ({ contextInput, stateInput }) => {
    if (!contextInput.ok) return contextFinding(contextInput.issue);
    const { jobId, idempotencyKey } = contextInput.value;
    if (jobId !== undefined && stateInput.ok && isJobIdTaken(stateInput.value.jobs, jobId, idempotencyKey)) {
      return {
        message: `context.jobId ${quote(jobId)} is already the id of a job of this instance; allocate an unused id or omit jobId to let the library derive one`,
        parameter: "context.jobId",
      };
    }
    return undefined;
  },
});

/**
 * Rule 1's finding for a context that does not parse: the part of the rule that needs no state
 * (`parseDecisionContext` reports it alone).
 *
 * @example
 * ```ts
 * import { contextFinding } from "./input-rules";
 *
 * expect(contextFinding({ path: "context.now", message: "context.now is missing" })).toEqual({ message: "context.now is missing", parameter: "context.now" });
 * ```
 */
export function contextFinding(issue: InputIssue): Finding {
  return { message: issue.message, parameter: issue.path };
}

/** Whether a job other than the one carrying `idempotencyKey` has the id `jobId`. */
function isJobIdTaken(jobs: readonly BackupJob[], jobId: string, idempotencyKey: string | undefined): boolean {
  for (const job of jobs) {
    // The job's key as an own property: one set on Object.prototype is not the job's (decision 0051).
    if (
      job.jobId === jobId &&
      (idempotencyKey === undefined || (hasOwn(job, "idempotencyKey") ? job.idempotencyKey : undefined) !== idempotencyKey)
    ) {
      return true;
    }
  }
  return false;
}

/** Rule 2: the stored instance state has the shape of `InstanceState` (docs/rules.md, `state.invalid`). */
export const stateInvalid = defineRule({
  id: "state.invalid",
  code: "InvalidInstanceState",
  httpStatus: 500,
  title: "The instance state is valid",
  description:
    "The stored state has every field of the right type and value (engine versions are open-ended: `major.minor` digits on MySQL, " +
    "any non-empty string elsewhere), no MariaDB instance on a local disk (`local_ssd`, `ephemeral_ssd`), unique job ids, " +
    "ISO 8601 `createdAt` instants, and text any JSON store can hold (well-formed Unicode without U+0000). " +
    "The message names the JSON path of the first problem. A decision also needs room " +
    `to count its change: \`version\` below ${MAX_STATE_VERSION} (2^53 − 1), so that version + 1 is still an exact integer.`,
  requires: ["stateInput"],
  check: ({ stateInput }) => {
    if (!stateInput.ok) {
      return {
        message: `Invalid instance state at ${cut(stateInput.issue.path)}: ${stateInput.issue.message}`,
        parameter: stateInput.issue.path,
      };
    }
    if (versionOf(stateInput.value) < MAX_STATE_VERSION) return undefined;
    return {
      message:
        `Invalid instance state at state.version: it is ${MAX_STATE_VERSION} (2^53 − 1), and the state a decision returns ` +
        "would carry version + 1, past the largest exact integer; store the state with a smaller version",
      parameter: "state.version",
    };
  },
});

/** Rule 3: the request is a query string, URLSearchParams or plain object. */
export const requestMalformed = defineRule({
  id: "request.malformed",
  code: "InvalidParameter",
  httpStatus: 400,
  title: "The request is a set of parameters",
  description: "The request is a query string (a leading `?` allowed), a `URLSearchParams`, or a plain object of parameters.",
  requires: ["requestInput"],
  check: ({ requestInput }) => (requestInput.ok ? undefined : { message: requestInput.issue.message }),
});

/** Rule 4: every parameter value is a string (or a number where allowed), and no name repeats. */
export const parameterMalformed = defineRule({
  id: "parameter.malformed",
  code: "InvalidParameter",
  httpStatus: 400,
  title: "Each parameter is given once, as a string",
  description:
    "Every value is a string (a number is also accepted for BackupRetentionPeriod and ResourceOwnerId), and no parameter name is repeated.",
  requires: ["rawParameters"],
  check: ({ rawParameters }) => {
    const name = firstInOrder(rawParameters, isMalformed);
    if (name === undefined) return undefined;
    const parameter = rawParameters.get(name) as Exclude<RawParameter, { kind: "value" }>; // chosen by isMalformed
    const message =
      parameter.kind === "repeated"
        ? `${quote(name)} is given ${parameter.count} times; give each parameter once (separate DBName items with commas)`
        : `${quote(name)} must be a string${NUMERIC_PARAMETERS.has(name) ? " or a number" : ""}; received ${parameter.received}`;
    return { message, parameter: name };
  },
});

function isMalformed(parameter: RawParameter): boolean {
  return parameter.kind !== "value";
}
