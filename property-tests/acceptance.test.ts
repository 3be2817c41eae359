/**
 * Property 4 — acceptance: every `acceptedCase()` is accepted; the new state has version + 1,
 * exactly one new job in NoStart (Manual, the resolved method and type, createdAt = now in UTC),
 * at most one ongoing job, and the response echoes the job id and the request id. The cases
 * cover all four engines and every accepted cell of the capability matrix.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectIs, expectEqual } from "./support/expect-cheaply";
import { acceptedCase, sampleValues } from "../src/arbitraries/index";
import { createBackup, type BackupJob } from "../src/index";
import { check, SEED } from "./settings";

const ONGOING = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading"];

function parameter(request: unknown, name: string): string | undefined {
  if (typeof request === "string") return new URLSearchParams(request).get(name) ?? undefined;
  if (request instanceof URLSearchParams) return request.get(name) ?? undefined;
  const value = (request as Record<string, unknown>)[name];
  return value === undefined ? undefined : String(value);
}

describe("every acceptedCase() is accepted", () => {
  it("with version + 1, one new NoStart job, at most one ongoing job, and the ids echoed", () => {
    check(
      fc.property(acceptedCase(), ({ state, request, context }) => {
        const decision = createBackup(state, request, context);
        expectIs(decision.ok, true);
        if (!decision.ok) return;
        expectIs(decision.state.version, (state.version ?? 0) + 1);
        const before = new Set(state.jobs.map((job) => job.jobId));
        const added = decision.state.jobs.filter((job) => !before.has(job.jobId));
        expectEqual(added, [decision.job]);
        const job = decision.job as BackupJob;
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

  it("covers all four engines and every accepted cell of the capability matrix", () => {
    const cells = new Set<string>();
    for (const { state, request } of sampleValues(acceptedCase(), 400, SEED)) {
      const disk = state.storageType === "local_ssd" ? "local" : "cloud";
      cells.add(`${state.engine} ${disk} ${parameter(request, "BackupMethod") ?? "(Physical by default)"}`);
    }
    expect([...cells].sort()).toEqual(
      [
        "MySQL local Logical", "MySQL local Physical", "MySQL local (Physical by default)", "MySQL cloud Snapshot",
        "SQLServer local Physical", "SQLServer local (Physical by default)", "SQLServer cloud Physical", "SQLServer cloud (Physical by default)", "SQLServer cloud Snapshot",
        "PostgreSQL local Physical", "PostgreSQL local (Physical by default)", "PostgreSQL cloud Physical", "PostgreSQL cloud (Physical by default)", "PostgreSQL cloud Snapshot",
        "MariaDB cloud Physical", "MariaDB cloud (Physical by default)",
      ].sort(),
    );
  });
});
