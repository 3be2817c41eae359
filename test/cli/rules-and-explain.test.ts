import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { RULES, RULESET_VERSION } from "../../src/index";
import { RULE_EXAMPLES, runExample } from "../../src/examples/index";
import { SERVER_RULES } from "../../src/server/errors/index";
import { STORE_RULES } from "../../src/store/index";
import { fakeIo } from "./fake-io";

describe("rds-backup-rules rules", () => {
  it("lists the 34 rules in precedence order with code and HTTP status", async () => {
    const { io, stdout } = fakeIo();
    expect(await runCli(["rules"], io)).toBe(0);
    const rows = stdout()
      .split("\n")
      .filter((line) => /^ *\d+ {2}[a-z]/.test(line));
    expect(rows).toHaveLength(34);
    // Rule 15 (new in 1.1), rule 16 and rule 34.
    expect(rows[14]).toMatch(/^ *15 +idempotency-key\.reused +IdempotentParameterMismatch +400 /);
    expect(rows[15]).toMatch(/^ *16 +instance\.not-running +IncorrectDBInstanceState +403 /);
    expect(rows[33]).toMatch(/^ *34 +job\.invalid-transition +IncorrectBackupJobState +409 /);
    RULES.forEach((rule, index) => expect(rows[index]).toContain(` ${rule.id} `));
  });

  it("prints the catalog as JSON with --json", async () => {
    const { io, stdout } = fakeIo();
    expect(await runCli(["rules", "--json"], io)).toBe(0);
    expect(JSON.parse(stdout())).toEqual(RULES);
  });

  it("refuses stray arguments with exit 2", async () => {
    const { io, stderr } = fakeIo();
    expect(await runCli(["rules", "all"], io)).toBe(2);
    expect(stderr()).toContain("rules takes no arguments");
  });
});

