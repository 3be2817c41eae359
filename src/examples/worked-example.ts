import type { BackupDecision, JobDecision } from "../rules/violation";
import { RULES, type CatalogEntry, type RuleId } from "../rules/catalog";
import { RULE_EXAMPLES, type ExampleCall } from "./rule-examples";
import { runExample } from "./run-example";

/** One example call as a reader sees it: the state in a line, the input, the context, and the outcome. */
export interface DescribedCall {
  readonly call: ExampleCall["call"];
  /** A one-line summary of the state argument. */
  readonly state: string;
  /** The request (createBackup) or the update (advanceBackupJob), as text. */
  readonly input: string;
  /** The context argument as JSON. */
  readonly context: string;
  /** What the library returned when this call was run. */
  readonly decision: BackupDecision | JobDecision;
  /** The raw call, to compare with another one. */
  readonly raw: ExampleCall;
}

/** A rule with its worked example, run through the library: a refused call and its accepted near miss. */
export interface WorkedExample {
  readonly rule: CatalogEntry;
  readonly violating: DescribedCall;
  readonly nearMiss: DescribedCall;
}

/**
 * Runs a rule's worked example (`RULE_EXAMPLES`) and describes it for people: used by the CLI's
 * `explain` and by the generated `docs/rules.md`, so both show exactly what the library returns.
 *
 * @example
 * ```ts
 * import { workedExample } from "rds-backup-rules/examples";
 *
 * const example = workedExample("instance.not-running");
 * expect(example.rule.number).toBe(16);
 * expect(example.violating.state).toContain("Stopped");
 * expect(!example.violating.decision.ok && example.violating.decision.error.code).toBe("IncorrectDBInstanceState");
 * expect(example.nearMiss.decision.ok).toBe(true);
 * ```
 */
export function workedExample(ruleId: RuleId): WorkedExample {
  const rule = RULES.find((entry) => entry.id === ruleId) as CatalogEntry;
  const { violating, nearMiss } = RULE_EXAMPLES[ruleId];
  return { rule, violating: describeCall(violating), nearMiss: describeCall(nearMiss) };
}

function describeCall(raw: ExampleCall): DescribedCall {
  return {
    call: raw.call,
    state: summarizeState(raw.state),
    input: describeInput(raw.call === "createBackup" ? raw.request : raw.update),
    context: JSON.stringify(raw.context),
    decision: runExample(raw),
    raw,
  };
}

/** The three arguments of a call, as `explain` and the CLI's refusals name them. */
export type CallPart = "state" | "input" | "context";

/**
 * What a part of a call is called: `state`, `context`, and `request` (createBackup) or `update`
 * (advanceBackupJob) for its input.
 *
 * @example
 * ```ts
 * import { partName, workedExample } from "rds-backup-rules/examples";
 *
 * const { violating } = workedExample("job.not-found");
 * expect(partName(violating, "input")).toBe("update");
 * ```
 */
export function partName(call: DescribedCall, part: CallPart): string {
  return part !== "input" ? part : call.call === "createBackup" ? "request" : "update";
}

/**
 * Which parts of a near miss differ from the violating call: the one cause it repairs.
 *
 * @example
 * ```ts
 * import { changedParts, workedExample } from "rds-backup-rules/examples";
 *
 * const { violating, nearMiss } = workedExample("backup-method.invalid-value");
 * expect(changedParts(violating, nearMiss)).toEqual(["input"]);
 * ```
 */
export function changedParts(violating: DescribedCall, nearMiss: DescribedCall): CallPart[] {
  const parts: CallPart[] = [];
  if (JSON.stringify(violating.raw.state) !== JSON.stringify(nearMiss.raw.state)) parts.push("state");
  if (violating.input !== nearMiss.input) parts.push("input");
  if (violating.context !== nearMiss.context) parts.push("context");
  return parts;
}

/**
 * A request or job update as text: a query string as is, anything else as JSON.
 *
 * @example
 * ```ts
 * import { describeInput } from "./worked-example";
 *
 * expect(describeInput("Action=CreateBackup")).toBe("Action=CreateBackup");
 * expect(describeInput(["Action=CreateBackup"])).toBe('["Action=CreateBackup"]');
 * ```
 */
export function describeInput(input: unknown): string {
  if (typeof input === "string") return input;
  if (input instanceof URLSearchParams) return input.toString();
  return JSON.stringify(input) ?? String(input);
}

