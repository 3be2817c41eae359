import { NUMERIC_PARAMETERS } from "../domain/vocabulary";
import { describeValue } from "../text/describe";
import { parseSafely, reject, type Parsed } from "./parsed";

/** One request parameter as received: a string value, or how it is malformed (rule 4). */
export type RawParameter =
  | { readonly kind: "value"; readonly value: string }
  | { readonly kind: "repeated"; readonly count: number }
  | { readonly kind: "wrong-type"; readonly received: string };

/** The request's parameters by name, in the order received. A `Map`, so no name can reach a prototype. */
export type RawParameters = ReadonlyMap<string, RawParameter>;

/**
 * Parses an untrusted request — a query string (a leading `?` allowed), a `URLSearchParams` or a
 * plain object — into its parameters. Fails only when the request is none of the three
 * (rule 3); a value of the wrong type or a repeated name is recorded per parameter for rule 4.
 * Never throws.
 *
 * @example
 * ```ts
 * import { parseRequest } from "./parse-request";
 *
 * const parsed = parseRequest("?Action=CreateBackup&DBName=a&DBName=b");
 * expect(parsed.ok && parsed.value.get("Action")).toEqual({ kind: "value", value: "CreateBackup" });
 * expect(parsed.ok && parsed.value.get("DBName")).toEqual({ kind: "repeated", count: 2 });
 * expect(parseRequest(42).ok).toBe(false);
 * ```
 */
export function parseRequest(request: unknown): Parsed<RawParameters> {
  return parseSafely("request", readRequest, request);
}

function readRequest(request: unknown): RawParameters {
  if (typeof request === "string") return fromQueryString(request);
  if (request instanceof URLSearchParams) return fromSearchParams(request);
  if (isPlainObject(request)) return fromObject(request);
  return reject(
    "request",
    `The request must be a query string, a URLSearchParams or a plain object of parameters; received ${describeValue(request)}`,
  );
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * `URLSearchParams.prototype.forEach` as it was when the library loaded. It reads the list of
 * name-value pairs the object holds, which are strings by construction, so a `URLSearchParams`
 * is read as what it is: its iterator, `entries` or `forEach`, replaced on the object or on a
 * subclass, are never called (they could yield anything, or never end). An object that only
 * inherits from `URLSearchParams.prototype` has no list: reading it throws, and `parseSafely`
 * turns that into rule 3.
 */
const forEachParameter: (this: URLSearchParams, callback: (value: string, name: string) => void) => void =
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept unbound on purpose, called with .call(search, …)
  URLSearchParams.prototype.forEach;

function fromSearchParams(search: URLSearchParams): RawParameters {
  const parameters = new Map<string, RawParameter>();
  forEachParameter.call(search, (value, name) => add(parameters, name, { kind: "value", value }));
  return parameters;
}

/**
 * A query string's parameters. Without `%` or `+` nothing is decoded, and the string splits on
 * `&` and the first `=` exactly as `URLSearchParams` splits it (a leading `?` dropped, empty pieces
 * skipped, a piece without `=` a name with an empty value): read in place, without building a
 * `URLSearchParams` and its list. Any other string goes through `URLSearchParams`.
 */
function fromQueryString(query: string): RawParameters {
  if (query.includes("%") || query.includes("+")) return fromSearchParams(new URLSearchParams(query));
  const parameters = new Map<string, RawParameter>();
  let start = query.startsWith("?") ? 1 : 0;
  while (start <= query.length) {
    let end = query.indexOf("&", start);
    if (end === -1) end = query.length;
    if (end > start) {
      const equals = query.indexOf("=", start);
      const name = equals === -1 || equals > end ? query.slice(start, end) : query.slice(start, equals);
      const value = equals === -1 || equals > end ? "" : query.slice(equals + 1, end);
      add(parameters, name, { kind: "value", value });
    }
    start = end + 1;
  }
  return parameters;
}

function fromObject(record: Readonly<Record<string, unknown>>): RawParameters {
  const parameters = new Map<string, RawParameter>();
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (value === undefined) continue;
    add(parameters, name, toRawParameter(name, value));
  }
  return parameters;
}

function toRawParameter(name: string, value: unknown): RawParameter {
  if (typeof value === "string") return { kind: "value", value };
  if (typeof value === "number" && NUMERIC_PARAMETERS.has(name)) return { kind: "value", value: String(value) };
  return { kind: "wrong-type", received: describeValue(value) };
}

function add(parameters: Map<string, RawParameter>, name: string, parameter: RawParameter): void {
  const earlier = parameters.get(name);
  if (earlier === undefined) {
    parameters.set(name, parameter);
  } else {
    parameters.set(name, { kind: "repeated", count: earlier.kind === "repeated" ? earlier.count + 1 : 2 });
  }
}
