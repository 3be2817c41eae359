import { parseRequest } from "../input/parse-request";
import { readRequestFields } from "../input/request-fields";
import { isStorableText } from "../text/storable-text";

/**
 * The DBInstanceId a CreateBackup request names, read exactly as `createBackup` reads it, or
 * `undefined` when it names none (not a request, DBInstanceId absent, empty, repeated or not a
 * string) or names one no instance can have (text that is not well-formed, or holds U+0000). A
 * service that keeps one state per instance uses it to find the state to decide on. Never throws.
 *
 * @example
 * ```ts
 * import { requestedInstanceId } from "rds-backup-rules";
 *
 * expect(requestedInstanceId("Action=CreateBackup&DBInstanceId=rm-1")).toBe("rm-1");
 * expect(requestedInstanceId({ Action: "CreateBackup", DBInstanceId: "rm-2" })).toBe("rm-2");
 * expect(requestedInstanceId("Action=CreateBackup&DBInstanceId=")).toBeUndefined();
 * expect(requestedInstanceId(42)).toBeUndefined();
 * expect(requestedInstanceId({ Action: "CreateBackup", DBInstanceId: "rm-1\u0000" })).toBeUndefined();
 * ```
 */
export function requestedInstanceId(request: unknown): string | undefined {
  const parsed = parseRequest(request);
  if (!parsed.ok) return undefined;
  const field = readRequestFields(parsed.value).instanceId;
  return field.kind === "valid" && isStorableText(field.value) ? field.value : undefined;
}