/** Jobs listed one by one up to this many; beyond it, counted by status. */
const JOBS_LISTED = 3;

/**
 * A state in one line: id, engine and version, storage, status, databases and jobs. Tolerates
 * invalid states (examples of `state.invalid` are invalid on purpose).
 *
 * @example
 * ```ts
 * import { SAMPLE_INSTANCE, summarizeState } from "rds-backup-rules/examples";
 *
 * expect(summarizeState(SAMPLE_INSTANCE)).toBe("rm-demo: MySQL 8.0 on local_ssd, Running; databases orders, users; no jobs");
 * ```
 */
export function summarizeState(state: unknown): string {
  if (typeof state !== "object" || state === null) return `not a state: ${JSON.stringify(state)}`;
  const fields = state as Record<string, unknown>;
  const databases = Array.isArray(fields["databases"]) ? fields["databases"].map(String) : [];
  const jobs = Array.isArray(fields["jobs"]) ? (fields["jobs"] as unknown[]) : [];
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- shown as String() shows it, like the other fields of an invalid state
  const version = fields["version"] === undefined ? "" : `; version ${String(fields["version"])}`;
  return (
    `${String(fields["instanceId"])}: ${String(fields["engine"])} ${String(fields["engineVersion"])} on ${String(fields["storageType"])}, ` +
    `${String(fields["status"])}; ${databases.length === 0 ? "no databases" : `databases ${databases.join(", ")}`}; ${summarizeJobs(jobs)}${version}`
  );
}

function summarizeJobs(jobs: readonly unknown[]): string {
  if (jobs.length === 0) return "no jobs";
  const read = jobs.map((job) => (typeof job === "object" && job !== null ? (job as Record<string, unknown>) : {}));
  if (read.length <= JOBS_LISTED) {
    return read
      .map(
        (job) =>
          `job ${String(job["jobId"])} (${String(job["mode"])} ${String(job["method"])} ${String(job["backupType"])}, ${String(job["status"])}, ` +
          `created ${String(job["createdAt"])}${job["idempotencyKey"] === undefined ? "" : `, idempotency key ${JSON.stringify(job["idempotencyKey"])}`})`,
      )
      .join(", ");
  }
  const counts = new Map<string, number>();
  for (const job of read) counts.set(String(job["status"]), (counts.get(String(job["status"])) ?? 0) + 1);
  const created = read.map((job) => String(job["createdAt"])).sort();
  const byStatus = [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
  return `${read.length} jobs (${byStatus}), created ${created[0]} to ${created[created.length - 1]}`;
}

/**
 * A decision in a few words: `accepted: BackupJobId 1`, `replayed: BackupJobId 1` (a retry with
 * the idempotency key of an existing job), `accepted: job 1 is now Finished`, or `refused by rule-id`.
 *
 * @example
 * ```ts
 * import { describeOutcome, workedExample } from "rds-backup-rules/examples";
 *
 * expect(describeOutcome(workedExample("action.missing").nearMiss.decision)).toBe("accepted: BackupJobId 1");
 * expect(describeOutcome(workedExample("action.missing").violating.decision)).toBe("refused by action.missing");
 * expect(describeOutcome(workedExample("idempotency-key.reused").nearMiss.decision)).toBe("replayed: BackupJobId 1");
 * ```
 */
export function describeOutcome(decision: BackupDecision | JobDecision): string {
  if (!decision.ok) return `refused by ${decision.error.rule}`;
  if ("response" in decision)
    return `${decision.replayed === true ? "replayed" : "accepted"}: BackupJobId ${decision.response.BackupJobId}`;
  return `accepted: job ${decision.job.jobId} is now ${decision.job.status}`;
}

/**
 * Which function checks a rule: `createBackup`, `advanceBackupJob`, or both (rules 1 and 2).
 *
 * @example
 * ```ts
 * import { checkedBy } from "rds-backup-rules/examples";
 *
 * expect(checkedBy("state.invalid")).toBe("createBackup and advanceBackupJob");
 * expect(checkedBy("job.not-found")).toBe("advanceBackupJob");
 * ```
 */
export function checkedBy(ruleId: RuleId): string {
  return (RULES.find((rule) => rule.id === ruleId)?.operations ?? []).join(" and ");
}
