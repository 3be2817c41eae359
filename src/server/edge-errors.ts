import type { Violation } from "../index";

/**
 * What the server itself refuses, before or around the rule set: the transport (route, method,
 * body), the caller's signature, the admin token, the DescribeBackupTasks parameters. Each is a
 * violation like the rule set's own (an id, an Alibaba Cloud code, an HTTP status, a message built
 * from its details), so every answer uses the same error body. Catalogued in docs/decisions.md.
 */
export const EDGE_ERRORS = {
  "http.route-not-found": { code: "NotFound", httpStatus: 404 },
  "http.method-not-allowed": { code: "MethodNotAllowed", httpStatus: 405 },
  "http.body-too-large": { code: "EntityTooLarge", httpStatus: 413 },
  "http.url-malformed": { code: "InvalidParameter", httpStatus: 400 },
  "http.body-malformed": { code: "InvalidParameter", httpStatus: 400 },
  "http.header-invalid": { code: "InvalidParameter", httpStatus: 400 },
  "http.shutting-down": { code: "ServiceUnavailable", httpStatus: 503 },
  "http.internal-error": { code: "InternalError", httpStatus: 500 },
  "signature.access-key-not-found": { code: "InvalidAccessKeyId.NotFound", httpStatus: 403 },
  "signature.mismatch": { code: "SignatureDoesNotMatch", httpStatus: 403 },
  "signature.nonce-used": { code: "SignatureNonceUsed", httpStatus: 403 },
  "admin.token-missing": { code: "Unauthorized", httpStatus: 401 },
  "admin.token-wrong": { code: "Forbidden", httpStatus: 403 },
  "describe.parameter-missing": { code: "MissingParameter", httpStatus: 400 },
  "describe.parameter-invalid": { code: "InvalidParameter", httpStatus: 400 },
} as const satisfies Record<string, { code: string; httpStatus: number }>;

/** The id of one of the server's own refusals. */
export type EdgeErrorId = keyof typeof EDGE_ERRORS;

/**
 * The violation for one of the server's own refusals, with its message.
 *
 * @example
 * ```ts
 * import { edgeError } from "rds-backup-rules/server";
 *
 * expect(edgeError("signature.nonce-used", "the nonce n-1 was already used")).toEqual({
 *   rule: "signature.nonce-used", code: "SignatureNonceUsed", httpStatus: 403, message: "the nonce n-1 was already used",
 * });
 * ```
 */
export function edgeError(id: EdgeErrorId, message: string): Violation {
  const { code, httpStatus } = EDGE_ERRORS[id];
  return { rule: id, code, httpStatus, message };
}
