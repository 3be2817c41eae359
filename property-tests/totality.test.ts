/**
 * Property 1 — totality: whatever each argument of each export is (any JavaScript value, object
 * strings, null prototypes, throwing or changing getters, trapped proxies, or a valid value with
 * one field poisoned), nothing throws and the result is well formed, naming a rule from RULES.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectIs, expectEqual } from "./support/expect-cheaply";
import { acceptedCase, createBackupRequest, decisionContext, instanceState } from "../src/arbitraries/index";
import {
  advanceBackupJob,
  checkRequest,
  createBackup,
  JOB_TRANSITIONS,
  listViolations,
  parseDecisionContext,
  parseInstanceState,
  RULES,
  RULESET_VERSION,
  toErrorResponse,
  traceDecision,
  traceJobUpdate,
} from "../src/index";
import { check } from "./settings";
import { hostileArgument } from "./support/hostile";
import { expectViolationOf, expectWellFormedBackupDecision, expectWellFormedJobDecision } from "./support/well-formed";

const hostileState = () =>
  hostileArgument(
    fc.oneof(
      instanceState(),
      acceptedCase().map((c) => c.state),
    ),
  );
const hostileRequest = () => hostileArgument(createBackupRequest());
const hostileContext = () => hostileArgument(decisionContext());
const hostileUpdate = () =>
  hostileArgument(
    fc.record({
      jobId: fc.oneof(fc.nat().map(String), fc.string()),
      status: fc.oneof(fc.constantFrom(...JOB_TRANSITIONS.keys()), fc.string()),
    }),
  );

describe("totality: no export throws, every result is well formed", () => {
  it("createBackup and listViolations", () => {
    check(
      fc.property(hostileState(), hostileRequest(), hostileContext(), ({ value: state }, { value: request }, { value: context }) => {
        const decision = createBackup(state as never, request, context as never);
        expectWellFormedBackupDecision(decision);
        const violations = listViolations(state as never, request, context as never);
        expectIs(Array.isArray(violations), true);
        for (const violation of violations)
          expectViolationOf(
            violation,
            RULES.filter((rule) => rule.operations.includes("createBackup")).map((rule) => rule.id),
          );
      }),
      200,
    );
  });

  it("advanceBackupJob", () => {
    check(
      fc.property(hostileState(), hostileUpdate(), hostileContext(), ({ value: state }, { value: update }, { value: context }) => {
        expectWellFormedJobDecision(advanceBackupJob(state as never, update as never, context as never));
      }),
      200,
    );
  });

  it("parseInstanceState", () => {
    check(
      fc.property(hostileState(), ({ value: json }) => {
        const parsed = parseInstanceState(json) as Record<string, unknown>;
        if (parsed.ok === true) expectEqual(Object.keys(parsed).sort(), ["ok", "state"]);
        else expectViolationOf(parsed.error, ["state.invalid"]);
      }),
      200,
    );
  });

  it("parseDecisionContext and checkRequest", () => {
    const requestRules = RULES.filter((rule) => rule.number >= 3 && rule.number <= 13).map((rule) => rule.id);
    check(
      fc.property(hostileContext(), hostileRequest(), ({ value: context }, { value: request }) => {
        const parsed = parseDecisionContext(context) as Record<string, unknown>;
        if (parsed.ok === true) expectIs(Object.isFrozen(parsed.context), true);
        else expectViolationOf(parsed.error, ["context.invalid"]);
        const violations = checkRequest(request);
        for (const violation of violations) expectViolationOf(violation, requestRules);
      }),
      200,
    );
  });

  it("traceDecision and traceJobUpdate", () => {
    check(
      fc.property(
        hostileState(),
        hostileRequest(),
        hostileUpdate(),
        hostileContext(),
        ({ value: state }, { value: request }, { value: update }, { value: context }) => {
          const trace = traceDecision(state as never, request, context as never);
          expectWellFormedBackupDecision(trace.decision);
          expectIs(trace.rules.length, 31);
          const jobTrace = traceJobUpdate(state as never, update as never, context as never);
          expectWellFormedJobDecision(jobTrace.decision);
          expectIs(jobTrace.rules.length, 5);
        },
      ),
      200,
    );
  });

  it("toErrorResponse", () => {
    const violation = fc.record({ rule: fc.string(), code: fc.string(), httpStatus: fc.integer(), message: fc.string() });
    check(
      fc.property(hostileArgument(violation), hostileArgument(fc.string()), ({ value: error }, { value: requestId }) => {
        const response = toErrorResponse(error as never, requestId as never);
        expectEqual(Object.keys(response).sort(), ["Code", "HttpStatus", "Message", "RequestId"]);
        expectIs(typeof response.RequestId, "string");
        expectIs(typeof response.Code, "string");
        expectIs(typeof response.Message, "string");
        expectIs(Number.isInteger(response.HttpStatus), true);
      }),
      200,
    );
  });

  it("the constants are what they say, and frozen where shared", () => {
    expect(RULES.map((rule) => rule.id)).toHaveLength(34);
    expect(Object.isFrozen(RULES)).toBe(true);
    expect(RULES.every((rule) => Object.isFrozen(rule))).toBe(true);
    expect(typeof RULESET_VERSION).toBe("string");
  });
});
