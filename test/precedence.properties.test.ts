/**
 * Property 5 — precedence: for any input, `listViolations(...)[0]` is `createBackup`'s error (and
 * the list is empty exactly when it accepts); and every violation listed goes away when its cause
 * alone is repaired, for the rules where a repair is definable (here: all 31, on scenarios that
 * combine argument flaws with every class of the finite domain).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectEqual } from "../property-tests/support/expect-cheaply";
import {
  acceptedCase,
  createBackupRequest,
  decisionContext,
  instanceState,
  violatingCase,
  type CreateBackupRuleId,
} from "../src/arbitraries/index";
import { createBackup, listViolations, RULES } from "../src/index";
import {
  DB_NAME_CLASSES,
  ENGINE_CLASSES,
  KEY_CLASSES,
  METHOD_CLASSES,
  RETENTION_CLASSES,
  STORAGE_CLASSES,
  STRATEGY_CLASSES,
  TYPE_CLASSES,
  type Combination,
} from "../property-tests/oracle/combination";
import { check } from "../property-tests/settings";
import { hostileArgument } from "../property-tests/support/hostile";
import { render, type Flaws, type Scenario } from "../property-tests/support/render";

function expectFirstIsTheDecision(state: unknown, request: unknown, context: unknown): void {
  const decision = createBackup(state as never, request, context as never);
  const violations = listViolations(state as never, request, context as never);
  if (decision.ok) expectEqual(violations, []);
  else expectEqual(violations[0], decision.error);
}

const anyRule = fc.constantFrom(
  ...RULES.filter((rule) => rule.operations.includes("createBackup")).map((rule) => rule.id as CreateBackupRuleId),
);

const combination: fc.Arbitrary<Combination> = fc.record({
  engine: fc.constantFrom(...ENGINE_CLASSES),
  storage: fc.constantFrom(...STORAGE_CLASSES),
  running: fc.boolean(),
  method: fc.constantFrom(...METHOD_CLASSES),
  strategy: fc.constantFrom(...STRATEGY_CLASSES),
  type: fc.constantFrom(...TYPE_CLASSES),
  dbName: fc.constantFrom(...DB_NAME_CLASSES),
  retention: fc.constantFrom(...RETENTION_CLASSES),
  hasDatabases: fc.boolean(),
  ongoingJob: fc.boolean(),
  quotaReached: fc.boolean(),
  key: fc.constantFrom(...KEY_CLASSES),
});

/** Up to two of the flaws, so that several rules are often violated at once. */
const flaws: fc.Arbitrary<Flaws> = fc
  .record(
    {
      context: fc.constantFrom("now", "time-zone", "limit", "job-id-taken"),
      state: fc.constantFrom("version", "created-at", "duplicate-job"),
      notARequest: fc.constant(true),
      malformedParameter: fc.constant(true),
      action: fc.constantFrom("missing", "unsupported"),
      instanceId: fc.constantFrom("missing", "other"),
      unknownParameter: fc.constant(true),
    },
    { requiredKeys: [] },
  )
  .chain((all) => {
    // The record may keep fewer than two flaws (rarely: the million-run fuzz found it), and
    // fc.subarray refuses a maxLength above the array's length.
    const present = Object.entries(all);
    return fc.subarray(present, { maxLength: Math.min(2, present.length) }).map((entries) => Object.fromEntries(entries) as Flaws);
  });

const scenario: fc.Arbitrary<Scenario> = fc.record({ combination, flaws: fc.oneof(fc.constant({}), flaws), variant: fc.nat({ max: 59 }) });

type Repair = (s: Scenario) => Scenario;
const fixCombination =
  (change: Partial<Combination>): Repair =>
  (s) => ({ ...s, combination: { ...s.combination, ...change } });
const fixFlaw =
  (flaw: keyof Flaws): Repair =>
  (s) => {
    const rest: Record<string, unknown> = { ...s.flaws };
    delete rest[flaw];
    return { ...s, flaws: rest };
  };

