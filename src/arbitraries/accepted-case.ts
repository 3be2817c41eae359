import fc from "fast-check";
import { buildCase, type BackupCase } from "./backup-case";
import { acceptedSetup } from "./capability";
import { replayCase } from "./idempotency-cases";
import { onlyOnTheWire, type DrawOptions, type RequestDrawn } from "./wire";

/**
 * `{ state, request, context }` that `createBackup` accepts: every accepted cell of the capability
 * matrix on all four engines (the method given or by default), on every storage type (`local_ssd`
 * and `ephemeral_ssd` as local disks), at versions RDS offers and ones the rule set has never heard
 * of (MySQL 8.4 and 9.1, PostgreSQL 18.0, SQL Server 2022_std_ha…), every option that fits it,
 * jobs of today and earlier under the daily limit and none ongoing, with or without a fresh
 * idempotency key, in every request form and time-zone family. About one case in five is a
 * replay instead: a retry with the key of a kept job, asking for the same backup, whatever
 * happened since (accepted with `replayed: true` and the input state itself). With `{ wire }`,
 * only requests that arrive over HTTP (see `DrawOptions`).
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { acceptedCase, sampleValues } from "rds-backup-rules/arbitraries";
 *
 * const cases = sampleValues(acceptedCase(), 60);
 * const decisions = cases.map(({ state, request, context }) => createBackup(state, request, context));
 * expect(decisions.every((decision) => decision.ok)).toBe(true);
 * expect(decisions.some((decision) => decision.ok && decision.replayed)).toBe(true);
 * expect(new Set(cases.map((c) => c.state.engine))).toEqual(new Set(["MySQL", "SQLServer", "PostgreSQL", "MariaDB"]));
 * const queries: fc.Arbitrary<BackupCase<string>> = acceptedCase({ wire: "query" });
 * expect(sampleValues(queries, 10).every((c) => typeof c.request === "string" && createBackup(c.state, c.request, c.context).ok)).toBe(true);
 * ```
 */
export function acceptedCase<Options extends DrawOptions | undefined = undefined>(
  options?: Options,
): fc.Arbitrary<BackupCase<RequestDrawn<Options>>> {
  const cases = fc.oneof(
    {
      weight: 4,
      arbitrary: acceptedSetup().chain(({ shape, options: backup }) => buildCase({ shape, options: backup, history: "acceptable" })),
    },
    { weight: 1, arbitrary: replayCase() },
  );
  return onlyOnTheWire(cases, options) as fc.Arbitrary<BackupCase<RequestDrawn<Options>>>;
}
