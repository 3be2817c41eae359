/**
 * The state file across commands, as a newcomer chains them: `check --json` and `advance --json`
 * output is taken back as `--instance` (its `.state`), the file is left as it was unless `--write`
 * writes the new state to it, and the output says which.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replaceFile } from "../../src/cli/node-io";
import { runCli } from "../../src/cli/run-cli";
import { advanceBackupJob, createBackup, parseInstanceState, type InstanceState } from "../../src/index";
import { SAMPLE_INSTANCE } from "../../src/examples/index";
import { fakeIo } from "./fake-io";

const BASE = "Action=CreateBackup&DBInstanceId=rm-demo";
const NOW = ["--now", "2026-03-02T08:00:00Z"];
const uploading = {
  jobId: "5073731",
  status: "Uploading",
  mode: "Manual",
  method: "Physical",
  backupType: "Auto",
  createdAt: "2026-03-02T07:00:00Z",
} as const;
const withJob = JSON.stringify({ ...SAMPLE_INSTANCE, jobs: [uploading], version: 4 });

describe("--instance takes a decision's JSON", () => {
  it("reads .state of check --json output, so a created job can be advanced and a second backup is then refused", async () => {
    const first = fakeIo();
    expect(await runCli(["check", ...NOW, "--json", BASE], first.io)).toBe(0);
    const accepted = JSON.parse(first.stdout()) as { state: unknown };

    const advance = fakeIo({ files: { "decision.json": first.stdout() } });
    expect(await runCli(["advance", "--instance", "decision.json", ...NOW, "--json", "1", "Uploading"], advance.io)).toBe(0);
    expect(JSON.parse(advance.stdout())).toEqual(
      JSON.parse(JSON.stringify(advanceBackupJob(accepted.state as never, { jobId: "1", status: "Uploading" }, { now: NOW[1]! }))),
    );

    const again = fakeIo({ files: { "decision.json": advance.stdout() } });
    expect(await runCli(["check", "--instance", "decision.json", ...NOW, BASE], again.io)).toBe(1);
    expect(again.stdout()).toMatch(/^REFUSED by rule instance\.backup-in-progress\n/);
  });

  it("decides on .state exactly as on the state itself", async () => {
    const decision = createBackup(SAMPLE_INSTANCE, BASE, { now: NOW[1]! });
    if (!decision.ok) throw new Error("the sample request was refused");
    const fromDecision = fakeIo({ files: { "d.json": JSON.stringify(decision) } });
    const fromState = fakeIo({ files: { "s.json": JSON.stringify(decision.state) } });
    await runCli(["check", "--instance", "d.json", ...NOW, "--json", `${BASE}&BackupMethod=Snapshot`], fromDecision.io);
    await runCli(["check", "--instance", "s.json", ...NOW, "--json", `${BASE}&BackupMethod=Snapshot`], fromState.io);
    expect(fromDecision.stdout()).toBe(fromState.stdout());
  });

  it.each([
    [
      "a refusal",
      { ok: false, error: { rule: "instance.not-running" } },
      /holds a refusal or an error, which has no state; give it an instance state, or the --json output of an accepted check or advance \(its \.state is read\)$/,
    ],
    ["a CLI error", { ok: false, cliError: { kind: "usage", message: "…" } }, /holds a refusal or an error, which has no state/],
    ["an accepted decision without state", { ok: true, job: {} }, /holds a decision without \.state/],
    [
      "a decision whose state is invalid",
      { ok: true, state: { ...SAMPLE_INSTANCE, engine: "Oracle" } },
      /is not a valid instance state \(its \.state, read from a decision\): .*state\.engine/,
    ],
  ])("names .state when the file holds %s, exit 2", async (_name, json, message) => {
    const { io, stdout, stderr } = fakeIo({ files: { "d.json": JSON.stringify(json) } });
    expect(await runCli(["check", "--instance", "d.json", BASE], io)).toBe(2);
    expect(stdout()).toBe("");
    expect(stderr()).toMatch(/^rds-backup-rules: instance file "d\.json" [^\n]*\n$/);
    expect(stderr().trimEnd()).toMatch(message);
  });
});

describe("--write", () => {
  it("advance leaves the file as it was without --write, and says so", async () => {
    const { io, stdout, files } = fakeIo({ files: { "state.json": withJob } });
    expect(await runCli(["advance", "--instance", "state.json", ...NOW, "5073731", "Finished"], io)).toBe(0);
    expect(files()["state.json"]).toBe(withJob);
    expect(stdout()).toMatch(
      /\nNot written: state\.json still holds version 4; add --write to write the new state \(version 5\) to it, or --json to print it\n$/,
    );
  });

  it("advance --write writes the new state to the file, and a second advance reads it", async () => {
    const { io, stdout, files } = fakeIo({ files: { "state.json": withJob } });
    expect(await runCli(["advance", "--instance", "state.json", "--write", ...NOW, "5073731", "Finished"], io)).toBe(0);
    expect(stdout()).toMatch(/\nWritten: the new state \(version 5\) to state\.json\n$/);
    const written = JSON.parse(files()["state.json"]!) as unknown;
    const expected = advanceBackupJob(JSON.parse(withJob) as InstanceState, { jobId: "5073731", status: "Finished" }, { now: NOW[1]! });
    expect(written).toEqual(JSON.parse(JSON.stringify(expected.ok && expected.state)));
    expect(parseInstanceState(written).ok).toBe(true);
    const next = fakeIo({ files: files() });
    expect(await runCli(["advance", "--instance", "state.json", ...NOW, "5073731", "Uploading"], next.io)).toBe(1);
    expect(next.stdout()).toMatch(/^REFUSED by rule job\.invalid-transition\n/);
  });

  it("check --write writes the state holding the new job; a refusal or a replay writes nothing", async () => {
    const state = JSON.stringify(SAMPLE_INSTANCE);
    const world = fakeIo({ files: { "state.json": state } });
    expect(await runCli(["check", "--instance", "state.json", "--write", "--idempotency-key", "k-1", ...NOW, BASE], world.io)).toBe(0);
    expect(world.stdout()).toMatch(/\nWritten: the new state \(version 1\) to state\.json\n$/);
    const afterCreate = world.files()["state.json"]!;
    expect(JSON.parse(afterCreate)).toMatchObject({ version: 1, jobs: [{ jobId: "1", status: "NoStart", idempotencyKey: "k-1" }] });

    const refused = fakeIo({ files: { "state.json": afterCreate } });
    expect(await runCli(["check", "--instance", "state.json", "--write", ...NOW, BASE], refused.io)).toBe(1);
    expect(refused.files()["state.json"]).toBe(afterCreate);
    expect(refused.stdout()).not.toMatch(/Written/);

    const replay = fakeIo({ files: { "state.json": afterCreate } });
    expect(await runCli(["check", "--instance", "state.json", "--write", "--idempotency-key", "k-1", ...NOW, BASE], replay.io)).toBe(0);
    expect(replay.files()["state.json"]).toBe(afterCreate);
    expect(replay.stdout()).toMatch(/\nNothing written: the state did not change \(version 1\)\n$/);
  });

  it("writes with --json too, printing only the decision's JSON", async () => {
    const { io, stdout, files } = fakeIo({ files: { "state.json": withJob } });
    expect(await runCli(["advance", "--instance", "state.json", "--write", "--json", ...NOW, "5073731", "Finished"], io)).toBe(0);
    expect((JSON.parse(stdout()) as { state: unknown }).state).toEqual(JSON.parse(files()["state.json"]!));
  });

  it("reads stdin without writing anything, and says where the new state is", async () => {
    const { io, stdout } = fakeIo({ stdin: withJob });
    expect(await runCli(["advance", "--instance", "-", ...NOW, "5073731", "Finished"], io)).toBe(0);
    expect(stdout()).toMatch(/\nNot written: the state came from stdin; --json prints the new state\n$/);
  });

  it.each([
    [
      ["check", "--write", BASE],
      /--write needs --instance FILE: it writes the new state back to that file \(the bundled sample instance has no file\)$/,
    ],
    [
      ["check", "--instance", "-", "--write", BASE],
      /--write needs --instance FILE: .*stdin cannot be written; --json prints the new state\)$/,
    ],
    [["advance", "--instance", "-", "--write", "5073731", "Finished"], /--write needs --instance FILE/],
  ])("%j is a usage error, exit 2", async (args, message) => {
    const { io, stderr } = fakeIo({ stdin: withJob });
    expect(await runCli(args, io)).toBe(2);
    expect(stderr().trimEnd()).toMatch(message);
  });

  it("reports a file it cannot write as one line, exit 2", async () => {
    const { io, stderr } = fakeIo({ files: { "/read-only/state.json": withJob } });
    expect(await runCli(["advance", "--instance", "/read-only/state.json", "--write", ...NOW, "5073731", "Finished"], io)).toBe(2);
    expect(stderr()).toBe(
      `rds-backup-rules: --write: cannot write "/read-only/state.json": EACCES: permission denied, open '/read-only/state.json'\n`,
    );
  });
});

describe("the real file system", () => {
  const dir = mkdtempSync(join(tmpdir(), "rds-write-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("replaces the file whole, through a symbolic link to it, leaving no temporary file", () => {
    const target = join(dir, "state.json");
    const link = join(dir, "link.json");
    writeFileSync(target, "old");
    symlinkSync(target, link);
    replaceFile(link, "new\n");
    expect(readFileSync(target, "utf8")).toBe("new\n");
    expect(readFileSync(link, "utf8")).toBe("new\n");
    expect(readdirSync(dir).sort()).toEqual(["link.json", "state.json"]);
  });
});
