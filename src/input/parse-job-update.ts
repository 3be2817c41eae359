import { describeValue } from "../text/describe";
import { asRecord, ownValue, parseSafely } from "./parsed";

/**
 * A job update as received: each field as a string when it is one, with a description of what was
 * received for messages. Rules 32 and 33 decide whether the id and the status are acceptable.
 */
export interface ParsedJobUpdate {
  /** Whether the update was an object at all; when not, `received` says what it was. */
  readonly isObject: boolean;
  readonly received: string;
  readonly jobId: string | undefined;
  readonly receivedJobId: string;
  readonly status: string | undefined;
  readonly receivedStatus: string;
}

/**
 * Reads the `update` argument of `advanceBackupJob`. Never fails: a non-object update, or fields
 * that are not strings, leave `jobId` or `status` undefined for the rules to refuse.
 *
 * @example
 * ```ts
 * import { parseJobUpdate } from "./parse-job-update";
 *
 * expect(parseJobUpdate({ jobId: "7", status: "Finished" })).toMatchObject({ jobId: "7", status: "Finished" });
 * expect(parseJobUpdate(null)).toMatchObject({ isObject: false, received: "null", jobId: undefined, receivedJobId: "an update that is null" });
 * ```
 */
export function parseJobUpdate(update: unknown): ParsedJobUpdate {
  const record = parseSafely("update", () => asRecord(update, "update", "an object"));
  if (!record.ok) {
    const received = describeValue(update);
    const whole = `an update that is ${received}`;
    return { isObject: false, received, jobId: undefined, receivedJobId: whole, status: undefined, receivedStatus: whole };
  }
  const jobId = readText(record.value, "jobId");
  const status = readText(record.value, "status");
  return {
    isObject: true,
    received: "an object",
    jobId: jobId.text,
    receivedJobId: jobId.received,
    status: status.text,
    receivedStatus: status.received,
  };
}

function readText(record: Readonly<Record<string, unknown>>, key: string): { text: string | undefined; received: string } {
  const read = parseSafely(`update.${key}`, () => ownValue(record, key));
  if (!read.ok) return { text: undefined, received: "a value whose reading threw" };
  return { text: typeof read.value === "string" ? read.value : undefined, received: describeValue(read.value) };
}
