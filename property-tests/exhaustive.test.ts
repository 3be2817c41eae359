/**
 * Property 7 — exhaustive enumeration: engine (MySQL on a version with documented single-database
 * backups and on any other apart, versions the rule set never heard of included) × storage
 * (local_ssd, ephemeral_ssd, cloud) × running or not × method (absent, each value, invalid) ×
 * strategy × type × DBName class × retention class × databases or none × ongoing job or not ×
 * quota reached or not × idempotency key (none or fresh, a replay, reused for another backup).
 * Every combination is decided by `createBackup` and by the independent decision table of
 * `oracle/decision-table.ts` (written from the spec); every one must agree, replays included
 * (accepted with `replayed: true` and the input state itself). Where every parameter is valid and
 * the state is too, `listViolations` must list exactly the table's violated rules.
 */
import { describe, expect, it } from "vitest";
import { createBackup, listViolations } from "../src/index";
import { allCombinations, type Combination } from "./oracle/combination";
import { expectedOutcome, expectedViolations } from "./oracle/decision-table";
import { MUTATION_RUN } from "./settings";
import { render } from "./support/render";

/** Every combination; under mutation testing every fifth (see settings.ts). */
const STRIDE = MUTATION_RUN ? 5 : 1;

const everyParameterValid = (c: Combination) =>
  c.method !== "invalid" &&
  c.strategy !== "invalid" &&
  c.type !== "invalid" &&
  c.dbName !== "malformed" &&
  c.retention !== "invalid" &&
  !(c.engine === "MariaDB" && c.storage !== "cloud");

describe("exhaustive enumeration against the spec's decision table", () => {
  it("agrees on every combination of the finite domain", () => {
    let checked = 0;
    let listsChecked = 0;
    const disagreements: string[] = [];
    const outcomes = new Map<string, number>();
    let variant = 0;
    for (const combination of allCombinations()) {
      if (variant++ % STRIDE !== 0) continue;
      const args = render({ combination, flaws: {}, variant });
      const decision = createBackup(args.state as never, args.request, args.context as never);
      const actual = !decision.ok
        ? decision.error.rule
        : decision.replayed !== true
          ? "accepted"
          : decision.state === args.state
            ? "replayed"
            : "replayed with a new state";
      const expected = expectedOutcome(combination);
      outcomes.set(expected, (outcomes.get(expected) ?? 0) + 1);
      if (actual !== expected && disagreements.length < 20)
        disagreements.push(`${JSON.stringify(combination)}: expected ${expected}, got ${actual}`);
      if (everyParameterValid(combination)) {
        const listed = listViolations(args.state as never, args.request, args.context as never).map((violation) => violation.rule);
        if (listed.join() !== expectedViolations(combination).join() && disagreements.length < 20) {
          disagreements.push(`${JSON.stringify(combination)}: listViolations ${listed.join()} ≠ ${expectedViolations(combination).join()}`);
        }
        listsChecked++;
      }
      checked++;
    }
    console.log(
      `exhaustive enumeration: ${checked} combinations checked against the decision table (${listsChecked} full violation lists); outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
    expect(disagreements).toEqual([]);
    expect(checked).toBe(Math.ceil((5 * 3 * 2 * 5 * 4 * 4 * 3 * 2 * 2 * 3 * (5 + 3)) / STRIDE));
    expect(outcomes.get("accepted")).toBeGreaterThan(0);
    expect(outcomes.get("replayed")).toBeGreaterThan(0);
    expect(outcomes.get("idempotency-key.reused")).toBeGreaterThan(0);
  });
});
