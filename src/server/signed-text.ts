/**
 * The text a signature covers, as Alibaba Cloud's signers build it (V3 `ACS3-HMAC-SHA256` and V1
 * `HMAC-SHA1`), and the pieces of a received call it is read from. Internal to the server.
 */
import { createHash, createHmac } from "node:crypto";

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

/** The fields of a V3 `Authorization` header. */
export interface Authorization {
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** The V3 `Authorization` header read: its key id, signed header names (lower case, sorted, once each) and signature; or why it cannot be read. */
export function parseAuthorization(text: string): Authorization | string {
  const [algorithm, ...rest] = text.split(" ");
  if (algorithm !== "ACS3-HMAC-SHA256") return `the signature algorithm ${algorithm ?? ""} is not supported: sign with ACS3-HMAC-SHA256`;
  const fields = new Map(
    rest
      .join(" ")
      .split(",")
      .map((part) => {
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
export function v3StringToSign(call: ReceivedCall, signedHeaders: readonly string[], payloadHash: string): string {
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
export function v1StringToSign(method: string, params: readonly (readonly [string, string])[]): string {
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

/** `x-acs-date` or `Timestamp` as epoch milliseconds: UTC ISO 8601 to the second (or millisecond) with `Z`, else undefined. */
export function parseSignedDate(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/** A header's value, read from the request's own headers only (`constructor`, `__proto__`… are absent headers). */
export function headerText(headers: ReceivedCall["headers"], name: string): string | undefined {
  if (!Object.hasOwn(headers, name)) return undefined;
  const value: unknown = headers[name];
  if (typeof value === "string") return value;
  return Array.isArray(value) && value.every((each) => typeof each === "string") ? value.join(",") : undefined;
}

export const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
export const hmacSha256Hex = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex");
export const hmacSha1Base64 = (secret: string, text: string) => createHmac("sha1", secret).update(text).digest("base64");
