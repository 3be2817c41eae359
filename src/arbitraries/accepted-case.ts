import fc from "fast-check";
import { buildCase, type BackupCase } from "./backup-case";
import { acceptedSetup } from "./capability";
import { replayCase } from "./idempotency-cases";

/**
 * `{ state, request, context }` that `createBackup` accepts: every accepted cell of the capability
 * matrix on all four engines (the method given or by default), on every storage type (`local_ssd`
 * and `ephemeral_ssd` as local disks), at versions RDS offers and ones the rule set has never heard
 * of (MySQL 8.4 and 9.1, PostgreSQL 18.0, SQL Server 2022_std_ha…), every option that fits it,
 * jobs of today and earlier under the daily limit and none ongoing, with or without a fresh
 * idempotency key, in every request form and time-zone family. About one case in five is a
 * replay instead: a retry with the key of a kept job, asking for the same backup, whatever
 * happened since (accepted with `replayed: true` and the input state itself).
 *
 * @example
 * ```ts
 * const cases = sampleValues(acceptedCase(), 60);
 * const decisions = cases.map(({ state, request, context }) => createBackup(state, request, context));
 * expect(decisions.every((decision) => decision.ok)).toBe(true);
 * expect(decisions.some((decision) => decision.ok && decision.replayed)).toBe(true);
 * expect(new Set(cases.map((c) => c.state.engine))).toEqual(new Set(["MySQL", "SQLServer", "PostgreSQL", "MariaDB"]));
 * ```
 */
export function acceptedCase(): fc.Arbitrary<BackupCase> {
  return fc.oneof(
    { weight: 4, arbitrary: acceptedSetup().chain(({ shape, options }) => buildCase({ shape, options, history: "acceptable" })) },
    { weight: 1, arbitrary: replayCase() },
  );
}
