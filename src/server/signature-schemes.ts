import type { Violation } from "../index";
import { edgeError, type EdgeErrorId } from "./edge-errors";
import { isSignatureNonce } from "./nonces";
import { sameText } from "./same-text";
import {
  headerText,
  hmacSha1Base64,
  hmacSha256Hex,
  parseAuthorization,
  sha256Hex,
  v1StringToSign,
  v3StringToSign,
  type ReceivedCall,
} from "./signed-text";

/** Who signed a call whose signature holds, and with which scheme. */
export interface SignedBy {
  readonly ok: true;
  readonly accessKeyId: string;
  /** `V3` (`ACS3-HMAC-SHA256`, in the Authorization header) or `V1` (`HMAC-SHA1`, in the parameters). */
  readonly scheme: "V3" | "V1";
}

/**
 * Whether a call's signature holds for one of the keys, by its scheme (V3 in the Authorization
 * header, V1 in the parameters), before its freshness is judged: the signed date and the nonce it
 * returns are what `signatureVerifier` then checks against the clock and the nonce store.
 *
 * @example
 * ```ts
 * import { checkSignature } from "./signature-schemes";
 *
 * const call = { method: "GET", path: "/", query: [["Action", "CreateBackup"]], form: [], headers: {}, body: new Uint8Array() } as const;
 * expect(checkSignature(call, new Map([["AK1", "secret"]]))).toMatchObject({ ok: false, error: { code: "InvalidAccessKeyId.NotFound" } });
 * ```
 */
export function checkSignature(call: ReceivedCall, keys: ReadonlyMap<string, string>): Signed | Refused {
  const authorization = headerText(call.headers, "authorization");
  if (authorization !== undefined && authorization.startsWith("ACS3-")) return verifyV3(call, authorization, keys);
  const params = [...call.query, ...(call.method === "POST" ? call.form : [])];
  if (params.some(([name]) => name === "Signature" || name === "AccessKeyId" || name === "SignatureMethod"))
    return verifyV1(call, params, keys);
  return refuse(
    "signature.access-key-not-found",
    "The call is not signed: sign it with one of the configured access keys (signature V3, ACS3-HMAC-SHA256, or V1, HMAC-SHA1)",
  );
}

function verifyV3(call: ReceivedCall, authorization: string, keys: ReadonlyMap<string, string>): Signed | Refused {
  const parsed = parseAuthorization(authorization);
  if (typeof parsed === "string") return refuse("signature.mismatch", parsed);
  const secret = keys.get(parsed.accessKeyId);
  if (secret === undefined) return unknownKey(parsed.accessKeyId);
  const gap = v3Gap(call, parsed.signedHeaders);
  if (gap !== undefined) return refuse("signature.mismatch", gap);
  const nonce = signedNonce(headerText(call.headers, "x-acs-signature-nonce"), "x-acs-signature-nonce");
  if (typeof nonce !== "string") return nonce;
  const payloadHash = sha256Hex(call.body);
  const declared = headerText(call.headers, "x-acs-content-sha256");
  if (declared !== undefined && declared !== payloadHash)
    return refuse("signature.mismatch", "The header x-acs-content-sha256 is not the SHA-256 of the body sent");
  const expected = hmacSha256Hex(secret, v3StringToSign(call, parsed.signedHeaders, payloadHash));
  if (!sameText(expected, parsed.signature)) return mismatch(parsed.accessKeyId);
  return {
    ok: true,
    accessKeyId: parsed.accessKeyId,
    scheme: "V3",
    date: headerText(call.headers, "x-acs-date"),
    dateName: "x-acs-date",
    nonce,
    nonceName: "x-acs-signature-nonce",
  };
}

