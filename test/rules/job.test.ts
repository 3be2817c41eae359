/**
 * Rules 32–34 (`src/rules/job-rules.ts`, docs/rules.md): advanceBackupJob's job, status and
 * move (the move refused is a `details` field). The lifecycle as a whole is in lifecycle.test.ts.
 * Split from test/rules.test.ts by rule family (issue 11); tests marked "found by a mutation run"
 * came from test/mutation-kills/.
 */
import { describe, expect, it } from "vitest";
import { advanceBackupJob } from "../../src/index";
import { context, expectMessage, expectRefused, instance, job } from "../support/builders";
import { messageInstance, MESSAGE_NOW } from "../support/message-cases";

describe("rules 32–34: advancing a job", () => {
  it("refuses an unknown jobId, a non-string jobId and a missing update (rule 32)", () => {
    const state = instance({ jobs: [job("1", "Uploading")] });
    expectMessage(
      expectRefused(advanceBackupJob(state, { jobId: "2", status: "Finished" }, context()), "job.not-found", "jobId"),
      '"2"',
      "BackupJobId",
    );
    expectMessage(expectRefused(advanceBackupJob(state, { jobId: 1 } as never, context()), "job.not-found", "jobId"), "the number 1");
    expectMessage(expectRefused(advanceBackupJob(state, null as never, context()), "job.not-found", "update"), "null", "{ jobId, status }");
  });

  it("refuses a status that is not a job status (rule 33), case-sensitively", () => {
    const state = instance({ jobs: [job("1", "Uploading")] });
    for (const status of ["finished", "Done", "", "Running"]) {
      const violation = expectRefused(advanceBackupJob(state, { jobId: "1", status }, context()), "job-status.invalid-value", "status");
      expectMessage(violation, JSON.stringify(status), "NoStart", "Failed");
    }
    expectMessage(
      expectRefused(advanceBackupJob(state, { jobId: "1" } as never, context()), "job-status.invalid-value", "status"),
      "undefined",
    );
  });

  it("refuses a backwards move and any move out of Finished or Failed (rule 34)", () => {
    const uploading = instance({ jobs: [job("1", "Uploading")] });
    const backwards = expectRefused(
      advanceBackupJob(uploading, { jobId: "1", status: "NoStart" }, context()),
      "job.invalid-transition",
      "status",
    );
    expect(backwards).toMatchObject({ details: { jobId: "1", from: "Uploading", to: "NoStart", allowed: ["Finished", "Failed"] } });
    expectMessage(backwards, "Finished or Failed");
    for (const from of ["Finished", "Failed"] as const) {
      const state = instance({ jobs: [job("1", from)] });
      for (const to of ["NoStart", "Uploading", from === "Finished" ? "Failed" : "Finished"]) {
        const violation = expectRefused(advanceBackupJob(state, { jobId: "1", status: to }, context()), "job.invalid-transition", "status");
        expect(violation).toMatchObject({ details: { jobId: "1", from, to, allowed: [] } });
        expectMessage(violation, "final");
      }
    }
  });

  it("checks the context and the state first (rules 1 and 2)", () => {
    const state = instance({ jobs: [job("1", "Uploading")] });
    expectRefused(advanceBackupJob(state, { jobId: "9", status: "x" }, { now: "later" }), "context.invalid", "context.now");
    expectRefused(
      advanceBackupJob({ ...state, status: "Up" } as never, { jobId: "9", status: "x" }, context()),
      "state.invalid",
      "state.status",
    );
  });
});

describe("what an advanceBackupJob message claims is true", () => {
  // Found by a mutation run (docs/verification.md): a message claims only what is true, and the fix it suggests is accepted.
  it("advanceBackupJob: a string id that is not kept is 'not kept', and a string status that is not a status is named as such", () => {
    const state = messageInstance({
      jobs: [
        { jobId: "7", status: "Uploading", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-03-08T11:00:00Z" },
      ],
    });
    const notKept = advanceBackupJob(state, { jobId: "424242", status: "Finished" }, MESSAGE_NOW);
    expect(!notKept.ok && notKept.error.rule).toBe("job.not-found");
    expect(!notKept.ok && notKept.error.message).toMatch(/^No backup job "424242" is kept/);
    const done = advanceBackupJob(state, { jobId: "7", status: "Done" }, MESSAGE_NOW);
    expect(!done.ok && done.error.rule).toBe("job-status.invalid-value");
    expect(!done.ok && done.error.message).toMatch(/^"Done" is not a backup job status/);
  });
});
