import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { sampleValues, violatingCase } from "../../src/arbitraries/index";
import { formatViolation } from "../../src/cli/format-decision";
import { createBackup, RULES, type CreateBackupRuleId, type DecisionContext, type InstanceState } from "../../src/index";
import { CREATE_BACKUP_RULES } from "../../src/rules/catalog";
import { RULE_EXAMPLES } from "../../src/examples/rule-examples";
import { runExample } from "../../src/examples/run-example";
import { SEED } from "../../property-tests/settings";
import { SAMPLE_INSTANCE } from "../../src/examples/sample-instance";
import { fakeIo } from "./fake-io";

const BASE = "Action=CreateBackup&DBInstanceId=rm-demo";
const CREATE_BACKUP_RULE_IDS = CREATE_BACKUP_RULES.map((rule) => rule.id);

function stateWithJobs(jobs: unknown[]): string {
  return JSON.stringify({ ...SAMPLE_INSTANCE, jobs });
}

const uploading = {
  jobId: "5073731",
  status: "Uploading",
  mode: "Automated",
  method: "Physical",
  backupType: "Auto",
  createdAt: "2026-03-02T07:00:00Z",
};

describe("rds-backup-rules check", () => {
  it("records --idempotency-key on the job, and replays a retry with that key on the state holding it, exit 0", async () => {
    const first = fakeIo();
    expect(await runCli(["check", "--now", "2026-03-02T08:00:00Z", "--idempotency-key", "nightly-1", "--json", BASE], first.io)).toBe(0);
    const accepted = JSON.parse(first.stdout()) as { job: { idempotencyKey?: string }; state: unknown };
    expect(accepted.job.idempotencyKey).toBe("nightly-1");
    const retry = fakeIo({ files: { "state.json": JSON.stringify(accepted.state) } });
    expect(
      await runCli(
        ["check", "--instance", "state.json", "--now", "2026-03-02T08:05:00Z", "--idempotency-key", "nightly-1", BASE],
        retry.io,
      ),
    ).toBe(0);
    expect(retry.stdout()).toMatch(/^REPLAYED: backup job 1 was created for this idempotency key; nothing new is queued\n/);
    expect(retry.stdout()).toMatch(/State: +unchanged, version 1\n/);
    expect(retry.stdout()).toContain('idempotency key "nightly-1"');
  });

  it("refuses a reused --idempotency-key with another backup by rule 15, exit 1", async () => {
    const keyed = { ...uploading, mode: "Manual", idempotencyKey: "nightly-1" };
    const { io, stdout } = fakeIo({ files: { "state.json": stateWithJobs([keyed]) } });
    expect(
      await runCli(
        [
          "check",
          "--instance",
          "state.json",
          "--now",
          "2026-03-02T08:00:00Z",
          "--idempotency-key",
          "nightly-1",
          `${BASE}&BackupType=FullBackup`,
        ],
        io,
      ),
    ).toBe(1);
    expect(stdout()).toMatch(/^REFUSED by rule idempotency-key\.reused\n/);
    expect(stdout()).toMatch(/Parameter: +BackupType\n/);
  });

  it("refuses a malformed --idempotency-key as a usage error, exit 2", async () => {
    const { io, stderr } = fakeIo();
    expect(await runCli(["check", "--now", "2026-03-02T08:00:00Z", "--idempotency-key", "k".repeat(65), BASE], io)).toBe(2);
    expect(stderr()).toContain("--idempotency-key: context.idempotencyKey must be 1 to 64 printable ASCII characters");
  });

  it("accepts on the bundled sample instance, printing the BackupJobId and the job, exit 0", async () => {
    const { io, stdout, stderr } = fakeIo();
    expect(await runCli(["check", "--now", "2026-03-02T08:00:00Z", BASE], io)).toBe(0);
    expect(stdout()).toMatch(/^ACCEPTED/);
    expect(stdout()).toMatch(/BackupJobId: +1\n/);
    // A new job is NoStart, Manual, the default method Physical and type Auto, created at context.now.
    expect(stdout()).toContain("1: NoStart, Manual Physical backup, BackupType Auto, created 2026-03-02T08:00:00.000Z");
    expect(stderr()).toBe("");
  });

  it("reads the clock only when --now is absent, and uses it as the decision's now", async () => {
    const { io, stdout } = fakeIo({ now: "2031-07-04T12:34:56Z" });
    expect(await runCli(["check", BASE], io)).toBe(0);
    expect(stdout()).toContain("created 2031-07-04T12:34:56.000Z");
  });

  it("refuses with the rule id, code, HTTP status, message and the fix, exit 1", async () => {
    const { io, stdout } = fakeIo();
    expect(await runCli(["check", `${BASE}&BackupMethod=Snapshot`], io)).toBe(1);
    const refused = createBackup(SAMPLE_INSTANCE, `${BASE}&BackupMethod=Snapshot`, { now: "2026-03-02T08:00:00Z" });
    if (refused.ok) throw new Error("expected a refusal");
    const out = stdout();
    // Spec rule 20: Snapshot on local disks, InvalidBackupMethod.ValueNotSupport, 400.
    expect(out).toMatch(/^REFUSED by rule backup-method\.snapshot-requires-cloud-disk\n/);
    expect(out).toMatch(/Code: +InvalidBackupMethod\.ValueNotSupport\n/);
    expect(out).toMatch(/HTTP status: +400\n/);
    expect(out).toContain(refused.error.message);
    expect(out).toMatch(/How to fix: +use BackupMethod=Physical\n/);
  });

  it("names the misspelt parameter and suggests the right one", async () => {
    const { io, stdout } = fakeIo();
    expect(await runCli(["check", `${BASE}&BackupMehtod=Logical`], io)).toBe(1);
    expect(stdout()).toContain("REFUSED by rule parameter.unknown");
    expect(stdout()).toContain("did you mean BackupMethod?");
  });

  it("prints the decision as JSON with --json, the same as createBackup returns", async () => {
    for (const query of [BASE, `${BASE}&BackupType=Full`]) {
      const { io, stdout } = fakeIo();
      const exit = await runCli(["check", "--json", "--now", "2026-03-02T08:00:00Z", query], io);
      const expected = createBackup(SAMPLE_INSTANCE, query, { now: "2026-03-02T08:00:00Z", policy: {} });
      expect(JSON.parse(stdout())).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(exit).toBe(expected.ok ? 0 : 1);
    }
  });

  it("decides on the instance read from --instance FILE", async () => {
    const { io, stdout } = fakeIo({ files: { "busy.json": stateWithJobs([uploading]) } });
    expect(await runCli(["check", "--instance", "busy.json", BASE], io)).toBe(1);
    // Spec rule 30: an ongoing job (Automated too) refuses with BackupJobExists, 403.
    expect(stdout()).toContain("REFUSED by rule instance.backup-in-progress");
    expect(stdout()).toMatch(/Code: +BackupJobExists\n/);
    expect(stdout()).toMatch(/HTTP status: +403\n/);
  });

  it("reads the instance from stdin with --instance -", async () => {
    const { io, stdout } = fakeIo({ stdin: JSON.stringify({ ...SAMPLE_INSTANCE, status: "Stopped" }) });
    expect(await runCli(["check", "--instance", "-", BASE], io)).toBe(1);
    expect(stdout()).toContain("REFUSED by rule instance.not-running");
  });

  it("applies --daily-limit and --time-zone to the day's count", async () => {
    // One job 30 minutes before midnight UTC; now is 30 minutes after: another UTC day, the same day in Shanghai (UTC+8).
    const lateJob = { ...uploading, status: "Finished", createdAt: "2026-03-01T23:30:00Z" };
    const files = { "state.json": stateWithJobs([lateJob]) };
    const args = ["check", "--instance", "state.json", "--now", "2026-03-02T00:30:00Z", "--daily-limit", "1"];
    const utc = fakeIo({ files });
    expect(await runCli([...args, BASE], utc.io)).toBe(0);
    const shanghai = fakeIo({ files });
    expect(await runCli([...args, "--time-zone", "Asia/Shanghai", BASE], shanghai.io)).toBe(1);
    expect(shanghai.stdout()).toContain("REFUSED by rule instance.daily-limit-reached");
  });
});

