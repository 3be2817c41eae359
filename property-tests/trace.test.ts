/**
 * Property 16 — the stand-alone checks and the trace agree with the decisions they explain:
 * `traceDecision(…).decision` is `createBackup(…)`, its violated rules are `listViolations(…)`;
 * `traceJobUpdate(…).decision` is `advanceBackupJob(…)`; `checkRequest` is `listViolations`'
 * part for rules 3–13 whatever the state and context; `parseDecisionContext`'s context decides
 * exactly as the context it came from. Over the published arbitraries and hostile values.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acceptedCase,
  acceptedJobUpdate,
  createBackupRequest,
  decisionContext,
  instanceState,
  violatingCase,
  violatingJobUpdate,
  type CreateBackupRuleId,
  type JobRuleId,
} from "../src/arbitraries/index";
import {
  advanceBackupJob,
  checkRequest,
  createBackup,
  listViolations,
  parseDecisionContext,
  RULES,
  traceDecision,
  traceJobUpdate,
  type DecisionTrace,
} from "../src/index";
import { check } from "./settings";
import { expectEqual } from "./support/expect-cheaply";
import { hostileArgument } from "./support/hostile";

const CREATE_RULES = RULES.filter((rule) => rule.operations.includes("createBackup"));
const JOB_RULES = RULES.filter((rule) => rule.operations.includes("advanceBackupJob"));
const REQUEST_ALONE = new Set(CREATE_RULES.filter((rule) => rule.number >= 3 && rule.number <= 13).map((rule) => rule.id as string));
const anyRule = fc.constantFrom(...CREATE_RULES.map((rule) => rule.id as CreateBackupRuleId));
const anyJobRule = fc.constantFrom<JobRuleId>("job.not-found", "job-status.invalid-value", "job.invalid-transition");
const backupCases = fc.oneof(
  acceptedCase(),
  anyRule.chain((rule) => violatingCase(rule)),
);

/** A trace is one verdict per rule of its operation, in order, and its decision's error is its first violated rule. */
function expectCoherent(trace: DecisionTrace, rules: typeof RULES): void {
  expectEqual(
    trace.rules.map((verdict) => [verdict.number, verdict.rule]),
    rules.map((rule) => [rule.number, rule.id]),
  );
  const firstViolated = trace.rules.find((verdict) => verdict.verdict === "violated");
  if (trace.decision.ok) expect(firstViolated).toBeUndefined();
  else expectEqual(firstViolated?.verdict === "violated" ? firstViolated.violation : undefined, trace.decision.error);
  for (const verdict of trace.rules) {
    if (verdict.verdict === "not-checked") expect(verdict.reason).toMatch(/^Not checked: .+\.$/);
  }
}

function expectTraceConforms(state: unknown, request: unknown, context: unknown): void {
  const trace = traceDecision(state as never, request, context as never);
  expectEqual(trace.decision, createBackup(state as never, request, context as never));
  const violated = trace.rules.flatMap((verdict) => (verdict.verdict === "violated" ? [verdict.violation] : []));
  expectEqual(violated, listViolations(state as never, request, context as never));
  expectCoherent(trace, CREATE_RULES);
}

describe("traceDecision agrees with createBackup and listViolations", () => {
  it("on accepted cases and the cases of every rule", () => {
    check(
      fc.property(backupCases, ({ state, request, context }) => expectTraceConforms(state, request, context)),
      300,
    );
  });

  it("on any value in any argument (hostile getters answer alike on every read here)", () => {
    const arbitrary = fc.tuple(
      hostileArgument(instanceState(), false),
      hostileArgument(createBackupRequest(), false),
      hostileArgument(decisionContext(), false),
    );
    check(
      fc.property(arbitrary, ([state, request, context]) => expectTraceConforms(state.value, request.value, context.value)),
      200,
    );
  });

  it("stays coherent with itself even when a getter answers differently on every read", () => {
    const arbitrary = fc.tuple(
      hostileArgument(instanceState()),
      hostileArgument(createBackupRequest()),
      hostileArgument(decisionContext()),
    );
    check(
      fc.property(arbitrary, ([state, request, context]) =>
        expectCoherent(traceDecision(state.value as never, request.value, context.value as never), CREATE_RULES),
      ),
      200,
    );
  });
});

describe("traceJobUpdate agrees with advanceBackupJob", () => {
  it("on accepted updates and the cases of every job rule", () => {
    const cases = fc.oneof(
      acceptedJobUpdate(),
      anyJobRule.chain((rule) => violatingJobUpdate(rule)),
    );
    check(
      fc.property(cases, ({ state, update, context }) => {
        const trace = traceJobUpdate(state, update, context);
        expectEqual(trace.decision, advanceBackupJob(state, update, context));
        expectCoherent(trace, JOB_RULES);
      }),
      300,
    );
  });

  it("on any value in any argument", () => {
    const arbitrary = fc.tuple(
      hostileArgument(instanceState(), false),
      hostileArgument(
        acceptedJobUpdate().map((each) => each.update),
        false,
      ),
      hostileArgument(decisionContext(), false),
    );
    check(
      fc.property(arbitrary, ([state, update, context]) => {
        const trace = traceJobUpdate(state.value as never, update.value as never, context.value as never);
        expectEqual(trace.decision, advanceBackupJob(state.value as never, update.value as never, context.value as never));
        expectCoherent(trace, JOB_RULES);
      }),
      200,
    );
  });
});

describe("checkRequest is listViolations' judgement of rules 3–13, whatever the state and context", () => {
  it("on the cases of every rule and on hostile requests", () => {
    const requests = fc.oneof(
      backupCases.map(({ state, request, context }) => ({ state, request, context })),
      fc
        .tuple(instanceState(), hostileArgument(createBackupRequest(), false), decisionContext())
        .map(([state, request, context]) => ({ state, request: request.value, context })),
    );
    check(
      fc.property(requests, ({ state, request, context }) => {
        const expected = listViolations(state as never, request, context as never).filter((violation) => REQUEST_ALONE.has(violation.rule));
        expectEqual(checkRequest(request), expected);
      }),
      300,
    );
  });
});

describe("parseDecisionContext", () => {
  it("gives a context that decides exactly as the one it came from", () => {
    check(
      fc.property(backupCases, ({ state, request, context }) => {
        const parsed = parseDecisionContext(context);
        if (!parsed.ok) {
          expectEqual(createBackup(state as never, request, context as never), { ok: false, error: parsed.error });
          return;
        }
        expectEqual(createBackup(state as never, request, parsed.context), createBackup(state as never, request, context as never));
        expectEqual(parseDecisionContext(parsed.context), parsed);
      }),
      300,
    );
  });

  it("refuses with context.invalid exactly when createBackup's rule 1 does, but for a jobId already in the state", () => {
    check(
      fc.property(fc.tuple(instanceState(), hostileArgument(decisionContext(), false)), ([state, context]) => {
        const parsed = parseDecisionContext(context.value);
        // With no job in the state, no jobId can be taken: rule 1 is then exactly the context's own check.
        const decided = createBackup({ ...state, jobs: [] }, "Action=CreateBackup", context.value as never);
        const ruleOne = !decided.ok && decided.error.rule === "context.invalid";
        expect(parsed.ok).toBe(!ruleOne);
        if (!parsed.ok && !decided.ok) expectEqual(parsed.error, decided.error);
      }),
      300,
    );
  });
});
