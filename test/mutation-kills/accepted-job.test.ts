/**
 * Mutation kills (docs/verification.md): the new job holds "the strategy, the DBName items and the
 * retention period as given" (docs/rules.md, "Job lifecycle") — so a job of a request without them has no such
 * fields at all, not fields set to `undefined` (the state is plain JSON).
 */
import { describe, expect, it } from "vitest";
import { createBackup, parseInstanceState } from "../../src/index";

const state = { instanceId: "rm-job", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"], jobs: [] } as const;
const NOW = { now: "2026-03-08T12:00:00Z" };

describe("the accepted job's optional fields", () => {
  it("are absent when the request does not give them", () => {
    const decision = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-job", NOW);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(Object.keys(decision.job).sort()).toEqual(["backupType", "createdAt", "jobId", "method", "mode", "status"]);
    expect(parseInstanceState(JSON.parse(JSON.stringify(decision.state))).ok).toBe(true);
  });

  it("are the ones given when the request gives them", () => {
    const decision = createBackup(state, "Action=CreateBackup&DBInstanceId=rm-job&BackupMethod=Logical&BackupStrategy=db&DBName=orders&BackupRetentionPeriod=30", NOW);
    expect(decision.ok && decision.job).toMatchObject({ strategy: "db", dbNames: ["orders"], retentionPeriod: 30 });
  });
});

describe("a stored job's optional fields", () => {
  it("stay absent when the stored job has none: in the parsed state and in a replayed job", () => {
    const stored = { jobId: "7", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-08T11:00:00Z" } as const;
    const parsed = parseInstanceState({ ...state, jobs: [stored] });
    expect(parsed.ok && Object.keys(parsed.state.jobs[0] ?? {}).sort()).toEqual(["backupType", "createdAt", "jobId", "method", "mode", "status"]);
    const keyed = { ...stored, idempotencyKey: "k-1" };
    const replay = createBackup({ ...state, jobs: [keyed] }, "Action=CreateBackup&DBInstanceId=rm-job", { ...NOW, idempotencyKey: "k-1" });
    expect(replay.ok && Object.keys(replay.job).sort()).toEqual(["backupType", "createdAt", "idempotencyKey", "jobId", "method", "mode", "status"]);
  });
});