describe("rds-backup-rules check and advance: usage errors exit 2 with one line and no stack trace", () => {
  const cases: [string, string[], Parameters<typeof fakeIo>[0], RegExp][] = [
    ["no request", ["check"], {}, /check needs the request as one argument, like "Action=CreateBackup&DBInstanceId=rm-demo"/],
    [
      "two requests",
      ["check", BASE, "BackupMethod=Physical"],
      {},
      /check takes one request, but 2 arguments were given \(quote the request/,
    ],
    [
      "a URL without a query",
      ["check", "https://rds.aliyuncs.com/"],
      {},
      /the URL "https:\/\/rds\.aliyuncs\.com\/" has no query string; paste the whole request URL/,
    ],
    ["JSON that does not parse", ["check", '{"Action":"CreateBackup",}'], {}, /the request looks like JSON but does not parse: /],
    ["a JSON array", ["check", '["Action=CreateBackup"]'], {}, /the request is JSON, but an array, not an object of parameters/],
    ["an unknown option", ["check", "--instnace", "x.json", BASE], {}, /check: Unknown option '--instnace'; did you mean --instance\?$/],
    ["an option without its value", ["check", BASE, "--now"], {}, /check: Option '--now <value>' argument missing$/],
    [
      "an unreadable file",
      ["check", "--instance", "nope.json", BASE],
      {},
      /cannot read instance file "nope.json": ENOENT: no such file or directory, open 'nope.json'$/,
    ],
    ["advance without --instance", ["advance", "1", "Finished"], {}, /advance needs --instance FILE \(or - for stdin\)/],
    [
      "advance without a status",
      ["advance", "--instance", "-", "1"],
      {},
      /advance takes a job id and a status, like "advance --instance state\.json 5073731 Finished"; received 1 argument/,
    ],
    [
      "a file that is not JSON",
      ["check", "--instance", "bad.json", BASE],
      { files: { "bad.json": "{ instanceId: rm-demo" } },
      /instance file "bad.json" is not valid JSON: /,
    ],
    ["stdin that is not JSON", ["check", "--instance", "-", BASE], { stdin: "" }, /instance JSON on stdin is not valid JSON: /],
    [
      "JSON that is not a valid state",
      ["check", "--instance", "state.json", BASE],
      { files: { "state.json": JSON.stringify({ ...SAMPLE_INSTANCE, engine: "Oracle" }) } },
      /instance file "state.json" is not a valid instance state: .*state\.engine/,
    ],
    [
      "a zoneless --now",
      ["check", "--now", "2026-03-02T08:00:00", BASE],
      {},
      /--now: context\.now must be an ISO 8601 instant with a zone/,
    ],
    ["an unknown --time-zone", ["check", "--time-zone", "Mars/Olympus_Mons", BASE], {}, /--time-zone: .*Mars\/Olympus_Mons/],
    ["a zero --daily-limit", ["check", "--daily-limit", "0", BASE], {}, /--daily-limit: .*positive integer/],
    [
      "a non-numeric --daily-limit",
      ["check", "--daily-limit", "many", BASE],
      {},
      /--daily-limit must be a positive integer; received "many"/,
    ],
  ];

  for (const [name, args, world, message] of cases) {
    it(name, async () => {
      const { io, stdout, stderr } = fakeIo(world);
      expect(await runCli(args, io)).toBe(2);
      expect(stdout()).toBe("");
      expect(stderr()).toMatch(/^rds-backup-rules: [^\n]*\n$/);
      expect(stderr().trimEnd()).toMatch(message);
    });

    it(`${name}, with --json: the same message as JSON on stdout, nothing on stderr`, async () => {
      const text = fakeIo(world);
      await runCli(args, text.io);
      const { io, stdout, stderr } = fakeIo(world);
      expect(await runCli(["--json", ...args], io)).toBe(2);
      expect(stderr()).toBe("");
      const printed = JSON.parse(stdout()) as { ok: boolean; cliError: { kind: string; message: string; violation?: { rule: string } } };
      expect(printed.ok).toBe(false);
      expect(`rds-backup-rules: ${printed.cliError.message}\n`).toBe(text.stderr());
      // An instance file that is JSON but not a valid state carries the library's state.invalid violation.
      expect(printed.cliError.kind).toBe(printed.cliError.violation === undefined ? "usage" : "state");
      if (printed.cliError.violation !== undefined) expect(printed.cliError.violation.rule).toBe("state.invalid");
    });
  }
});

describe("rds-backup-rules check: the request as it is pasted", () => {
  const decided = (request: unknown) => createBackup(SAMPLE_INSTANCE, request, { now: "2026-03-02T08:00:00Z", policy: {} });

  it("takes a pasted request URL's query, whatever the host and path", async () => {
    for (const url of [
      `https://rds.aliyuncs.com/?${BASE}&BackupMethod=Snapshot`,
      `http://localhost:8080/api?${BASE}&BackupMethod=Snapshot#top`,
    ]) {
      const { io, stdout } = fakeIo();
      expect(await runCli(["check", "--json", url], io)).toBe(1);
      expect(JSON.parse(stdout())).toEqual(JSON.parse(JSON.stringify(decided(`${BASE}&BackupMethod=Snapshot`))));
    }
  });

  it("takes a JSON object of parameters, and leaves its values to the rules (a number retention is fine, an array is not)", async () => {
    const accepted = fakeIo();
    expect(await runCli(["check", '{"Action":"CreateBackup","DBInstanceId":"rm-demo","BackupRetentionPeriod":30}'], accepted.io)).toBe(0);
    expect(accepted.stdout()).toMatch(/BackupRetentionPeriod 30/);
    const refused = fakeIo();
    expect(await runCli(["check", '  {"Action":"CreateBackup","DBInstanceId":"rm-demo","DBName":["orders"]}'], refused.io)).toBe(1);
    expect(refused.stdout()).toMatch(/^REFUSED by rule parameter\.malformed\n/);
    expect(refused.stdout()).toMatch(/Parameter: +DBName\n/);
  });

  it("names a parameter sent in the wrong case as the cause of a 'missing' one, and its fix", async () => {
    for (const [request, sent, wanted] of [
      ["action=CreateBackup&DBInstanceId=rm-demo", "action", "Action"],
      ["Action=CreateBackup&DBINSTANCEID=rm-demo", "DBINSTANCEID", "DBInstanceId"],
      ['{"ACTION":"CreateBackup","DBInstanceId":"rm-demo"}', "ACTION", "Action"],
    ] as const) {
      const { io, stdout } = fakeIo();
      expect(await runCli(["check", request], io)).toBe(1);
      expect(stdout()).toContain(`Cause:        the request has "${sent}", not ${wanted}: parameter names are case-sensitive\n`);
      expect(stdout()).toContain(`How to fix:   rename "${sent}" to ${wanted}\n`);
      const json = fakeIo();
      await runCli(["check", "--json", request], json.io);
      expect(JSON.parse(json.stdout())).toMatchObject({
        ok: false,
        error: { parameter: wanted },
        note: { fix: `rename "${sent}" to ${wanted}` },
      });
    }
    // A parameter that is really missing has no such note.
    const { io, stdout } = fakeIo();
    await runCli(["check", "DBInstanceId=rm-demo"], io);
    expect(stdout()).not.toContain("Cause:");
    expect(stdout()).toMatch(/How to fix: +add Action=CreateBackup\n/);
  });

  it("reads an instance file that starts with a UTF-8 byte-order mark", async () => {
    const { io, stdout } = fakeIo({ files: { "bom.json": `\uFEFF${JSON.stringify({ ...SAMPLE_INSTANCE, status: "Stopped" })}` } });
    expect(await runCli(["check", "--instance", "bom.json", BASE], io)).toBe(1);
    expect(stdout()).toContain("REFUSED by rule instance.not-running");
  });

  it("prints the rule's real worked example with a refusal: the refused and the accepted call", async () => {
    const { io, stdout } = fakeIo();
    await runCli(["check", `${BASE}&BackupMethod=Snapshot`], io);
    expect(stdout()).toContain(
      [
        `  Example:      refused:  request ${BASE}&BackupMethod=Snapshot`,
        `                accepted: request ${BASE}&BackupMethod=Physical`,
        `                (both with state rm-demo: MySQL 8.0 on local_ssd, Running; databases orders, users; no jobs; context {"now":"2026-03-02T08:00:00Z","requestId":"example-request"})`,
        "  More:         rds-backup-rules explain backup-method.snapshot-requires-cloud-disk",
      ].join("\n"),
    );
    expect(stdout()).not.toMatch(/Example: +rds-backup-rules/);
  });
});

describe("rds-backup-rules check: How to fix", () => {
  it("is an instruction, never a question, for every rule's refusals", () => {
    const refusals = [
      ...RULES.map((rule) => runExample(RULE_EXAMPLES[rule.id].violating)),
      ...RULES.filter((rule) => (CREATE_BACKUP_RULE_IDS as readonly string[]).includes(rule.id)).flatMap((rule) =>
        sampleValues(violatingCase(rule.id as CreateBackupRuleId), 15, SEED).map((c) =>
          createBackup(c.state as InstanceState, c.request, c.context as DecisionContext),
        ),
      ),
    ];
    let shown = 0;
    for (const decision of refusals) {
      if (decision.ok) throw new Error("expected a refusal");
      const fix = /\n {2}How to fix: +(.*)\n/.exec(formatViolation(decision.error))?.[1];
      if (fix === undefined) continue;
      shown += 1;
      expect(fix).not.toMatch(/\?/);
      // It is the message's own last clause, an imperative.
      expect(decision.error.message.endsWith(`; ${fix}`)).toBe(true);
      expect(fix).toMatch(/^(add|allocate|check|create|give|list|omit|pass|remove|rename|report|retry|set|use|wait|write) /);
    }
    expect(shown).toBeGreaterThan(refusals.length / 2);
  });

  it("turns the suggestion for a misspelt parameter into the rename to make", async () => {
    const { io, stdout } = fakeIo();
    await runCli(["check", `${BASE}&BackupMehtod=Logical`], io);
    expect(stdout()).toMatch(/How to fix: +rename it to BackupMethod\n/);
  });
});
