import type { Violation } from "../rules/violation";
import { ownValue } from "../input/parsed";

/** The error body of the Alibaba Cloud API, with the HTTP status to send it with. */
export interface ErrorResponse {
  readonly RequestId: string;
  readonly Code: string;
  readonly Message: string;
  readonly HttpStatus: number;
}

/** How `toErrorResponse` words its message. */
export interface ErrorResponseOptions {
  /**
   * Replace the message of a 5xx violation (the service's own fault: a context or stored state it
   * got wrong) with one that says only that, and the RequestId to quote, so internal detail such as
   * a JSON path of the stored state never reaches a customer. The violation keeps the full message
   * for the service's logs. Default `false`.
   */
  readonly hideInternalDetails?: boolean;
}

/**
 * Turns a violation into the error response an RDS-compatible API returns. The message ends with
 * the rule id, so a customer's support ticket names the exact rule. Total: given something that
 * is not a violation, it answers a 500 `InternalError` rather than throwing.
 *
 * @example
 * ```ts
 * import { toErrorResponse } from "rds-backup-rules";
 *
 * const response = toErrorResponse(
 *   { rule: "instance.not-running", code: "IncorrectDBInstanceState", httpStatus: 403, message: "The instance is Stopped" },
 *   "2C125605-266F-41CA-8AC5-3A643D4F42C5",
 * );
 * expect(response).toEqual({
 *   RequestId: "2C125605-266F-41CA-8AC5-3A643D4F42C5", Code: "IncorrectDBInstanceState",
 *   Message: "The instance is Stopped (rule instance.not-running)", HttpStatus: 403,
 * });
 * expect(toErrorResponse(null as never, "r").HttpStatus).toBe(500);
 *
 * const internal = { rule: "state.invalid", code: "InvalidInstanceState", httpStatus: 500, message: "state.jobs[3].createdAt must be an ISO 8601 instant" } as const;
 * expect(toErrorResponse(internal, "r-2", { hideInternalDetails: true }).Message).toBe(
 *   "The service could not decide this request; quote RequestId r-2 to its operator (rule state.invalid)",
 * );
 * ```
 */
export function toErrorResponse(error: Violation<string>, requestId: string, options?: ErrorResponseOptions): ErrorResponse {
  const id = typeof requestId === "string" ? requestId : "";
  const violation = readViolation(error);
  if (violation === undefined) {
    return {
      RequestId: id,
      Code: "InternalError",
      Message: "toErrorResponse was given something that is not a Violation",
      HttpStatus: 500,
    };
  }
  const hidden = violation.httpStatus >= 500 && hidesInternalDetails(options);
  const message = hidden ? `The service could not decide this request; quote RequestId ${id} to its operator` : violation.message;
  return { RequestId: id, Code: violation.code, Message: `${message} (rule ${violation.rule})`, HttpStatus: violation.httpStatus };
}

/** Whether the options ask to hide internal detail; anything but an own `true` leaves it shown. */
function hidesInternalDetails(options: unknown): boolean {
  try {
    return (
      typeof options === "object" &&
      options !== null &&
      ownValue(options as Readonly<Record<string, unknown>>, "hideInternalDetails") === true
    );
  } catch {
    return false;
  }
}

function readViolation(value: unknown): Violation<string> | undefined {
  try {
    if (typeof value !== "object" || value === null) return undefined;
    // Own properties only: fields set on Object.prototype do not make a violation.
    const record = value as Readonly<Record<string, unknown>>;
    const rule = ownValue(record, "rule");
    const code = ownValue(record, "code");
    const httpStatus = ownValue(record, "httpStatus");
    const message = ownValue(record, "message");
    if (typeof rule !== "string" || typeof code !== "string" || typeof message !== "string") return undefined;
    if (typeof httpStatus !== "number" || !Number.isInteger(httpStatus)) return undefined;
    return { rule, code, httpStatus, message };
  } catch {
    return undefined;
  }
}
