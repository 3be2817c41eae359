import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Violation } from "../index";
import { edgeError } from "./edge-errors";

/** A call as it arrived, for checking its signature: decoded parameters, raw body, lower-case header names. */
export interface ReceivedCall {
  readonly method: string;
  /** The path as sent, without the query string (`/` for the RPC API). */
  readonly path: string;
  /** The query string's parameters, decoded, in the order sent. */
  readonly query: readonly (readonly [string, string])[];
  /** A form body's parameters, decoded (empty for other bodies). */
  readonly form: readonly (readonly [string, string])[];
  /** The headers, names in lower case (as Node.js gives them). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body as received. */
  readonly body: Uint8Array;
}

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

/**
 * Checks signed calls against a set of access keys: signature V3 (`Authorization: ACS3-HMAC-SHA256
 * Credential=…,SignedHeaders=…,Signature=…`, every `x-acs-*` header signed, `x-acs-content-sha256`
 * the body's hash) and V1 (`SignatureMethod=HMAC-SHA1` and the other signature parameters). The
 * signed date must be within 15 minutes of `now`, and a nonce is accepted once per access key
 * while its date is in that window. Signatures are compared in constant time. The nonces are
 * remembered in this process only.
 *
 * @example
 * ```ts
 * import { signatureVerifier } from "rds-backup-rules/server";
 *
 * const verifier = signatureVerifier(new Map([["AK1", "secret"]]));
 * const unsigned = { method: "GET", path: "/", query: [["Action", "CreateBackup"]], form: [], headers: {}, body: new Uint8Array() } as const;
 * const check = verifier.verify(unsigned, new Date("2026-03-02T08:00:00Z"));
 * expect(!check.ok && check.error.code).toBe("InvalidAccessKeyId.NotFound");
 * ```
 */
export function signatureVerifier(keys: ReadonlyMap<string, string>, windowMs: number = SIGNATURE_WINDOW_MS) {
  const nonces = new NonceMemory();
  const verify = (call: ReceivedCall, now: Date): SignatureCheck => {
    const authorization = headerText(call.headers, "authorization");
    if (authorization !== undefined && authorization.startsWith("ACS3-")) return verifyV3(call, authorization, now);
    const params = [...call.query, ...(call.method === "POST" ? call.form : [])];
    if (params.some(([name]) => name === "Signature" || name === "AccessKeyId" || name === "SignatureMethod")) return verifyV1(call, params, now);
    return refuse("signature.access-key-not-found", "The call is not signed: sign it with one of the configured access keys (signature V3, ACS3-HMAC-SHA256, or V1, HMAC-SHA1)");
  };

  function verifyV3(call: ReceivedCall, authorization: string, now: Date): SignatureCheck {
    const parsed = parseAuthorization(authorization);
    if (typeof parsed === "string") return refuse("signature.mismatch", parsed);
    const secret = keys.get(parsed.accessKeyId);
    if (secret === undefined) return unknownKey(parsed.accessKeyId);
    const signed = new Set(parsed.signedHeaders);
    const unsigned = Object.keys(call.headers).filter((name) => name.startsWith("x-acs-") && !signed.has(name)).sort();
    if (unsigned.length > 0) return refuse("signature.mismatch", `The header ${unsigned[0]} is not among the SignedHeaders of the Authorization header`);
    const payloadHash = sha256Hex(call.body);
    const declared = headerText(call.headers, "x-acs-content-sha256");
    if (declared !== undefined && declared !== payloadHash) return refuse("signature.mismatch", "The header x-acs-content-sha256 is not the SHA-256 of the body sent");
    const expected = hmacSha256Hex(secret, v3StringToSign(call, parsed.signedHeaders, payloadHash));
    if (!sameText(expected, parsed.signature)) return mismatch(parsed.accessKeyId);
    return fresh(parsed.accessKeyId, "V3", headerText(call.headers, "x-acs-date"), "x-acs-date", headerText(call.headers, "x-acs-signature-nonce"), "x-acs-signature-nonce", now);
  }

  function verifyV1(call: ReceivedCall, params: readonly (readonly [string, string])[], now: Date): SignatureCheck {
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
    const expected = hmacSha1Base64(`${secret}&`, v1StringToSign(call.method, params.filter(([name]) => name !== "Signature")));
    if (!sameText(expected, signature)) return mismatch(accessKeyId);
    return fresh(accessKeyId, "V1", single("Timestamp"), "Timestamp", single("SignatureNonce"), "SignatureNonce", now);
  }

  function fresh(accessKeyId: string, scheme: "V3" | "V1", date: string | undefined, dateName: string, nonce: string | undefined, nonceName: string, now: Date): SignatureCheck {
    const signedAt = parseSignedDate(date);
    if (signedAt === undefined) return refuse("signature.mismatch", `${dateName} is missing or not a UTC time like 2026-03-02T08:00:00Z`);
    if (Math.abs(now.getTime() - signedAt) > windowMs) {
      return refuse("signature.mismatch", `${dateName} ${date ?? ""} is more than ${windowMs / 60_000} minutes from the server's time ${now.toISOString()}: sign the call again`);
    }
    if (nonce === undefined || nonce === "") return refuse("signature.mismatch", `${nonceName} is missing: every signed call needs a fresh nonce`);
    if (!nonces.remember(`${accessKeyId}\n${nonce}`, signedAt + windowMs, now.getTime())) {
      return refuse("signature.nonce-used", `The ${nonceName} ${nonce} was already used by access key ${accessKeyId} within ${windowMs / 60_000} minutes: send a fresh one`);
    }
    return { ok: true, accessKeyId, scheme };
  }

  return { verify };
}

