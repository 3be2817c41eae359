/**
 * Property 2 — purity: deep-frozen inputs stay equal to a structured clone taken before the call
 * (a library that wrote to them would also throw, since module code is strict); a rejection
 * returns no state; equal arguments (fresh copies) give deep-equal results.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { expectIs, expectEqual } from "../property-tests/support/expect-cheaply";
import { acceptedCase, violatingCase, type BackupCase, type CreateBackupRuleId } from "../src/arbitraries/index";
import { advanceBackupJob, createBackup, listViolations, RULES } from "../src/index";
import { check } from "../property-tests/settings";

/** Rules whose cases hold only values that structuredClone can copy (rules 1–3 carry functions, symbols, proxies…). */
const CLONABLE_RULES = RULES.filter((rule) => rule.operations.includes("createBackup") && rule.number > 3).map(
  (rule) => rule.id as Exclude<CreateBackupRuleId, "context.invalid" | "state.invalid" | "request.malformed">,
);

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** A copy that compares equal with the original: URLSearchParams by its text, anything else by structuredClone. */
function snapshot(value: unknown): unknown {
  if (value instanceof URLSearchParams) return { searchParams: value.toString() };
  return structuredClone(value);
}

function canClone(c: BackupCase): boolean {
  try {
    structuredClone([c.state, c.context, c.request instanceof URLSearchParams ? "" : c.request]);
    return true;
  } catch {
    return false;
  }
}

function freshCopy(c: BackupCase): BackupCase {
  const request = c.request instanceof URLSearchParams ? new URLSearchParams(c.request) : structuredClone(c.request);
  return { state: structuredClone(c.state), request, context: structuredClone(c.context) };
}

const cases = fc
  .oneof(
    acceptedCase(),
    fc.constantFrom(...CLONABLE_RULES).chain((rule) => violatingCase(rule)),
  )
  .filter(canClone);

describe("purity", () => {
  it("createBackup and listViolations leave frozen inputs as they were, a refusal carries no state, only a replay returns the input state", () => {
    check(
      fc.property(cases, (c) => {
        const before = { state: snapshot(c.state), request: snapshot(c.request), context: snapshot(c.context) };
        const frozen = deepFreeze({ ...c });
        const decision = createBackup(frozen.state, frozen.request, frozen.context);
        listViolations(frozen.state, frozen.request, frozen.context);
        expectEqual({ state: snapshot(c.state), request: snapshot(c.request), context: snapshot(c.context) }, before);
        if (!decision.ok) expectIs("state" in decision, false);
        else expectIs(decision.state === c.state, decision.replayed === true); // a replay returns the input state itself
      }),
      80,
    );
  });

  it("equal arguments give deep-equal results", () => {
    check(
      fc.property(cases, (c) => {
        expectEqual(createBackup(c.state, c.request, c.context), createBackup(...(Object.values(freshCopy(c)) as [never, unknown, never])));
        expectEqual(
          listViolations(c.state, c.request, c.context),
          listViolations(...(Object.values(freshCopy(c)) as [never, unknown, never])),
        );
      }),
      80,
    );
  });

  it("advanceBackupJob leaves its frozen inputs as they were, and equal arguments give equal results", () => {
    const statuses = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished", "Failed", "Done"];
    const advance = acceptedCase()
      .filter(canClone)
      .chain((c) => {
        const accepted = createBackup(c.state, c.request, c.context);
        if (!accepted.ok) throw new Error("an accepted case was refused");
        const ids = [...accepted.state.jobs.map((job) => job.jobId), "999999999999"];
        return fc.record({
          state: fc.constant(structuredClone(accepted.state)),
          update: fc.record({ jobId: fc.constantFrom(...ids), status: fc.constantFrom(...statuses) }),
          context: fc.constant(c.context),
        });
      });
    check(
      fc.property(advance, ({ state, update, context }) => {
        const before = structuredClone({ state, update, context });
        const frozen = deepFreeze({ state, update, context });
        const decision = advanceBackupJob(frozen.state, frozen.update, frozen.context);
        expectEqual(structuredClone({ state, update, context }), before);
        if (!decision.ok) expectIs("state" in decision, false);
        expectEqual(advanceBackupJob(structuredClone(state), { ...update }, structuredClone(context)), decision);
      }),
      60,
    );
  });
});
