/**
 * Property 13 — bounds. Every state a decision returns (`createBackup`, and `advanceBackupJob` on
 * it) reads back with `parseInstanceState`, from any version up to 2^53 − 1. Every message stays
 * under 1,000 characters whatever the input: any string of the state, the request, the context or
 * the update made thousands of characters long, and long unknown keys. What `timeZoneContext`
 * remembers stays within 1,024 names of at most 64 characters, whatever names it is asked about,
 * and it knows a name exactly when `Intl` does.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { expectAtMost, expectEqual, expectIs } from "./support/expect-cheaply";
import { acceptedCase, violatingCase, type CreateBackupRuleId } from "../src/arbitraries/index";
import {
  advanceBackupJob,
  createBackup,
  listViolations,
  parseInstanceState,
  RULES,
  toErrorResponse,
  type InstanceState,
} from "../src/index";
import { rememberedZoneNames, timeZoneContext } from "../src/time/time-zone";
import { check } from "./settings";

const LAST = Number.MAX_SAFE_INTEGER;
const SHORT = 1_000;
const STATUSES = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished", "Failed"];

describe("bounds", () => {
  it("every state a decision returns parses with parseInstanceState, at any version", () => {
    const version = fc.oneof(fc.constant(undefined), fc.nat(), fc.integer({ min: LAST - 3, max: LAST }));
    check(
      fc.property(acceptedCase(), version, fc.array(fc.constantFrom(...STATUSES), { maxLength: 3 }), (c, v, moves) => {
        const { version: _, ...rest } = c.state;
        const state: InstanceState = v === undefined ? rest : { ...rest, version: v };
        const created = createBackup(state, c.request, c.context);
        if (!created.ok) {
          // Only a state at the last version is refused, by rule 2.
          expectEqual([created.error.rule, created.error.parameter], ["state.invalid", "state.version"]);
          expectIs(v, LAST);
          return;
        }
        let current = created.state;
        expectEqual(parseInstanceState(current), { ok: true, state: current });
        for (const status of moves) {
          const advanced = advanceBackupJob(current, { jobId: created.job.jobId, status }, c.context);
          if (!advanced.ok) continue;
          current = advanced.state;
          expectEqual(parseInstanceState(current), { ok: true, state: current });
        }
      }),
      150,
    );
  });

  it("every message stays under 1,000 characters, whatever strings and keys the input holds", () => {
    const CREATE_RULES = RULES.filter((rule) => rule.operations.includes("createBackup")).map((rule) => rule.id as CreateBackupRuleId);
    // Cases of rules 1 and 2 hold what is not a context or a state: nothing is assumed of them.
    const someCase: fc.Arbitrary<{ readonly state: unknown; readonly request: unknown; readonly context: unknown }> = fc.oneof(
      acceptedCase(),
      fc.constantFrom(...CREATE_RULES).chain((rule) => violatingCase(rule)),
    );
    check(
      fc.property(someCase, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1_000, max: 5_000 }), (c, choice, length) => {
        const inflate = inflater(choice, length);
        const [state, request, context] = [inflate(c.state), inflateRequest(c.request, inflate), inflate(c.context)];
        const job = (state as InstanceState | undefined)?.jobs?.[0];
        const update = inflate({ jobId: job?.jobId ?? "1", status: choice % 3 === 0 ? "Checking" : "Finished" });
        const messages = [
          createBackup(state as never, request, context as never),
          advanceBackupJob(state as never, update as never, context as never),
          parseInstanceState(state),
        ].flatMap((decision) => ("error" in decision ? [decision.error] : []));
        messages.push(...listViolations(state as never, request, context as never));
        for (const violation of messages) {
          expectAtMost(violation.message.length, SHORT);
          expectAtMost(toErrorResponse(violation, "r").Message.length, SHORT + 100);
        }
      }),
      200,
    );
  });

  it("timeZoneContext remembers at most 1,024 names of 64 characters, and knows a name exactly when Intl does", () => {
    const zones = Intl.supportedValuesOf("timeZone");
    const name = fc.oneof(
      fc.constantFrom(...zones).chain((zone) => fc.boolean().map((lower) => (lower ? zone.toLowerCase() : zone))),
      fc.string({ maxLength: 70 }),
      fc.integer({ min: 65, max: 100_000 }).map((length) => `Asia/${"x".repeat(length)}`),
      fc.stringMatching(/^[A-Z][a-z]{2,8}\/[A-Za-z_]{1,20}$/),
    );
    check(
      fc.property(fc.array(name, { minLength: 1, maxLength: 20 }), (names) => {
        for (const each of names) {
          const known = timeZoneContext(each) !== undefined;
          expectIs(known, intlKnows(each));
        }
        const remembered = rememberedZoneNames();
        expectAtMost(remembered.names, 1_024);
        expectAtMost(remembered.characters, 1_024 * 64);
      }),
      100,
    );
  });
});

/** Whether `Intl` takes the name as a zone, for names of the form the library asks about (decision 0031). */
function intlKnows(name: string): boolean {
  if (name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes chosen strings of a value `length` characters long (each repeated: digits stay digits) and
 * adds an unknown key of that length to some objects. `choice`'s bits pick which: the same string
 * is inflated wherever it occurs, so a job id and the update naming it stay equal.
 */
function inflater(choice: number, length: number): <T>(value: T) => T {
  const picked = (text: string) => text.length > 0 && ((hash(text) ^ choice) & 3) === 0;
  const long = (text: string) => text.repeat(Math.ceil(length / text.length));
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return picked(value) ? long(value) : value;
    if (typeof value !== "object" || value === null || depth > 4) return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) copy[key] = walk(inner, depth + 1);
    if (((choice >> (depth + 8)) & 7) === 0) copy[long("k")] = 1;
    return copy;
  };
  return <T>(value: T) => walk(value, 0) as T;
}

/** The request with the same inflation: a query string or URLSearchParams through its pairs. */
function inflateRequest(request: unknown, inflate: <T>(value: T) => T): unknown {
  if (typeof request === "string") return new URLSearchParams(inflate([...new URLSearchParams(request)])).toString();
  if (request instanceof URLSearchParams) return new URLSearchParams(inflate([...request]));
  return inflate(request);
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