function verifyV1(call: ReceivedCall, params: readonly (readonly [string, string])[], keys: ReadonlyMap<string, string>): Signed | Refused {
  const single = (name: string): string | undefined => {
    const values = params.filter(([key]) => key === name);
    return values.length === 1 ? values[0]![1] : undefined;
  };
  const accessKeyId = single("AccessKeyId");
  const signature = single("Signature");
  if (accessKeyId === undefined || signature === undefined) {
    return refuse("signature.access-key-not-found", "A V1 signed call needs exactly one AccessKeyId and one Signature parameter");
  }
  const secret = keys.get(accessKeyId);
  if (secret === undefined) return unknownKey(accessKeyId);
  if (single("SignatureMethod") !== "HMAC-SHA1") return refuse("signature.mismatch", "SignatureMethod must be HMAC-SHA1 (signature V1)");
  const version = single("SignatureVersion");
  if (version !== undefined && version !== "1.0") return refuse("signature.mismatch", "SignatureVersion must be 1.0 (signature V1)");
  if (headerText(call.headers, "idempotency-key") !== undefined) {
    return refuse(
      "signature.mismatch",
      "A V1 signature covers the parameters only, not the Idempotency-Key header: send the key as the ClientToken parameter",
    );
  }
  const nonce = signedNonce(single("SignatureNonce"), "SignatureNonce");
  if (typeof nonce !== "string") return nonce;
  const expected = hmacSha1Base64(
    `${secret}&`,
    v1StringToSign(
      call.method,
      params.filter(([name]) => name !== "Signature"),
    ),
  );
  if (!sameText(expected, signature)) return mismatch(accessKeyId);
  return { ok: true, accessKeyId, scheme: "V1", date: single("Timestamp"), dateName: "Timestamp", nonce, nonceName: "SignatureNonce" };
}

/** A signature that holds, with what its freshness is judged on (the signed date and nonce). */
export interface Signed extends SignedBy {
  readonly date: string | undefined;
  readonly dateName: string;
  readonly nonce: string;
  readonly nonceName: string;
}

export type Refused = { readonly ok: false; readonly error: Violation<string> };

/**
 * Why a V3 signature leaves part of the call open to change, or undefined: an `x-acs-*` header not
 * signed, a signed header the request does not carry, a body without its content-type signed, an
 * `Idempotency-Key` header not signed.
 */
function v3Gap(call: ReceivedCall, signedHeaders: readonly string[]): string | undefined {
  const signed = new Set(signedHeaders);
  const unsigned = Object.keys(call.headers)
    .filter((name) => name.startsWith("x-acs-") && !signed.has(name))
    .sort();
  if (unsigned.length > 0) return `The header ${unsigned[0]} is not among the SignedHeaders of the Authorization header`;
  const absent = signedHeaders.find((name) => headerText(call.headers, name) === undefined);
  if (absent !== undefined)
    return `The signed header ${JSON.stringify(absent.slice(0, 64))} is not in the request: SignedHeaders names headers the call carries`;
  if (call.body.length > 0 && !signed.has("content-type")) {
    return "A call with a body must have its content-type among the SignedHeaders: unsigned, the same body could be re-sent as another type and read as other parameters";
  }
  if (headerText(call.headers, "idempotency-key") !== undefined && !signed.has("idempotency-key")) {
    return "The Idempotency-Key header is not among the SignedHeaders of the Authorization header: sign it, or send the key as the ClientToken parameter";
  }
  return undefined;
}

/** The signed call's nonce, or the refusal of a missing or malformed one (before anything remembers it). */
function signedNonce(nonce: string | undefined, nonceName: string): string | Refused {
  if (nonce === undefined || nonce === "")
    return refuse("signature.mismatch", `${nonceName} is missing: every signed call needs a fresh nonce`);
  if (!isSignatureNonce(nonce)) {
    const found = nonce.length > 128 ? `${nonce.length} characters` : "a character outside space to ~";
    return refuse("signature.mismatch", `${nonceName} must be 1 to 128 printable ASCII characters; received ${found}`);
  }
  return nonce;
}

/** A refusal of a signed call, as one of the server's `signature.*` outcomes. */
export function refuse(id: Extract<EdgeErrorId, `signature.${string}`>, message: string): Refused {
  return { ok: false, error: edgeError(id, message) };
}

const unknownKey = (accessKeyId: string) =>
  refuse(
    "signature.access-key-not-found",
    `The access key ${JSON.stringify(accessKeyId.slice(0, 128))} is not one of the server's access keys`,
  );

const mismatch = (accessKeyId: string) =>
  refuse(
    "signature.mismatch",
    `The signature is not the one access key ${accessKeyId} gives for this call: check the secret and how the call is signed`,
  );
