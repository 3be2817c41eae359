import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { advanceBackupJob } from "../../src/index";
import { SAMPLE_INSTANCE } from "../../src/examples/sample-instance";
import { fakeIo } from "./fake-io";

const uploading = {
  jobId: "5073731",
  status: "Uploading",
  mode: "Manual",
  method: "Physical",
  backupType: "Auto",
  createdAt: "2026-03-02T07:00:00Z",
} as const;
const state = { ...SAMPLE_INSTANCE, jobs: [uploading], version: 4 };
const files = { "state.json": JSON.stringify(state) };
const NOW = "2026-03-02T08:00:00Z";

describe("rds-backup-rules advance", () => {
  it("moves a job forward, printing the job and the new state's version, exit 0", async () => {
    const { io, stdout, stderr } = fakeIo({ files });
    expect(await runCli(["advance", "--instance", "state.json", "--now", NOW, "5073731", "Finished"], io)).toBe(0);
    expect(stdout()).toMatch(/^ACCEPTED: backup job 5073731 is now Finished\n/);
    expect(stdout()).toContain("5073731: Finished, Manual Physical backup, BackupType Auto, created 2026-03-02T07:00:00Z");
    // Every change of state gives version + 1.
    expect(stdout()).toMatch(/New state: +version 5, 1 job\(s\) kept\n/);
    expect(stderr()).toBe("");
  });

  it("says that a repeat of the current status changes nothing, exit 0", async () => {
    const { io, stdout } = fakeIo({ files });
    expect(await runCli(["advance", "--instance", "state.json", "5073731", "Uploading"], io)).toBe(0);
    expect(stdout()).toMatch(/^ACCEPTED, NO CHANGE: backup job 5073731 is already Uploading\n/);
    expect(stdout()).toMatch(/New state: +none: the state given \(version 4\) stands, nothing to store\n/);
  });

  it("refuses a backward move, an unknown job and an unknown status with the rule and its example, exit 1", async () => {
    for (const [jobId, status, rule] of [
      ["5073731", "Checking", "job.invalid-transition"],
      ["42", "Finished", "job.not-found"],
      ["5073731", "Done", "job-status.invalid-value"],
    ] as const) {
      const { io, stdout } = fakeIo({ files });
      expect(await runCli(["advance", "--instance", "state.json", jobId, status], io)).toBe(1);
      expect(stdout()).toMatch(new RegExp(`^REFUSED by rule ${rule.replaceAll(".", "\\.")}\\n`));
      expect(stdout()).toMatch(/Example: +refused: +update \{"jobId"/);
    }
  });

  it("prints the decision as JSON with --json, the same as advanceBackupJob returns, reading the state from stdin", async () => {
    for (const status of ["Finished", "Checking"]) {
      const { io, stdout } = fakeIo({ stdin: JSON.stringify(state) });
      const exit = await runCli(["advance", "--json", "--instance", "-", "--now", NOW, "5073731", status], io);
      const expected = advanceBackupJob(state, { jobId: "5073731", status }, { now: NOW, policy: {} });
      expect(JSON.parse(stdout())).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(exit).toBe(expected.ok ? 0 : 1);
    }
  });

  it("treats an invalid --now as a usage error naming the option, exit 2", async () => {
    const { io, stderr } = fakeIo({ files });
    expect(await runCli(["advance", "--instance", "state.json", "--now", "noon", "5073731", "Finished"], io)).toBe(2);
    expect(stderr()).toMatch(/^rds-backup-rules: --now: context\.now /);
  });
});
