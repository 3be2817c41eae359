import { createHash, timingSafeEqual } from "node:crypto";
import type { Violation } from "../index";
import { edgeError, type EdgeErrorId } from "./edge-errors";
import { memoryNonces, type NonceStore } from "../store/index";
import { isSignatureNonce } from "./nonces";
import {
  headerText,
  hmacSha1Base64,
  hmacSha256Hex,
  parseAuthorization,
  parseSignedDate,
  sha256Hex,
  v1StringToSign,
  v3StringToSign,
  type ReceivedCall,
} from "./signed-text";

export type { ReceivedCall } from "./signed-text";

/** A signature that holds: who signed, and with which scheme. */
export interface SignedBy {
  readonly ok: true;
  readonly accessKeyId: string;
  /** `V3` (`ACS3-HMAC-SHA256`, in the Authorization header) or `V1` (`HMAC-SHA1`, in the parameters). */
  readonly scheme: "V3" | "V1";
}

/** The outcome of checking a call's signature. */
export type SignatureCheck = SignedBy | { readonly ok: false; readonly error: Violation<string> };

/** How far a signed date may be from the server's clock: 15 minutes, either way. */
export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

/** What a verifier checks with, beyond the access keys. */
export interface VerifierOptions {
  /** How far a signed date may be from the server's clock; default 15 minutes. */
  readonly windowMs?: number;
  /** Where accepted nonces are remembered; default a bounded memory of this process (`memoryNonces()` of the store entry). */
  readonly nonces?: NonceStore;
}

/** Checks a received call's signature at a given time; never rejects. */
export interface SignatureVerifier {
  readonly verify: (call: ReceivedCall, now: Date) => Promise<SignatureCheck>;
}

/**
 * Checks signed calls against a set of access keys: signature V3 (`Authorization: ACS3-HMAC-SHA256
 * Credential=…,SignedHeaders=…,Signature=…`, every `x-acs-*` header signed, with a body its
 * `content-type` signed too, `x-acs-content-sha256` the body's hash; the signed header names are
 * read as the request's own headers) and V1 (`SignatureMethod=HMAC-SHA1` and the other signature
 * parameters). An `Idempotency-Key` header must be signed (V3; a V1 signature cannot cover it). The
 * signed date must be within 15 minutes of `now`, and a nonce (1 to 128 printable ASCII characters)
 * is accepted once per access key while its date is in that window, remembered in `nonces`: a
 * full memory refuses the call (503) rather than forget a nonce early. Signatures are compared in
 * constant time.
 *
 * @example
 * ```ts
 * import { signatureVerifier } from "rds-backup-rules/server";
 *
 * const verifier = signatureVerifier(new Map([["AK1", "secret"]]));
 * const unsigned = { method: "GET", path: "/", query: [["Action", "CreateBackup"]], form: [], headers: {}, body: new Uint8Array() } as const;
 * const check = await verifier.verify(unsigned, new Date("2026-03-02T08:00:00Z"));
 * expect(!check.ok && check.error.code).toBe("InvalidAccessKeyId.NotFound");
 * ```
 */
export function signatureVerifier(keys: ReadonlyMap<string, string>, options: VerifierOptions = {}): SignatureVerifier {
  const windowMs = options.windowMs ?? SIGNATURE_WINDOW_MS;
  const nonces = options.nonces ?? memoryNonces();

  const verify = async (call: ReceivedCall, now: Date): Promise<SignatureCheck> => {
    const checked = checkSignature(call);
    if (!checked.ok) return checked;
    return fresh(checked, now);
  };

  function checkSignature(call: ReceivedCall): Signed | Refused {
    const authorization = headerText(call.headers, "authorization");
    if (authorization !== undefined && authorization.startsWith("ACS3-")) return verifyV3(call, authorization);
    const params = [...call.query, ...(call.method === "POST" ? call.form : [])];
    if (params.some(([name]) => name === "Signature" || name === "AccessKeyId" || name === "SignatureMethod"))
      return verifyV1(call, params);
    return refuse(
      "signature.access-key-not-found",
      "The call is not signed: sign it with one of the configured access keys (signature V3, ACS3-HMAC-SHA256, or V1, HMAC-SHA1)",
    );
  }

  function verifyV3(call: ReceivedCall, authorization: string): Signed | Refused {
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

  function verifyV1(call: ReceivedCall, params: readonly (readonly [string, string])[]): Signed | Refused {
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

  async function fresh(signed: Signed, now: Date): Promise<SignatureCheck> {
    const { accessKeyId, scheme, date, dateName, nonce, nonceName } = signed;
    const signedAt = parseSignedDate(date);
    if (signedAt === undefined) return refuse("signature.mismatch", `${dateName} is missing or not a UTC time like 2026-03-02T08:00:00Z`);
    if (Math.abs(now.getTime() - signedAt) > windowMs) {
      return refuse(
        "signature.mismatch",
        `${dateName} ${date ?? ""} is more than ${windowMs / 60_000} minutes from the server's time ${now.toISOString()}: sign the call again`,
      );
    }
    let outcome;
    try {
      outcome = await nonces.remember(accessKeyId, nonce, new Date(signedAt + windowMs), now);
    } catch (error) {
      return { ok: false, error: nonceStoreUnavailable(error) };
    }
    if (outcome === "used") {
      return refuse(
        "signature.nonce-used",
        `The ${nonceName} ${nonce} was already used by access key ${accessKeyId} within ${windowMs / 60_000} minutes: send a fresh one`,
      );
    }
    if (outcome === "full") {
      return refuse(
        "signature.nonces-full",
        "The server remembers as many signature nonces as it may until some expire: send the call again later",
      );
    }
    return { ok: true, accessKeyId, scheme };
  }

  return { verify };
}

/** A signature that holds, with what its freshness is judged on (the signed date and nonce). */
interface Signed extends SignedBy {
  readonly date: string | undefined;
  readonly dateName: string;
  readonly nonce: string;
  readonly nonceName: string;
}

type Refused = { readonly ok: false; readonly error: Violation<string> };

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

function refuse(id: Extract<EdgeErrorId, `signature.${string}`>, message: string): Refused {
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

/** The nonce store rejected: `store.unavailable`, 503 (nothing was decided; the caller signs the call again). */
function nonceStoreUnavailable(thrown: unknown): Violation<"store.unavailable"> {
  const cause = thrown instanceof Error ? thrown.message : "the nonce store rejected";
  return {
    rule: "store.unavailable",
    code: "ServiceUnavailable",
    httpStatus: 503,
    message: `The store of signature nonces failed: ${cause.split("\n")[0]}; nothing was decided, so sign the call again and retry`,
  };
}

/**
 * Whether two secrets (a signature, a token) are equal, in time that does not depend on where they
 * differ or on their lengths: both are hashed first, and the hashes compared with `timingSafeEqual`.
 *
 * @example
 * ```ts
 * import { sameText } from "rds-backup-rules/server";
 *
 * expect(sameText("token-1", "token-1")).toBe(true);
 * expect(sameText("token-1", "token-2")).toBe(false);
 * expect(sameText("token-1", "")).toBe(false);
 * ```
 */
export function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}
