/**
 * Property 11 — request forms: a request is read as its form says it is. Requests in all three
 * forms hold parameters whose values are strings, numbers or any other JavaScript value, names
 * repeated or not; a `URLSearchParams` may carry an iterator, `entries` or `forEach` of its own
 * that yields anything. Every malformed parameter (a value that is not a string, or a number
 * where one is allowed; a repeated name) is reported: no such request is accepted, and
 * `parameter.malformed` names the first one in tie-break order. `createBackup`'s outcome is always
 * `listViolations`' first element, or acceptance when it is empty.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { expectEqual, expectIs } from "./support/expect-cheaply";
import { advanceBackupJob, createBackup, listViolations, type InstanceState } from "../src/index";
import { parseRequest } from "../src/input/parse-request";
import { check } from "./settings";
import { anyValue } from "./support/hostile";

const TABLE = [
  "Action",
  "DBInstanceId",
  "BackupMethod",
  "BackupStrategy",
  "DBName",
  "BackupType",
  "BackupRetentionPeriod",
  "ResourceOwnerId",
];
const NUMERIC = new Set(["BackupRetentionPeriod", "ResourceOwnerId"]);
const STATE: InstanceState = {
  instanceId: "rm-forms",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
  jobs: [],
};
const CONTEXT = { now: "2026-03-02T08:00:00Z", requestId: "r-forms" };

/** Tie-break order, written from its description: the table's parameters in table order, then code-unit order. */
function before(a: string, b: string): boolean {
  const [ra, rb] = [TABLE.indexOf(a), TABLE.indexOf(b)].map((rank) => (rank < 0 ? TABLE.length : rank)) as [number, number];
  return ra !== rb ? ra < rb : a < b;
}

const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TABLE, "RegionId", "Colour") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const GOOD_VALUES: ReadonlyMap<string, fc.Arbitrary<string>> = new Map([
  ["Action", fc.constant("CreateBackup")],
  ["DBInstanceId", fc.constant(STATE.instanceId)],
  ["BackupMethod", fc.constantFrom("Physical", "Logical", "physical")],
  ["BackupStrategy", fc.constantFrom("db", "instance")],
  ["DBName", fc.constantFrom("orders", "orders,orders")],
  ["BackupType", fc.constantFrom("Auto", "FullBackup")],
  ["BackupRetentionPeriod", fc.constantFrom("7", "30", "-1", "6")],
]);
/** A Map, not an object literal: a drawn name such as "toString" must not find Object.prototype's. */
const goodValue = (parameter: string) => GOOD_VALUES.get(parameter) ?? fc.string({ maxLength: 6 });
/** Pairs whose values are mostly good strings, sometimes numbers or anything at all. */
const pairs = fc.array(
  name.chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.oneof({ weight: 6, arbitrary: goodValue(n) }, { weight: 1, arbitrary: fc.double() }, { weight: 2, arbitrary: anyValue() }),
    ),
  ),
  { maxLength: 7 },
);

/** The base request every case starts from, so that acceptance is possible. */
const BASE: [string, unknown][] = [
  ["Action", "CreateBackup"],
  ["DBInstanceId", STATE.instanceId],
];

type Form = "query" | "search-params" | "lying-search-params" | "object";

/**
 * The request in one form, and the parameters it holds as that form says: name → values. A query
 * string and a URLSearchParams hold strings (so only string values can be put in them); an object
 * holds its own enumerable keys, each once (`undefined` is absent).
 */
function build(form: Form, extra: [string, unknown][], lies: unknown[]): { request: unknown; held: Map<string, unknown[]> } {
  const held = new Map<string, unknown[]>();
  const hold = (n: string, v: unknown) => held.set(n, [...(held.get(n) ?? []), v]);
  if (form === "object") {
    const request: Record<string, unknown> = {};
    for (const [n, v] of [...BASE, ...extra])
      Object.defineProperty(request, n, { value: v, enumerable: true, writable: true, configurable: true });
    for (const n of Object.keys(request)) if (request[n] !== undefined) hold(n, request[n]);
    return { request, held };
  }
  const strings = [...BASE, ...extra].filter((pair): pair is [string, string] => typeof pair[1] === "string");
  for (const [n, v] of strings) hold(n, v);
  const search = new URLSearchParams(strings);
  if (form === "query") return { request: search.toString(), held };
  if (form === "lying-search-params") attachLies(search, lies);
  return { request: search, held };
}