/** The repair of each rule's cause, and only of it. */
const REPAIRS: Readonly<Record<string, Repair>> = {
  "context.invalid": fixFlaw("context"),
  "state.invalid": (s) => fixCombination(s.combination.engine === "MariaDB" ? { storage: "cloud" } : {})(fixFlaw("state")(s)),
  "request.malformed": fixFlaw("notARequest"),
  "parameter.malformed": fixFlaw("malformedParameter"),
  "action.missing": fixFlaw("action"),
  "action.unsupported": fixFlaw("action"),
  "instance-id.missing": fixFlaw("instanceId"),
  "parameter.unknown": fixFlaw("unknownParameter"),
  "backup-method.invalid-value": fixCombination({ method: "absent" }),
  "backup-strategy.invalid-value": fixCombination({ strategy: "absent" }),
  "backup-type.invalid-value": fixCombination({ type: "absent" }),
  "db-name.malformed": fixCombination({ dbName: "absent" }),
  "retention.invalid-value": fixCombination({ retention: "absent" }),
  "instance-id.not-found": fixFlaw("instanceId"),
  "idempotency-key.reused": fixCombination({ key: "absent" }),
  "instance.not-running": fixCombination({ running: true }),
  "backup-method.logical-requires-mysql": fixCombination({ method: "absent" }),
  "backup-method.logical-requires-local-disk": fixCombination({ method: "Snapshot" }),
  "backup-method.mariadb-snapshot-uses-physical": fixCombination({ method: "Physical" }),
  "backup-method.snapshot-requires-cloud-disk": fixCombination({ method: "Physical" }),
  "backup-method.mysql-cloud-disk-uses-snapshot": fixCombination({ method: "Snapshot" }),
  "backup-type.requires-physical": fixCombination({ type: "absent" }),
  "backup-strategy.scope": fixCombination({ strategy: "absent" }),
  "backup-strategy.mysql-version": fixCombination({ engine: "MySQL documented" }),
  "db-name.requires-db-strategy": fixCombination({ dbName: "absent" }),
  "db-name.missing": fixCombination({ dbName: "not-existing" }),
  "retention.scope": fixCombination({ retention: "absent" }),
  "backup-method.logical-requires-database": fixCombination({ hasDatabases: true }),
  "db-name.not-found": fixCombination({ hasDatabases: true, dbName: "existing" }),
  "instance.backup-in-progress": fixCombination({ ongoingJob: false }),
  "instance.daily-limit-reached": fixCombination({ quotaReached: false }),
};

const rulesOf = (s: Scenario) => {
  const { state, request, context } = render(s);
  return listViolations(state as never, request, context as never).map((violation) => violation.rule);
};

describe("precedence: listViolations(...)[0] is createBackup's error", () => {
  it("for any value in any argument", () => {
    const arbitrary = fc.tuple(
      hostileArgument(instanceState(), false),
      hostileArgument(createBackupRequest(), false),
      hostileArgument(decisionContext(), false),
    );
    check(
      fc.property(arbitrary, ([state, request, context]) => expectFirstIsTheDecision(state.value, request.value, context.value)),
      200,
    );
  });

  it("for accepted cases and the cases of every rule", () => {
    const cases = fc.oneof(
      acceptedCase(),
      anyRule.chain((rule) => violatingCase(rule)),
    );
    check(
      fc.property(cases, ({ state, request, context }) => expectFirstIsTheDecision(state, request, context)),
      200,
    );
  });

  it("for scenarios that break several rules at once", () => {
    check(
      fc.property(scenario, (s) => {
        const { state, request, context } = render(s);
        expectFirstIsTheDecision(state, request, context);
      }),
      300,
    );
  });
});

describe("precedence: each violation goes away when its cause alone is repaired", () => {
  it("defines a repair for each of the 31 rules", () => {
    expectEqual(
      Object.keys(REPAIRS).sort(),
      RULES.filter((rule) => rule.operations.includes("createBackup"))
        .map((rule) => rule.id)
        .sort(),
    );
  });

  it("for every violation listed, on scenarios that break several rules at once", () => {
    let repaired = 0;
    check(
      fc.property(scenario, (s) => {
        for (const rule of rulesOf(s)) {
          const repair = REPAIRS[rule];
          expect(repair, `a repair for ${rule}`).toBeDefined();
          expect(rulesOf((repair as Repair)(s))).not.toContain(rule);
          repaired++;
        }
      }),
      300,
    );
    expect(repaired).toBeGreaterThan(0);
  });
});
