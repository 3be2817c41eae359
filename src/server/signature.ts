import type { Violation } from "../index";
import { memoryNonces, STORE_RULES, type NonceStore } from "../store/index";
import { checkSignature, refuse, type Signed, type SignedBy } from "./signature-schemes";
import { parseSignedDate, type ReceivedCall } from "./signed-text";

export type { ReceivedCall } from "./signed-text";
export type { SignedBy } from "./signature-schemes";
export { sameText } from "./same-text";

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
  return {
    verify: async (call, now) => {
      const checked = checkSignature(call, keys);
      return checked.ok ? fresh(checked, now, windowMs, nonces) : checked;
    },
  };
}

/** Whether a signature that holds is fresh: its date within the window, its nonce not used before (and remembered now). */
async function fresh(signed: Signed, now: Date, windowMs: number, nonces: NonceStore): Promise<SignatureCheck> {
  const { accessKeyId, scheme, date, dateName, nonce, nonceName } = signed;
  const minutes = windowMs / 60_000;
  const signedAt = parseSignedDate(date);
  if (signedAt === undefined) return refuse("signature.mismatch", `${dateName} is missing or not a UTC time like 2026-03-02T08:00:00Z`);
  if (Math.abs(now.getTime() - signedAt) > windowMs) {
    return refuse(
      "signature.mismatch",
      `${dateName} ${date ?? ""} is more than ${minutes} minutes from the server's time ${now.toISOString()}: sign the call again`,
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
      `The ${nonceName} ${nonce} was already used by access key ${accessKeyId} within ${minutes} minutes: send a fresh one`,
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

/** The nonce store rejected: `store.unavailable`, 503 (nothing was decided; the caller signs the call again). */
function nonceStoreUnavailable(thrown: unknown): Violation<"store.unavailable"> {
  const { code, httpStatus } = STORE_RULES.find((rule) => rule.id === "store.unavailable")!;
  const cause = thrown instanceof Error ? thrown.message : "the nonce store rejected";
  return {
    rule: "store.unavailable",
    code,
    httpStatus,
    message: `The store of signature nonces failed: ${cause.split("\n")[0]}; nothing was decided, so sign the call again and retry`,
  };
}
