/**
 * The request decoded into its parameters, as a service's HTTP layer hands them over: what the
 * floor validator starts from ("already-typed input"), and what the json-rules-engine adapter
 * computes before its facts. `ok: false` is a request that is none of the three accepted forms.
 */
export type DecodedRequest =
  | { readonly ok: false }
  | {
      readonly ok: true;
      /** Each parameter's value; a malformed one (wrong type or repeated) is left out. */
      readonly values: ReadonlyMap<string, string>;
      /** Whether some parameter is of the wrong type or repeated (rule 4). */
      readonly malformed: boolean;
    };

const NUMERIC = new Set(["BackupRetentionPeriod", "ResourceOwnerId"]);

/** Decodes a query string, a URLSearchParams or a plain object of parameters. */
export function decodeRequest(request: unknown): DecodedRequest {
  if (typeof request === "string") return fromPairs(new URLSearchParams(request));
  if (request instanceof URLSearchParams) return fromPairs(request);
  if (typeof request !== "object" || request === null) return { ok: false };
  const prototype: unknown = Object.getPrototypeOf(request);
  if (prototype !== Object.prototype && prototype !== null) return { ok: false };
  const values = new Map<string, string>();
  let malformed = false;
  const record = request as Readonly<Record<string, unknown>>;
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (typeof value === "string") values.set(name, value);
    else if (typeof value === "number" && NUMERIC.has(name)) values.set(name, String(value));
    else if (value !== undefined) malformed = true;
  }
  return { ok: true, values, malformed };
}

function fromPairs(pairs: URLSearchParams): DecodedRequest {
  const values = new Map<string, string>();
  let malformed = false;
  for (const [name, value] of pairs) {
    if (values.has(name)) malformed = true;
    else values.set(name, value);
  }
  return { ok: true, values, malformed };
}
