import type fc from "fast-check";
import { NUMERIC_PARAMETERS } from "../domain/vocabulary";

/**
 * Which requests to draw. `wire` limits them to what can arrive over HTTP: `"query"` a query
 * string, `"object"` a plain object whose every value is a string (a framework's parsed query),
 * `true` either of the two. Without it, every form the library takes is drawn, `URLSearchParams`
 * and number values included.
 */
export interface DrawOptions {
  readonly wire?: boolean | "query" | "object";
}

/** A request as it arrives over the wire: a query string, or an object of string values. */
export type WireRequest = string | Readonly<Record<string, string>>;

/** The request type drawn with the given options: `unknown` unless they limit it to the wire. */
export type RequestDrawn<Options extends DrawOptions | undefined> = Options extends { readonly wire: "query" }
  ? string
  : Options extends { readonly wire: "object" }
    ? Readonly<Record<string, string>>
    : Options extends { readonly wire: true }
      ? WireRequest
      : unknown;

/** The pairs a request carries, with its values as they would be sent as text; `undefined` when a value cannot be sent. */
function sentPairs(request: unknown): [string, string][] | undefined {
  if (typeof request === "string") return [...new URLSearchParams(request)];
  if (request instanceof URLSearchParams) return [...request];
  if (typeof request !== "object" || request === null) return undefined;
  const prototype: unknown = Object.getPrototypeOf(request);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(request)) {
    // An undefined value is an absent parameter; a number, where one is accepted, is sent as its text.
    if (value === undefined) continue;
    if (typeof value === "string") pairs.push([name, value]);
    else if (typeof value === "number" && NUMERIC_PARAMETERS.has(name)) pairs.push([name, String(value)]);
    else return undefined;
  }
  return pairs;
}

/**
 * The same request as it arrives over the wire in the chosen form, deciding alike: a query string
 * or a `URLSearchParams` as query text, an object with its number values as text. `undefined`
 * when it cannot arrive so (a value of another type, or a repeated name in an object).
 *
 * @example
 * ```ts
 * import { onTheWire } from "./wire";
 *
 * expect(onTheWire({ Action: "CreateBackup", BackupRetentionPeriod: 7 }, true)).toEqual({ Action: "CreateBackup", BackupRetentionPeriod: "7" });
 * expect(onTheWire(new URLSearchParams("Action=CreateBackup&DBName=a"), "object")).toEqual({ Action: "CreateBackup", DBName: "a" });
 * expect(onTheWire("Action=a&Action=b", "object")).toBeUndefined();
 * expect(onTheWire({ DBName: ["a"] }, true)).toBeUndefined();
 * ```
 */
export function onTheWire(request: unknown, wire: true | "query" | "object"): WireRequest | undefined {
  const pairs = sentPairs(request);
  if (pairs === undefined) return undefined;
  const asObject = wire === "object" || (wire === true && typeof request === "object");
  if (!asObject) return typeof request === "string" ? request : new URLSearchParams(pairs).toString();
  if (new Set(pairs.map(([name]) => name)).size !== pairs.length) return undefined;
  const record: Record<string, string> = Object.getPrototypeOf(request) === null ? (Object.create(null) as Record<string, string>) : {};
  for (const [name, value] of pairs) Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  return record;
}

/**
 * Cases limited to the requests the options allow: each request is written as it arrives over the
 * wire (`onTheWire`), and cases whose request cannot arrive so are dropped. Without `wire`, the
 * cases as they are.
 *
 * @example
 * ```ts
 * import { acceptedCase, sampleValues } from "rds-backup-rules/arbitraries";
 * import { onlyOnTheWire } from "./wire";
 *
 * const cases = sampleValues(onlyOnTheWire(acceptedCase(), { wire: "query" }), 20);
 * expect(cases.every((c) => typeof c.request === "string")).toBe(true);
 * ```
 */
export function onlyOnTheWire<Case extends { readonly request: unknown }>(
  cases: fc.Arbitrary<Case>,
  options: DrawOptions | undefined,
): fc.Arbitrary<Case> {
  const wire = options?.wire;
  if (wire === undefined || wire === false) return cases;
  return cases
    .map((drawn) => ({ drawn, request: onTheWire(drawn.request, wire) }))
    .filter(({ request }) => request !== undefined)
    .map(({ drawn, request }) => ({ ...drawn, request }));
}
