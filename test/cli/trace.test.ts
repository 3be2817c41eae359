/**
 * `check --trace` and `advance --trace`: every rule's verdict, as `traceDecision` and
 * `traceJobUpdate` give it, in a table a person can read and in the JSON.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { createBackup, listViolations, RULES, traceDecision, traceJobUpdate } from "../../src/index";
import { SAMPLE_INSTANCE } from "../../src/examples/index";
import { fakeIo } from "./fake-io";

const BASE = "Action=CreateBackup&DBInstanceId=rm-demo";
const NOW = "2026-03-02T08:00:00Z";
const CONTEXT = { now: NOW, policy: {} };

/** The table's rows: number, rule, verdict, why. */
function tableRows(stdout: string): string[][] {
  return stdout
    .split("\n")
    .filter((line) => /^ *\d+ {2}[a-z]/.test(line))
    .map((line) => {
      const match = /^ *(\d+) {2}(\S+) +(passed|VIOLATED|not checked)(?: +(.*))?$/.exec(line);
      if (match === null) throw new Error(`not a row of the table: ${line}`);
      return [match[1]!, match[2]!, match[3]!, match[4] ?? ""];
    });
}

describe("check --trace", () => {
  const cases = [
    ["accepted", BASE],
    ["refused by three rules", `${BASE}&BackupMethod=Snapshot&BackupStrategy=db`],
    ["refused early, so later rules are not checked", `${BASE}&BackupMethod=Snapshott`],
  ] as const;

  it.each(cases)("prints the decision, then one row per CreateBackup rule with traceDecision's verdict (%s)", async (_name, request) => {
    const { io, stdout } = fakeIo();
    const exit = await runCli(["check", "--now", NOW, "--trace", request], io);
    const trace = traceDecision(SAMPLE_INSTANCE, request, CONTEXT);
    expect(exit).toBe(trace.decision.ok ? 0 : 1);
    expect(stdout()).toMatch(
      trace.decision.ok
        ? /^ACCEPTED: /
        : new RegExp(`^REFUSED by rule ${listViolations(SAMPLE_INSTANCE, request, CONTEXT)[0]!.rule.replaceAll(".", "\\.")}\\n`),
    );
    const rows = tableRows(stdout());
    expect(rows.map(([number, rule]) => [Number(number), rule])).toEqual(RULES.slice(0, 31).map((rule) => [rule.number, rule.id]));
    const words = { passed: "passed", violated: "VIOLATED", "not-checked": "not checked" } as const;
    expect(rows.map(([, , verdict]) => verdict)).toEqual(trace.rules.map((rule) => words[rule.verdict]));
    expect(rows.filter(([, , verdict]) => verdict === "VIOLATED").map(([, rule]) => rule)).toEqual(
      listViolations(SAMPLE_INSTANCE, request, CONTEXT).map((violation) => violation.rule),
    );
    for (const [index, rule] of trace.rules.entries()) {
      const why = rows[index]![3];
      if (rule.verdict === "violated") expect(why).toBe(rule.violation.message);
      if (rule.verdict === "not-checked") expect(`Not checked: ${why}`).toBe(rule.reason);
      if (rule.verdict === "passed") expect(why).toBe(RULES[index]!.title);
    }
    const counts = ["violated", "passed", "not-checked"].map((verdict) => trace.rules.filter((rule) => rule.verdict === verdict).length);
    expect(stdout()).toContain(`\nEvery rule, in precedence order: ${counts[0]} violated, ${counts[1]} passed, ${counts[2]} not checked\n`);
  });

  it.each(cases)("adds the verdicts as `rules` to the decision's JSON with --json (%s)", async (_name, request) => {
    const { io, stdout } = fakeIo();
    await runCli(["check", "--now", NOW, "--trace", "--json", request], io);
    const { rules, ...decision } = JSON.parse(stdout()) as { rules: unknown };
    const trace = traceDecision(SAMPLE_INSTANCE, request, CONTEXT);
    expect(rules).toEqual(JSON.parse(JSON.stringify(trace.rules)));
    expect(decision).toEqual(JSON.parse(JSON.stringify(createBackup(SAMPLE_INSTANCE, request, CONTEXT))));
  });

  it("says why a replay does not judge rules 16-31", async () => {
    const first = createBackup(SAMPLE_INSTANCE, BASE, { now: NOW, idempotencyKey: "nightly" });
    if (!first.ok) throw new Error("the first request was refused");
    const { io, stdout } = fakeIo({ files: { "state.json": JSON.stringify(first.state) } });
    expect(await runCli(["check", "--instance", "state.json", "--now", NOW, "--idempotency-key", "nightly", "--trace", BASE], io)).toBe(0);
    expect(stdout()).toMatch(/^REPLAYED: /);
    const rows = tableRows(stdout());
    expect(rows.filter(([, , verdict]) => verdict === "not checked").map(([number]) => Number(number))).toEqual(
      Array.from({ length: 16 }, (_, index) => index + 16),
    );
    expect(rows[15]![3]).toMatch(/^the request repeats backup job 1, created with the same idempotency key/);
  });

  it("prints no table and no `rules` without --trace", async () => {
    const text = fakeIo();
    await runCli(["check", "--now", NOW, BASE], text.io);
    expect(text.stdout()).not.toContain("Every rule");
    const json = fakeIo();
    await runCli(["check", "--now", NOW, "--json", BASE], json.io);
    expect(JSON.parse(json.stdout())).not.toHaveProperty("rules");
  });
});

describe("advance --trace", () => {
  const job = {
    jobId: "1",
    status: "Finished",
    mode: "Manual",
    method: "Physical",
    backupType: "Auto",
    createdAt: "2026-03-02T07:00:00Z",
  } as const;
  const state = { ...SAMPLE_INSTANCE, jobs: [job], version: 2 };

  it("prints the verdicts of rules 1, 2 and 32-34, as traceJobUpdate gives them", async () => {
    const { io, stdout } = fakeIo({ files: { "state.json": JSON.stringify(state) } });
    expect(await runCli(["advance", "--instance", "state.json", "--now", NOW, "--trace", "1", "Uploading"], io)).toBe(1);
    expect(tableRows(stdout()).map(([number, , verdict]) => `${number} ${verdict}`)).toEqual([
      "1 passed",
      "2 passed",
      "32 passed",
      "33 passed",
      "34 VIOLATED",
    ]);
    const json = fakeIo({ files: { "state.json": JSON.stringify(state) } });
    await runCli(["advance", "--instance", "state.json", "--now", NOW, "--trace", "--json", "1", "Uploading"], json.io);
    expect((JSON.parse(json.stdout()) as { rules: unknown }).rules).toEqual(
      JSON.parse(JSON.stringify(traceJobUpdate(state, { jobId: "1", status: "Uploading" }, CONTEXT).rules)),
    );
  });
});
