/**
 * Mutation kills (docs/verification.md) on internals whose contract is documented in their TSDoc:
 * the parameter-name order is a proper comparator, and `listViolations` does not evaluate rules
 * whose inputs did not parse ("Rules whose inputs did not parse are not evaluated").
 */
import { describe, expect, it } from "vitest";
import { listViolations } from "../../src/index";
import { compareParameterNames } from "../../src/rules/parameter-order";

describe("compareParameterNames is a comparator", () => {
  it("orders other names by code unit, both ways, and ties a name with itself", () => {
    expect(compareParameterNames("Zeta", "Alpha")).toBeGreaterThan(0);
    expect(compareParameterNames("Alpha", "Zeta")).toBeLessThan(0);
    expect(compareParameterNames("Zeta", "Zeta")).toBe(0);
    expect(compareParameterNames("DBName", "DBName")).toBe(0);
    expect(compareParameterNames("Action", "DBName")).toBeLessThan(0);
  });
});

describe("listViolations after a malformed parameter", () => {
  it("does not read the parameters as strings: rule 4 alone, not also 'Action is missing'", () => {
    const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [] } as const;
    const rules = listViolations(state, { Action: 5, DBInstanceId: "rm-1" }, { now: "2026-03-08T12:00:00Z" }).map((v) => v.rule);
    expect(rules).toEqual(["parameter.malformed"]);
  });
});