function refuse(id: "signature.access-key-not-found" | "signature.mismatch" | "signature.nonce-used", message: string): SignatureCheck {
  return { ok: false, error: edgeError(id, message) };
}

const unknownKey = (accessKeyId: string) =>
  refuse("signature.access-key-not-found", `The access key ${JSON.stringify(accessKeyId)} is not one of the server's access keys`);

const mismatch = (accessKeyId: string) =>
  refuse("signature.mismatch", `The signature is not the one access key ${accessKeyId} gives for this call: check the secret and how the call is signed`);

/** Nonces seen, each until the end of its date's window; expired ones are swept as new ones arrive. */
class NonceMemory {
  private readonly until = new Map<string, number>();
  private nextSweep = 0;

  remember(key: string, until: number, now: number): boolean {
    if (now >= this.nextSweep) {
      for (const [seen, end] of this.until) if (end < now) this.until.delete(seen);
      this.nextSweep = now + 10_000;
    }
    const known = this.until.get(key);
    if (known !== undefined && known >= now) return false;
    this.until.set(key, until);
    return true;
  }
}

interface Authorization {
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

function parseAuthorization(text: string): Authorization | string {
  const [algorithm, ...rest] = text.split(" ");
  if (algorithm !== "ACS3-HMAC-SHA256") return `the signature algorithm ${algorithm ?? ""} is not supported: sign with ACS3-HMAC-SHA256`;
  const fields = new Map(
    rest.join(" ").split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (accessKeyId === undefined || accessKeyId === "" || signedHeaders === undefined || signature === undefined) {
    return "the Authorization header needs Credential, SignedHeaders and Signature";
  }
  const names = signedHeaders.split(";").map((name) => name.trim().toLowerCase());
  for (const required of ["x-acs-date", "x-acs-signature-nonce"]) {
    if (!names.includes(required)) return `the SignedHeaders of the Authorization header must include ${required}`;
  }
  return { accessKeyId, signedHeaders: [...new Set(names)].sort(), signature };
}

/** The V3 string to sign: the algorithm and the SHA-256 of the canonical request. */
function v3StringToSign(call: ReceivedCall, signedHeaders: readonly string[], payloadHash: string): string {
  const query = call.query
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  const headers = signedHeaders.map((name) => `${name}:${(headerText(call.headers, name) ?? "").trim()}\n`).join("");
  const canonical = [call.method, call.path, query, headers, signedHeaders.join(";"), payloadHash].join("\n");
  return `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`;
}

/** The V1 string to sign: the method, the encoded path `/` and the sorted, encoded parameters. */
function v1StringToSign(method: string, params: readonly (readonly [string, string])[]): string {
  const canonical = params
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  return `${method}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

/** Percent-encoding as Alibaba Cloud signs (RFC 3986: letters, digits, `-_.~` stay). */
function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return "\u{FFFD}"; // a lone surrogate: no signer produces it, so the signature cannot match
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function parseSignedDate(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

function headerText(headers: ReceivedCall["headers"], name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : value === undefined ? undefined : value.join(",");
}

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
const hmacSha256Hex = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex");
const hmacSha1Base64 = (secret: string, text: string) => createHmac("sha1", secret).update(text).digest("base64");

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