describe("rds-backup-rules explain", () => {
  it("prints the rule and its worked example with the exact error the library returns", async () => {
    for (const rule of RULES) {
      const { io, stdout } = fakeIo();
      expect(await runCli(["explain", rule.id], io)).toBe(0);
      const out = stdout();
      expect(out.split("\n")[0]).toBe(`Rule ${RULES.indexOf(rule) + 1} of 34: ${rule.id}`);
      expect(out).toContain(rule.title);
      expect(out).toMatch(new RegExp(`Code: +${rule.code.replaceAll(".", "\\.")}\\n`));
      expect(out).toMatch(new RegExp(`HTTP status: +${rule.httpStatus}\\n`));
      const decision = runExample(RULE_EXAMPLES[rule.id].violating);
      if (decision.ok) throw new Error(`${rule.id}: the example was accepted`);
      const errorJson = JSON.stringify(decision.error, null, 2)
        .split("\n")
        .map((line) => `    ${line}`)
        .join("\n");
      expect(out).toContain(errorJson);
      expect(out).toMatch(rule.id === "idempotency-key.reused" ? /\nNear miss \(replayed: / : /\nNear miss \(accepted: /);
    }
  });

  it("shows the state, request and context of the example, and what the near miss repairs", async () => {
    const { io, stdout } = fakeIo();
    await runCli(["explain", "instance.backup-in-progress"], io);
    expect(stdout()).toMatch(
      /State: +rm-demo: MySQL 8\.0 on local_ssd, Running; databases orders, users; job 1 \(Manual Physical Auto, Uploading, created 2026-03-02T07:00:00Z\)/,
    );
    expect(stdout()).toMatch(/Request: +Action=CreateBackup&DBInstanceId=rm-demo\n/);
    expect(stdout()).toMatch(/Context: +\{"now":"2026-03-02T08:00:00Z","requestId":"example-request"\}/);
    expect(stdout()).toMatch(/the same call with its state repaired:\n.*\n +State: +.*job 1 \(Manual Physical Auto, Finished/);
  });

  it("suggests the nearest rule id for a misspelt one, exit 2", async () => {
    const { io, stdout, stderr } = fakeIo();
    expect(await runCli(["explain", "instance.not-runing"], io)).toBe(2);
    expect(stdout()).toBe("");
    expect(stderr()).toBe(
      'rds-backup-rules: unknown rule "instance.not-runing"; did you mean instance.not-running? (rds-backup-rules rules lists them)\n',
    );
  });

  it("says which function returns the example's error: advanceBackupJob for the job rules", async () => {
    for (const rule of RULES) {
      const { io, stdout } = fakeIo();
      await runCli(["explain", rule.id], io);
      const call = RULE_EXAMPLES[rule.id].violating.call;
      expect(stdout()).toContain(`  Error, exactly as ${call} returns it:\n`);
    }
    const { io, stdout } = fakeIo();
    await runCli(["explain", "job.invalid-transition"], io);
    expect(stdout()).not.toContain("createBackup returns");
  });

  it("accepts a rule's number, from 1 to the last rule", async () => {
    for (const [index, rule] of RULES.entries()) {
      const byNumber = fakeIo();
      const byId = fakeIo();
      expect(await runCli(["explain", String(index + 1)], byNumber.io)).toBe(0);
      await runCli(["explain", rule.id], byId.io);
      expect(byNumber.stdout()).toBe(byId.stdout());
    }
    for (const number of ["0", String(RULES.length + 1)]) {
      const { io, stderr } = fakeIo();
      expect(await runCli(["explain", number], io)).toBe(2);
      expect(stderr()).toBe(
        `rds-backup-rules: there is no rule ${number}; rules are numbered 1 to ${RULES.length} (rds-backup-rules rules lists them)\n`,
      );
    }
  });

  it("suggests the id that contains a fragment, and the rules of an error code", async () => {
    const suggestions: [string, string][] = [
      ["not-running", "did you mean instance.not-running?"],
      ["daily-limit", "did you mean instance.daily-limit-reached?"],
      [
        "logical",
        "did you mean one of backup-method.logical-requires-mysql, backup-method.logical-requires-local-disk, backup-method.logical-requires-database?",
      ],
      ["BackupJobExists", "BackupJobExists is the code of rule instance.backup-in-progress"],
      ["invalidparameter", "invalidparameter is the code of rules request.malformed, parameter.malformed, parameter.unknown"],
    ];
    for (const [given, suggestion] of suggestions) {
      const { io, stderr } = fakeIo();
      expect(await runCli(["explain", given], io)).toBe(2);
      expect(stderr()).toBe(`rds-backup-rules: unknown rule "${given}"; ${suggestion} (rds-backup-rules rules lists them)\n`);
    }
  });

  it("prints the rule, its number, the functions that check it and the decisions of its example as JSON with --json", async () => {
    for (const [index, rule] of RULES.entries()) {
      const { io, stdout } = fakeIo();
      expect(await runCli(["explain", "--json", rule.id], io)).toBe(0);
      const json = JSON.parse(stdout()) as Record<string, unknown> & {
        example: { violating: Record<string, unknown>; nearMiss: Record<string, unknown> };
      };
      expect(json).toMatchObject({ ...rule, number: index + 1 });
      const { violating, nearMiss } = RULE_EXAMPLES[rule.id];
      expect(json.checkedBy).toContain(violating.call);
      expect(json.example.violating.decision).toEqual(JSON.parse(JSON.stringify(runExample(violating))));
      expect(json.example.nearMiss.decision).toEqual(JSON.parse(JSON.stringify(runExample(nearMiss))));
      expect(json.example.violating.decision).toMatchObject({ ok: false, error: { rule: rule.id } });
      expect(json.example.violating[violating.call === "createBackup" ? "request" : "update"]).toBeDefined();
    }
  });

  it("explains every answer of the store and the server from their catalogs, as text and as JSON", async () => {
    const others = [...STORE_RULES.map((rule) => [rule, "Store"] as const), ...SERVER_RULES.map((rule) => [rule, "Server"] as const)];
    expect(others.map(([rule]) => rule.id)).toEqual(
      expect.arrayContaining(["store.unavailable", "store.contention", "signature.mismatch", "admin.token-wrong", "http.route-not-found"]),
    );
    for (const [rule, layer] of others) {
      const text = fakeIo();
      expect(await runCli(["explain", rule.id], text.io)).toBe(0);
      const lines = text.stdout().split("\n");
      expect(lines[0]).toMatch(
        new RegExp(
          `^${layer} outcome: ${rule.id.replaceAll(".", "\\.")} \\(an answer of (the store layer|rds-backup-rules serve), not a rule of the rule set\\)$`,
        ),
      );
      expect(lines[1]).toBe(`  ${rule.title}`);
      expect(text.stdout()).toMatch(
        new RegExp(
          `Code: +${rule.code}\n +HTTP status: +${rule.httpStatus}\n +Answered by: +${layer === "Store" ? "createBackupIn, advanceBackupJobIn, registerInstance, serve" : "serve"}\n`,
        ),
      );
      expect(text.stdout()).toContain(`  ${rule.description}\n`);
      const json = fakeIo();
      expect(await runCli(["explain", "--json", rule.id], json.io)).toBe(0);
      expect(JSON.parse(json.stdout())).toEqual({
        ...rule,
        layer: layer.toLowerCase(),
        answeredBy: layer === "Store" ? ["createBackupIn", "advanceBackupJobIn", "registerInstance", "serve"] : ["serve"],
      });
    }
  });

  it("suggests the store's and the server's ids and codes too", async () => {
    expect(SERVER_RULES.some((rule) => rule.code === "ServiceUnavailable")).toBe(true);
    for (const [given, suggestion] of [
      ["store.unavailble", "did you mean store.unavailable?"],
      ["contention", "did you mean store.contention?"],
      ["OperationConflict", "OperationConflict is the code of store.contention"],
      [
        "ServiceUnavailable",
        `ServiceUnavailable is the code of ${[...STORE_RULES, ...SERVER_RULES]
          .filter((rule) => rule.code === "ServiceUnavailable")
          .map((rule) => rule.id)
          .join(", ")}`,
      ],
    ] as const) {
      const { io, stderr } = fakeIo();
      expect(await runCli(["explain", given], io)).toBe(2);
      expect(stderr()).toBe(`rds-backup-rules: unknown rule "${given}"; ${suggestion} (rds-backup-rules rules lists them)\n`);
    }
  });

  it("gives no suggestion for an id nowhere near a rule, and needs exactly one id", async () => {
    for (const args of [["explain", "quota"], ["explain"], ["explain", "state.invalid", "context.invalid"]]) {
      const { io, stderr } = fakeIo();
      expect(await runCli(args, io)).toBe(2);
      expect(stderr()).not.toContain("did you mean");
    }
  });
});

describe("rds-backup-rules commands and help", () => {
  it("prints the usage on stdout for help, exit 0, and on stderr without a command, exit 2", async () => {
    for (const args of [["help"], ["--help"], ["check", "--help"]]) {
      const { io, stdout } = fakeIo();
      expect(await runCli(args, io)).toBe(0);
      expect(stdout()).toContain("rds-backup-rules check [--instance FILE|-]");
    }
    const { io, stdout, stderr } = fakeIo();
    expect(await runCli([], io)).toBe(2);
    expect(stdout()).toBe("");
    expect(stderr()).toContain("Exit codes: 0 accepted (or replayed), 1 refused, 2 usage error");
  });

  it("prints the package and rule set versions with --version, as text or JSON", async () => {
    const text = fakeIo();
    expect(await runCli(["--version"], text.io)).toBe(0);
    expect(text.stdout()).toBe(`rds-backup-rules 9.8.7 (rule set ${RULESET_VERSION})\n`);
    const json = fakeIo();
    expect(await runCli(["--version", "--json"], json.io)).toBe(0);
    expect(JSON.parse(json.stdout())).toEqual({ package: "9.8.7", ruleSet: RULESET_VERSION });
  });

  it("reports a missing or unknown command as JSON on stdout with --json, exit 2", async () => {
    for (const [args, message] of [
      [["--json"], "no command given (rds-backup-rules help lists the commands)"],
      [["--json", "chek"], 'unknown command "chek"; did you mean check? (rds-backup-rules help lists the commands)'],
      [["explain", "quota", "--json"], 'unknown rule "quota" (rds-backup-rules rules lists them)'],
    ] as const) {
      const { io, stdout, stderr } = fakeIo();
      expect(await runCli(args, io)).toBe(2);
      expect(stderr()).toBe("");
      expect(JSON.parse(stdout())).toEqual({ ok: false, cliError: { kind: "usage", message } });
    }
  });

  it("refuses an unknown command with the nearest one, exit 2", async () => {
    const { io, stderr } = fakeIo();
    expect(await runCli(["chek", "Action=CreateBackup"], io)).toBe(2);
    expect(stderr()).toBe('rds-backup-rules: unknown command "chek"; did you mean check? (rds-backup-rules help lists the commands)\n');
  });
});
