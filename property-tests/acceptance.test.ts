/**
 * Property 4 — acceptance: every `acceptedCase()` is accepted; the new state has version + 1,
 * exactly one new job in NoStart (Manual, the resolved method and type, createdAt = now in UTC),
 * at most one ongoing job, the context's idempotency key recorded, and the response echoes the job
 * id and the request id. A replay (a retry with the key of a kept job, asking for the same backup)
 * returns the input state itself, the existing job and its id, with `replayed: true`. The cases
 * cover all four engines, every accepted cell of the capability matrix on every storage type,
 * versions the rule set has never heard of, and replays.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectIs, expectEqual } from "./support/expect-cheaply";
import { acceptedCase, sampleValues } from "../src/arbitraries/index";
import { createBackup } from "../src/index";
import { check, SEED } from "./settings";

const ONGOING = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading"];

function parameter(request: unknown, name: string): string | undefined {
  if (typeof request === "string") return new URLSearchParams(request).get(name) ?? undefined;
  if (request instanceof URLSearchParams) return request.get(name) ?? undefined;
  const value = (request as Record<string, unknown>)[name];
  return typeof value === "string" ? value : JSON.stringify(value);
}

describe("every acceptedCase() is accepted", () => {
  it("with version + 1, one new NoStart job, at most one ongoing job, and the ids echoed; a replay with the input state and the existing job", () => {
    check(
      fc.property(acceptedCase(), ({ state, request, context }) => {
        const decision = createBackup(state, request, context);
        expectIs(decision.ok, true);
        if (!decision.ok) return;
        const keyed =
          context.idempotencyKey === undefined ? undefined : state.jobs.find((job) => job.idempotencyKey === context.idempotencyKey);
        if (keyed !== undefined) {
          expectIs(decision.replayed, true);
          expectIs(decision.state, state);
          expectIs(decision.job.jobId, keyed.jobId);
          expectEqual(decision.job, keyed);
          expectIs(decision.response.BackupJobId, keyed.jobId);
          if (context.requestId !== undefined) expectIs(decision.response.RequestId, context.requestId);
          return;
        }
        expectIs(decision.replayed, undefined);
        expectIs(decision.job.idempotencyKey, context.idempotencyKey);
        expectIs(decision.state.version, (state.version ?? 0) + 1);
        const before = new Set(state.jobs.map((job) => job.jobId));
        const added = decision.state.jobs.filter((job) => !before.has(job.jobId));
        expectEqual(added, [decision.job]);
        const job = decision.job;
        expectIs(job.status, "NoStart");
        expectIs(job.mode, "Manual");
        expectIs(job.method, parameter(request, "BackupMethod") ?? "Physical");
        expectIs(job.backupType, parameter(request, "BackupType") ?? "Auto");
        expectIs(job.createdAt, new Date(new Date(context.now).getTime()).toISOString());
        expectIs(/^[0-9]+$/.test(job.jobId), true);
        if (context.jobId !== undefined) expectIs(job.jobId, context.jobId);
        expectIs(decision.state.jobs.filter((j) => ONGOING.includes(j.status)).length, 1);
        expectIs(decision.response.BackupJobId, job.jobId);
        if (context.requestId !== undefined) expectIs(decision.response.RequestId, context.requestId);
        else expectIs(typeof decision.response.RequestId, "string");
      }),
      120,
    );
  });

  it("covers all four engines and every accepted cell of the capability matrix, new versions, ephemeral_ssd and replays", () => {
    const cells = new Set<string>();
    const seen = new Set<string>();
    let replays = 0;
    for (const { state, request, context } of sampleValues(acceptedCase(), 600, SEED)) {
      const disk = state.storageType === "local_ssd" || state.storageType === "ephemeral_ssd" ? "local" : "cloud";
      cells.add(`${state.engine} ${disk} ${parameter(request, "BackupMethod") ?? "(Physical by default)"}`);
      seen.add(`${state.engine} ${state.engineVersion}`);
      seen.add(state.storageType);
      if (state.jobs.some((job) => job.idempotencyKey !== undefined && job.idempotencyKey === context.idempotencyKey)) replays++;
    }
    for (const expected of [
      "MySQL 8.4",
      "MySQL 9.1",
      "PostgreSQL 18.0",
      "MariaDB 10.6",
      "SQLServer 2022_std_ha",
      "ephemeral_ssd",
      "local_ssd",
    ]) {
      expect(seen, expected).toContain(expected);
    }
    expect(replays).toBeGreaterThan(60);
    expect([...cells].sort()).toEqual(
      [
        "MySQL local Logical",
        "MySQL local Physical",
        "MySQL local (Physical by default)",
        "MySQL cloud Snapshot",
        "SQLServer local Physical",
        "SQLServer local (Physical by default)",
        "SQLServer cloud Physical",
        "SQLServer cloud (Physical by default)",
        "SQLServer cloud Snapshot",
        "PostgreSQL local Physical",
        "PostgreSQL local (Physical by default)",
        "PostgreSQL cloud Physical",
        "PostgreSQL cloud (Physical by default)",
        "PostgreSQL cloud Snapshot",
        "MariaDB cloud Physical",
        "MariaDB cloud (Physical by default)",
      ].sort(),
    );
  });
});
