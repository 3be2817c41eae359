/**
 * Drawing only what can arrive over the wire: with `{ wire }`, `createBackupRequest`,
 * `acceptedCase` and `violatingCase` draw query strings and objects whose values are all strings,
 * and the cases still decide as promised; a request written as it arrives over the wire
 * (`onTheWire`) decides as the request it came from. The case types are checked by tsc here too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acceptedCase,
  createBackupRequest,
  sampleValues,
  violatingCase,
  type BackupCase,
  type CreateBackupRuleId,
  type ViolatingCase,
  type WireRequest,
} from "../src/arbitraries/index";
import { onTheWire } from "../src/arbitraries/wire";
import { createBackup, type DecisionContext, type InstanceState } from "../src/index";
import { CREATE_BACKUP_RULES } from "../src/rules/catalog";
import { expectIs } from "./support/expect-cheaply";
import { check, SEED } from "./settings";

const MODES = [true, "query", "object"] as const;
type Mode = (typeof MODES)[number];

/** Whether a request has the form the mode allows: a query string, or a plain object of strings. */
function arrivesAs(request: unknown, mode: Mode): boolean {
  const query = typeof request === "string";
  const object =
    typeof request === "object" &&
    request !== null &&
    !(request instanceof URLSearchParams) &&
    [Object.prototype, null].includes(Object.getPrototypeOf(request) as object | null) &&
    Object.values(request).every((value) => typeof value === "string");
  return mode === "query" ? query : mode === "object" ? object : query || object;
}

const RULE_IDS = CREATE_BACKUP_RULES.map((rule) => rule.id);
const impossible = (rule: CreateBackupRuleId, mode: Mode) =>
  rule === "request.malformed" || (rule === "parameter.malformed" && mode === "object");

describe("drawing only what arrives over the wire", () => {
  for (const mode of MODES) {
    it(`wire: ${String(mode)} — requests and accepted cases have that form, and the cases are accepted`, () => {
      expect(sampleValues(createBackupRequest({ wire: mode }), 100, SEED).every((request) => arrivesAs(request, mode))).toBe(true);
      check(
        fc.property(acceptedCase({ wire: mode }), ({ state, request, context }) => {
          expectIs(arrivesAs(request, mode), true);
          expectIs(createBackup(state, request, context).ok, true);
        }),
        40,
      );
    });

    it(`wire: ${String(mode)} — every violatingCase(r) that can arrive so is refused with exactly r`, () => {
      for (const rule of RULE_IDS.filter((id) => !impossible(id, mode))) {
        check(
          fc.property(violatingCase(rule, { wire: mode }), ({ state, request, context }) => {
            expectIs(arrivesAs(request, mode), true);
            const decision = createBackup(state as InstanceState, request, context as DecisionContext);
            expectIs(decision.ok ? "accepted" : decision.error.rule, rule);
          }),
          8,
        );
      }
    });
  }

  it("wire: true draws both query strings and objects, and query strings that repeat a name (parameter.malformed)", () => {
    const forms = new Set(sampleValues(acceptedCase({ wire: true }), 100, SEED).map(({ request }) => typeof request));
    expect(forms).toEqual(new Set(["string", "object"]));
    const repeated = sampleValues(violatingCase("parameter.malformed", { wire: "query" }), 20, SEED);
    expect(
      repeated.every(({ request }) => new Set(new URLSearchParams(request).keys()).size < [...new URLSearchParams(request).keys()].length),
    ).toBe(true);
  });

  it("says which rules no request over the wire can break, instead of drawing forever", () => {
    for (const mode of MODES)
      expect(() => violatingCase("request.malformed", { wire: mode })).toThrow(/request\.malformed cannot arrive over the wire/);
    expect(() => violatingCase("parameter.malformed", { wire: "object" })).toThrow(
      "parameter.malformed cannot arrive over the wire as an object",
    );
  });

  it("a request written as it arrives over the wire decides as the one it came from", () => {
    const rules = fc.constantFrom(...RULE_IDS.slice(3));
    check(
      fc.property(
        fc.oneof(
          acceptedCase(),
          rules.chain((rule) => violatingCase(rule as Exclude<CreateBackupRuleId, "context.invalid" | "state.invalid">)),
        ),
        fc.constantFrom(...MODES),
        ({ state, request, context }: BackupCase, mode) => {
          const sent = onTheWire(request, mode);
          if (sent === undefined) return;
          const outcome = (decision: ReturnType<typeof createBackup>) => (decision.ok ? "accepted" : decision.error.rule);
          expectIs(outcome(createBackup(state, sent, context)), outcome(createBackup(state, request, context)));
        },
      ),
      300,
    );
  });
});

describe("the case types say what the cases hold (checked by tsc)", () => {
  it("types a rule-1 or rule-2 case's odd values as unknown, and a wire request as text or strings", () => {
    // Never called: what matters is what tsc accepts (an unused @ts-expect-error fails the type check).
    const misuses = (contextCase: ViolatingCase<"context.invalid">, stateCase: ViolatingCase<"state.invalid">): unknown[] => [
      // @ts-expect-error the state of a context.invalid case may be anything, not an InstanceState
      contextCase.state.engine,
      // @ts-expect-error the state of a state.invalid case is not an InstanceState
      createBackup(stateCase.state, stateCase.request, stateCase.context),
    ];
    expect(typeof misuses).toBe("function");
    const [businessCase] = sampleValues(violatingCase("instance.not-running", { wire: "query" }), 1, SEED);
    const query: string | undefined = businessCase?.request;
    const wire: WireRequest | undefined = sampleValues(createBackupRequest({ wire: true }), 1, SEED)[0];
    expect(typeof query).toBe("string");
    expect(wire).toBeDefined();
  });

  it("has a case for every CreateBackup rule of the catalog", () => {
    for (const rule of RULE_IDS) expect(() => violatingCase(rule)).not.toThrow();
  });
});
