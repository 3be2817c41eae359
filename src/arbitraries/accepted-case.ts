import fc from "fast-check";
import { buildCase, type BackupCase } from "./backup-case";
import { acceptedSetup } from "./capability";

/**
 * `{ state, request, context }` that `createBackup` accepts: every accepted cell of the capability
 * matrix on all four engines (the method given or by default), every option that fits it, jobs
 * of today and earlier under the daily limit and none ongoing, in every request form and
 * time-zone family.
 *
 * @example
 * ```ts
 * const cases = sampleValues(acceptedCase(), 40);
 * expect(cases.every(({ state, request, context }) => createBackup(state, request, context).ok)).toBe(true);
 * expect(new Set(cases.map((c) => c.state.engine))).toEqual(new Set(["MySQL", "SQLServer", "PostgreSQL", "MariaDB"]));
 * ```
 */
export function acceptedCase(): fc.Arbitrary<BackupCase> {
  return acceptedSetup().chain(({ shape, options }) => buildCase({ shape, options, history: "acceptable" }));
}
