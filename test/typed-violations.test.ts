/**
 * Typed violations (issue 11, decision 0007): `rule` is the union of rule ids, so a caller's `switch`
 * is checked by the compiler (`npm run typecheck` compiles this file), `details` narrows with it,
 * and each detailed rule's message is the one its details build.
 */
import { describe, expect, it } from "vitest";
import { createBackup, listViolations, RULES, type RuleId, type Violation } from "../src/index";
import type { StoreViolation } from "../src/store/index";
import { RULE_CATALOG } from "../src/rules/catalog";
import { BASE, context, instance, withBase } from "./support/builders";

/** What a caller's exhaustive switch looks like: a rule missing from it fails to compile (`never`). */
function hint(violation: Violation | StoreViolation): string {
  switch (violation.rule) {
    case "parameter.unknown":
      return violation.details.suggestion ?? "none";
    case "instance.daily-limit-reached":
      return `retry from ${violation.details.day.end}`;
    case "store.contention":
      return `${violation.attempts} attempts`;
    default: {
      const id: Exclude<RuleId, "parameter.unknown" | "instance.daily-limit-reached"> | "store.unavailable" = violation.rule;
      return id;
    }
  }
}

describe("typed violations", () => {
  it("narrow details by rule id", () => {
    const decision = createBackup(instance(), withBase("BackupMehtod=Physical"), context());
    expect(!decision.ok && hint(decision.error)).toBe("BackupMethod");
    // @ts-expect-error: not a rule id
    const unknown: RuleId = "instance.not-runnning";
    expect(RULES.some((rule) => rule.id === unknown)).toBe(false);
  });

  it("carry details exactly for the rules that declare a message built from them, and that message", () => {
    const detailed = RULE_CATALOG.filter((rule) => "message" in rule).map((rule) => rule.id);
    expect(detailed).toEqual([
      "parameter.unknown",
      "backup-method.invalid-value",
      "backup-strategy.invalid-value",
      "backup-type.invalid-value",
      "db-name.malformed",
      "retention.invalid-value",
      "idempotency-key.reused",
      "instance.not-running",
      "db-name.not-found",
      "instance.backup-in-progress",
      "instance.daily-limit-reached",
      "job.invalid-transition",
    ]);
    const violations = listViolations(instance({ status: "Stopped" }), withBase("Colour=blue&BackupMethod=Dump"), context());
    for (const violation of violations) {
      const rule = RULE_CATALOG.find((each) => each.id === violation.rule)!;
      if ("message" in rule) expect(violation.message).toBe(rule.message((violation as unknown as { details: never }).details));
      else expect(violation).not.toHaveProperty("details");
    }
    expect(violations.map((v) => v.rule)).toEqual(["parameter.unknown", "backup-method.invalid-value", "instance.not-running"]);
    expect(BASE).toContain("Action=CreateBackup");
  });
});