/** Gives a URLSearchParams an iterator, `entries`, `keys`, `values` and `forEach` of its own that yield `lies`. */
function attachLies(search: URLSearchParams, lies: unknown[]): URLSearchParams {
  const yieldLies = function* () {
    yield* lies;
  };
  for (const key of [Symbol.iterator, "entries", "keys", "values"]) Object.defineProperty(search, key, { value: yieldLies });
  Object.defineProperty(search, "forEach", {
    value: (callback: (v: unknown, n: unknown) => void) => lies.forEach((lie) => callback(lie, lie)),
  });
  return search;
}

/** What rule 4 says of one held parameter: nothing when its value is of a form the request may hold once. */
function isMalformed(n: string, values: unknown[]): boolean {
  if (values.length > 1) return true;
  const [value] = values;
  return !(typeof value === "string" || (typeof value === "number" && NUMERIC.has(n)));
}

describe("request forms: parameters are read as the form holds them", () => {
  it("every malformed parameter is reported; createBackup agrees with listViolations", () => {
    const forms = fc.constantFrom<Form>("query", "search-params", "lying-search-params", "object");
    const lies = fc.array(fc.oneof(fc.tuple(anyValue(), anyValue()), anyValue()), { maxLength: 4 });
    check(
      fc.property(forms, pairs, lies, (form, extra, lie) => {
        const { request, held } = build(form, extra, lie);
        const malformed = [...held].filter(([n, values]) => isMalformed(n, values)).map(([n]) => n);
        const decision = createBackup(STATE, request, CONTEXT);
        const violations = listViolations(STATE, request, CONTEXT);
        expectEqual(decision.ok ? [] : [decision.error], violations.slice(0, decision.ok ? 0 : 1));
        expectIs(decision.ok, violations.length === 0);
        if (malformed.length > 0) {
          const first = malformed.reduce((a, b) => (before(b, a) ? b : a));
          expectIs(decision.ok, false);
          expectEqual(
            violations.filter((v) => v.rule === "parameter.malformed").map((v) => v.parameter),
            [first],
          );
        }
        if (decision.ok) {
          // Accepted: exactly the held parameters were read, each once, as strings (or numbers).
          expectIs(malformed.length, 0);
          expectIs(decision.job.method, held.get("BackupMethod")?.[0] ?? "Physical");
        }
      }),
      300,
    );
  });

  it("whatever a lying URLSearchParams yields, the decision is the one its own list gives", () => {
    check(
      fc.property(fc.array(fc.oneof(fc.tuple(anyValue(), anyValue()), anyValue()), { maxLength: 4 }), fc.boolean(), (lie, valid) => {
        const text = valid ? "Action=CreateBackup&DBInstanceId=rm-forms" : "DBInstanceId=rm-forms";
        const honest = new URLSearchParams(text);
        const lying = attachLies(new URLSearchParams(text), lie);
        expectEqual(createBackup(STATE, lying, CONTEXT), createBackup(STATE, honest, CONTEXT));
        expectEqual(listViolations(STATE, lying, CONTEXT), listViolations(STATE, honest, CONTEXT));
      }),
      200,
    );
  });

  // A query string without `%` or `+` is split in place rather than through URLSearchParams (to
  // allocate less per decision): it must come out exactly as URLSearchParams reads it.
  it("a query string's parameters are those URLSearchParams reads from it", () => {
    const piece = fc.constantFrom("a", "Action", "DBName", "=", "&", "?", "é", "#", " ", "%41", "+", "x=y", "&&", "==");
    check(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join("")),
        (query) => {
          const parsed = parseRequest(query);
          const reference = parseRequest(new URLSearchParams(query));
          expectEqual(parsed.ok && [...parsed.value.entries()], reference.ok && [...reference.value.entries()]);
        },
      ),
      2_000,
    );
  });

  it("arrays of the state are read by index: an iterator put on them is never called", () => {
    check(
      fc.property(fc.array(anyValue(), { maxLength: 3 }), (lie) => {
        const jobs = [
          { jobId: "1", status: "Uploading", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-02T07:00:00Z" },
        ];
        const databases = ["orders"];
        for (const array of [jobs, databases] as unknown[][])
          Object.defineProperty(array, Symbol.iterator, { value: () => lie[Symbol.iterator]() });
        const state = { ...STATE, jobs, databases } as InstanceState;
        const honest = { ...STATE, jobs: jobs.slice(), databases: databases.slice() } as InstanceState;
        expectEqual(
          createBackup(state, "Action=CreateBackup&DBInstanceId=rm-forms", CONTEXT),
          createBackup(honest, "Action=CreateBackup&DBInstanceId=rm-forms", CONTEXT),
        );
        expectEqual(
          advanceBackupJob(state, { jobId: "1", status: "Finished" }, CONTEXT),
          advanceBackupJob(honest, { jobId: "1", status: "Finished" }, CONTEXT),
        );
      }),
      100,
    );
  });
});
