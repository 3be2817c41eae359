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
    description:
      "The path is none of the server's: the RPC API at `/`, the admin API under `/admin/instances/`, `/healthz` and `/metrics`.",
  },
  "http.method-not-allowed": {
    code: "MethodNotAllowed",
    httpStatus: 405,
    title: "The route takes the method",
    description:
      "The path exists but does not take this method; the `Allow` header lists those it takes. There are no HEAD routes: a HEAD of `GET /?Action=CreateBackup` must not queue a backup.",
  },
  "http.body-too-large": {
    code: "EntityTooLarge",
    httpStatus: 413,
    title: "The body is at most 64 KiB",
    description: "The server reads no body over 64 KiB.",
  },
  "http.url-malformed": {
    code: "InvalidParameter",
    httpStatus: 400,
    title: "The URL can be read",
    description: "The request line cannot be decoded (a broken percent-encoding, for example).",
  },
  "http.body-malformed": {
    code: "InvalidParameter",
    httpStatus: 400,
    title: "The body can be read",
    description:
      "The body cannot be read, or an admin body is not a JSON object with the fields its route takes (the registration's five, or `status`).",
  },
  "http.header-invalid": {
    code: "InvalidParameter",
    httpStatus: 400,
    title: "The Idempotency-Key header is a valid key",
    description:
      "The rule set refuses the `Idempotency-Key` header as `context.idempotencyKey` (rule 1): a caller's mistake, answered before the store is read.",
  },
  "http.client-token-invalid": {
    code: "InvalidParameter",
    httpStatus: 400,
    title: "The ClientToken parameter is a valid key",
    description:
      "`ClientToken` (Alibaba Cloud's name for the idempotency key, 1 to 64 printable ASCII characters) is given more than once, or the rule set refuses it as `context.idempotencyKey` (rule 1): a caller's mistake, answered before the store is read.",
  },
  "http.idempotency-key-conflict": {
    code: "IdempotencyKeyConflict",
    httpStatus: 400,
    title: "ClientToken and Idempotency-Key agree",
    description:
      "The call gives both the `ClientToken` parameter and the `Idempotency-Key` header, with different keys: give one of them (or the same key in both).",
  },
  "http.shutting-down": {
    code: "ServiceUnavailable",
    httpStatus: 503,
    title: "The server is serving",
    description:
      "The server is shutting down: it finishes the requests in flight, and a request that arrives on a connection still open gets this answer. Send it again, to another replica.",
  },
  "http.internal-error": {
    code: "InternalError",
    httpStatus: 500,
    title: "The server answers",
    description: "A fault of the server itself, logged under the RequestId; never the caller's mistake.",
  },
  "http.header-repeated": {
    code: "InvalidParameter",
    httpStatus: 400,
    title: "Each header the server reads is sent once",
    description:
      "A header the server reads (`Host`, `Origin`, `Sec-Fetch-Site`, `Content-Type`, `Authorization`, `Idempotency-Key`, any `x-acs-*`) is sent more than once: refused rather than one copy chosen, since a proxy or a signer may have read the other. Checked before any rule.",
  },
  "http.host-not-allowed": {
    code: "Forbidden.HostNotAllowed",
    httpStatus: 403,
    title: "The Host is the server's own",
    description:
      "The `Host` header names neither a loopback name or address, nor the address the request arrived on or the server listens on, nor one of the allowed hosts (`allowedHosts`): a web page reaching the server through a name it controls (DNS rebinding) is refused. Checked before any rule, on every route.",
  },
  "http.cross-site": {
    code: "Forbidden.CrossSite",
    httpStatus: 403,
    title: "The request does not come from another site's page",
    description:
      "A browser says the request comes from another site (`Sec-Fetch-Site: cross-site` or `same-site`) or from a page whose `Origin` is not the server's own: refused, so no web page can drive the server through a visitor's browser. SDKs and tools send neither header. Checked before any rule, on every route.",
  },
  "http.unsupported-media-type": {
    code: "UnsupportedMediaType",
    httpStatus: 415,
    title: "An admin body is JSON",
    description:
      "The admin API takes only `Content-Type: application/json` bodies, which a browser cannot send to another site without asking first (a `text/plain` or form POST can be sent from any page).",
  },
  "http.headers-too-large": {
    code: "RequestHeaderFieldsTooLarge",
    httpStatus: 431,
    title: "The headers fit",
    description: "The request's headers are larger than Node.js reads (16 KiB by default); the connection is closed after the answer.",
  },
  "http.request-malformed": {
    code: "BadRequest",
    httpStatus: 400,
    title: "The request is HTTP",
    description:
      "The request cannot be read as HTTP/1.1 (a request line or header Node.js refuses, or no `Host` header); the connection is closed after the answer.",
  },
  "http.request-timeout": {
    code: "RequestTimeout",
    httpStatus: 408,
    title: "The request arrives in time",
    description: "The request did not arrive in full within 30 seconds; the connection is closed after the answer.",
  },
  "signature.access-key-not-found": {
    code: "InvalidAccessKeyId.NotFound",
    httpStatus: 403,
    title: "The call is signed by a known access key",
    description:
      "With access keys configured (`--access-keys-file`): the call is not signed, or its access key id is not in the file. Checked before any rule.",
  },
  "signature.mismatch": {
    code: "SignatureDoesNotMatch",
    httpStatus: 403,
    title: "The signature holds",
    description:
      "With access keys configured (`--access-keys-file`): the signature (V3 `ACS3-HMAC-SHA256` or V1 `HMAC-SHA1`) is not the one the key gives for this call; a signed header or parameter is missing; part of the call is left unsigned (an `x-acs-*` header, a body's `content-type`, an `Idempotency-Key` header); the nonce is not 1 to 128 printable ASCII characters; or the signed date is more than 15 minutes from the server's clock. Checked before any rule.",
  },
  "signature.nonce-used": {
    code: "SignatureNonceUsed",
    httpStatus: 403,
    title: "The nonce is fresh",
    description:
      "With access keys configured (`--access-keys-file`): the access key already signed a call with this nonce within the 15-minute window. Checked before any rule.",
  },
  "signature.nonces-full": {
    code: "ServiceUnavailable",
    httpStatus: 503,
    title: "The nonce memory has room",
    description:
      "With access keys configured and nonces kept in memory: the server holds as many nonces as it may (each until its signed date leaves the 15-minute window), so a new signed call is refused rather than a nonce forgotten early. Retry later; with a PostgreSQL store the nonces are kept there instead.",
  },
  "admin.token-missing": {
    code: "Unauthorized",
    httpStatus: 401,
    title: "The admin call carries a bearer token",
    description: "With an admin token configured (`--admin-token-file`): the admin call has no `Authorization: Bearer <token>` header.",
  },
  "admin.token-wrong": {
    code: "Forbidden",
    httpStatus: 403,
    title: "The bearer token is the admin token",
    description:
      "With an admin token configured (`--admin-token-file`): the bearer token is not the admin token (compared in constant time).",
  },
  "describe.parameter-missing": {
    code: "MissingParameter",
    httpStatus: 400,
    title: "DescribeBackupTasks names the instance",
    description: "DescribeBackupTasks without `DBInstanceId`.",
  },
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
