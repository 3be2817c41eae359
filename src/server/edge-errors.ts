import type { RuleInfo, Violation } from "../index";

/**
 * What the server itself refuses, before or around the rule set: the transport (route, method,
 * body), the caller's signature, the admin token, the DescribeBackupTasks parameters. Each is a
 * violation like the rule set's own (an id, an Alibaba Cloud code, an HTTP status, a message built
 * at the point of refusal), so every answer uses the same error body. docs/rules.md lists them.
 */
export const EDGE_ERRORS = {
  "http.route-not-found": {
    code: "NotFound",
    httpStatus: 404,
    title: "The route exists",
    description: "The path is none of the server's: the RPC API at `/`, the admin API under `/admin/instances/`, `/healthz` and `/metrics`.",
  },
  "http.method-not-allowed": {
    code: "MethodNotAllowed",
    httpStatus: 405,
    title: "The route takes the method",
    description: "The path exists but does not take this method; the `Allow` header lists those it takes. There are no HEAD routes: a HEAD of `GET /?Action=CreateBackup` must not queue a backup.",
  },
  "http.body-too-large": { code: "EntityTooLarge", httpStatus: 413, title: "The body is at most 64 KiB", description: "The server reads no body over 64 KiB." },
  "http.url-malformed": { code: "InvalidParameter", httpStatus: 400, title: "The URL can be read", description: "The request line cannot be decoded (a broken percent-encoding, for example)." },
  "http.body-malformed": {
    code: "InvalidParameter",
    httpStatus: 400,
    title: "The body can be read",
    description: "The body cannot be read, or an admin body is not a JSON object with the fields its route takes (the registration's five, or `status`).",
  },
  "http.header-invalid": {
    code: "InvalidParameter",
    httpStatus: 400,
    title: "The Idempotency-Key header is a valid key",
    description: "The rule set refuses the `Idempotency-Key` header as `context.idempotencyKey` (rule 1): a caller's mistake, answered before the store is read.",
  },
  "http.shutting-down": {
    code: "ServiceUnavailable",
    httpStatus: 503,
    title: "The server is serving",
    description: "The server is shutting down: it finishes the requests in flight, and a request that arrives on a connection still open gets this answer. Send it again, to another replica.",
  },
  "http.internal-error": { code: "InternalError", httpStatus: 500, title: "The server answers", description: "A fault of the server itself, logged under the RequestId; never the caller's mistake." },
  "signature.access-key-not-found": {
    code: "InvalidAccessKeyId.NotFound",
    httpStatus: 403,
    title: "The call is signed by a known access key",
    description: "With `--access-keys-file`: the call is not signed, or its access key id is not in the file. Checked before any rule.",
  },
  "signature.mismatch": {
    code: "SignatureDoesNotMatch",
    httpStatus: 403,
    title: "The signature holds",
    description:
      "With `--access-keys-file`: the signature (V3 `ACS3-HMAC-SHA256` or V1 `HMAC-SHA1`) is not the one the key gives for this call, a signed header or parameter is missing, or the signed date is more than 15 minutes from the server's clock. Checked before any rule.",
  },
  "signature.nonce-used": {
    code: "SignatureNonceUsed",
    httpStatus: 403,
    title: "The nonce is fresh",
    description: "With `--access-keys-file`: the access key already signed a call with this nonce within the 15-minute window. Checked before any rule.",
  },
  "admin.token-missing": {
    code: "Unauthorized",
    httpStatus: 401,
    title: "The admin call carries a bearer token",
    description: "With `--admin-token-file`: the admin call has no `Authorization: Bearer <token>` header.",
  },
  "admin.token-wrong": { code: "Forbidden", httpStatus: 403, title: "The bearer token is the admin token", description: "With `--admin-token-file`: the bearer token is not the admin token (compared in constant time)." },
  "describe.parameter-missing": { code: "MissingParameter", httpStatus: 400, title: "DescribeBackupTasks names the instance", description: "DescribeBackupTasks without `DBInstanceId`." },
  "describe.parameter-invalid": {
    code: "InvalidParameter",
    httpStatus: 400,
    title: "DescribeBackupTasks' filters are valid",
    description: "A DescribeBackupTasks parameter is given twice, or `BackupJobStatus` is not a job status.",
  },
} as const satisfies Record<string, { code: string; httpStatus: number; title: string; description: string }>;

/** The id of one of the server's own refusals. */
export type EdgeErrorId = keyof typeof EDGE_ERRORS;

/**
 * The server's own refusals in the shape of `RULES` (id, code, HTTP status, title, description);
 * frozen. docs/rules.md lists them in their own section.
 *
 * @example
 * ```ts
 * import { SERVER_RULES } from "rds-backup-rules/server";
 *
 * expect(SERVER_RULES.find((rule) => rule.id === "signature.nonce-used")).toMatchObject({ code: "SignatureNonceUsed", httpStatus: 403 });
 * expect(Object.isFrozen(SERVER_RULES) && Object.isFrozen(SERVER_RULES[0])).toBe(true);
 * ```
 */
export const SERVER_RULES: readonly (RuleInfo & { readonly id: EdgeErrorId })[] = Object.freeze(
  (Object.keys(EDGE_ERRORS) as EdgeErrorId[]).map((id) => Object.freeze({ id, ...EDGE_ERRORS[id] })),
);

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
export function edgeError(id: EdgeErrorId, message: string): Violation<EdgeErrorId> {
  const { code, httpStatus } = EDGE_ERRORS[id];
  return { rule: id, code, httpStatus, message };
}
