import type { CreateBackupResponse } from "../domain/types";
import type { Violation } from "../rules/violation";
import { ownValue } from "../input/parsed";
import { toErrorResponse, type ErrorResponse, type ErrorResponseOptions } from "./to-error-response";

/** The Alibaba Cloud error body as it goes on the wire: the error response without its HTTP status. */
export type ErrorBody = Omit<ErrorResponse, "HttpStatus">;

/** An HTTP answer to a CreateBackup call: the status to send, and the JSON body. */
export type HttpResponse =
  { readonly status: 200; readonly body: CreateBackupResponse } | { readonly status: number; readonly body: ErrorBody };

/**
 * The HTTP answer to a CreateBackup decision, ready to send: 200 with `{ RequestId, BackupJobId }`
 * for an accepted decision (a replay included), or the violation's status with the error body
 * `{ RequestId, Code, Message }` (`toErrorResponse` without `HttpStatus`, which belongs in the
 * status line). Takes what `createBackup` returns, and also the store layer's decisions. Total:
 * anything that is not such a decision answers 500 `InternalError`.
 *
 * @example
 * ```ts
 * import { createBackup, toHttpResponse } from "rds-backup-rules";
 *
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [] } as const;
 * const accepted = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-01-01T00:00:00Z", requestId: "r-1" });
 * expect(toHttpResponse(accepted, "r-1")).toEqual({ status: 200, body: { RequestId: "r-1", BackupJobId: "1" } });
 *
 * const refused = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-9", { now: "2026-01-01T00:00:00Z" });
 * const { status, body } = toHttpResponse(refused, "r-2");
 * expect(status).toBe(404);
 * expect(body).toMatchObject({ RequestId: "r-2", Code: "InvalidDBInstanceId.NotFound" });
 * expect("HttpStatus" in body).toBe(false);
 * ```
 */
export function toHttpResponse(
  decision: { readonly ok: true; readonly response: CreateBackupResponse } | { readonly ok: false; readonly error: Violation<string> },
  requestId: string,
  options?: ErrorResponseOptions,
): HttpResponse {
  const accepted = acceptedResponse(decision);
  if (accepted !== undefined) return { status: 200, body: accepted };
  const { HttpStatus, ...body } = toErrorResponse(refusal(decision) as Violation<string>, requestId, options);
  return { status: HttpStatus, body };
}

/** The response of an accepted decision, read as own properties; `undefined` for anything else. */
function acceptedResponse(decision: unknown): CreateBackupResponse | undefined {
  try {
    if (typeof decision !== "object" || decision === null) return undefined;
    const record = decision as Readonly<Record<string, unknown>>;
    if (ownValue(record, "ok") !== true) return undefined;
    const response = ownValue(record, "response");
    if (typeof response !== "object" || response === null) return undefined;
    const RequestId = ownValue(response as Readonly<Record<string, unknown>>, "RequestId");
    const BackupJobId = ownValue(response as Readonly<Record<string, unknown>>, "BackupJobId");
    return typeof RequestId === "string" && typeof BackupJobId === "string" ? { RequestId, BackupJobId } : undefined;
  } catch {
    return undefined;
  }
}

/** The error of a refused decision (whatever it holds: `toErrorResponse` judges it). */
function refusal(decision: unknown): unknown {
  try {
    return typeof decision === "object" && decision !== null ? ownValue(decision as Readonly<Record<string, unknown>>, "error") : undefined;
  } catch {
    return undefined;
  }
}
