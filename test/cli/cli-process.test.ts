/**
 * The CLI as a process: the entry point wires argv, stdin, stdout, stderr, the clock and the exit
 * code. Bundles `src/cli/main.ts` with tsup as the package build does (into a scratch folder
 * inside node_modules, so its dependencies resolve), then runs the processes all at once to keep
 * the suite fast. The published `dist/cli.js` is checked from the installed tarball by
 * `npm run check:package`.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "tsup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_INSTANCE } from "../../src/examples/sample-instance";

const root = resolve(import.meta.dirname, "../..");
const scratch = join(root, "node_modules", ".cache");
let bundle: string;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], input?: string): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [bundle, ...args], { cwd: root, encoding: "utf8" }, (error, stdout, stderr) =>
      done({ status: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr }),
    );
    child.stdin?.end(input ?? "");
  });
}

const BASE = "Action=CreateBackup&DBInstanceId=rm-demo";
const stopped = JSON.stringify({ ...SAMPLE_INSTANCE, status: "Stopped" });
let runs: Record<"accepted" | "refusedFromStdin" | "refusedFromFile" | "missingFile" | "invalidJson" | "version", Run>;
let before: number;
let after: number;

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  const outDir = mkdtempSync(join(scratch, "cli-process-test-"));
  await build({ entry: { cli: join(root, "src/cli/main.ts") }, format: ["esm"], outDir, target: "node20", config: false, silent: true });
  bundle = join(outDir, "cli.js");
  const file = join(mkdtempSync(join(tmpdir(), "rds-cli-")), "state.json");
  writeFileSync(file, stopped);
  before = Date.now();
  const [accepted, refusedFromStdin, refusedFromFile, missingFile, invalidJson, version] = await Promise.all([
    cli(["check", "--json", BASE]),
    cli(["check", "--instance", "-", BASE], stopped),
    cli(["check", "--instance", file, BASE]),
    cli(["check", "--instance", "/nonexistent/state.json", BASE]),
    cli(["check", "--instance", "-", BASE], "{"),
    cli(["--version"]),
  ]);
  after = Date.now();
  runs = { accepted, refusedFromStdin, refusedFromFile, missingFile, invalidJson, version };
});

afterAll(() => {
  if (bundle !== undefined) rmSync(resolve(bundle, ".."), { recursive: true, force: true });
});

describe("the rds-backup-rules process", () => {
  it("exits 0 on an accepted request, deciding with the system clock when --now is absent", () => {
    expect(runs.accepted.status).toBe(0);
    const createdAt = Date.parse((JSON.parse(runs.accepted.stdout) as { job: { createdAt: string } }).job.createdAt);
    expect(createdAt).toBeGreaterThanOrEqual(before);
    expect(createdAt).toBeLessThanOrEqual(after);
  });

  it("exits 1 on a refusal, reading the instance from stdin or from a file", () => {
    for (const run of [runs.refusedFromStdin, runs.refusedFromFile]) {
      expect(run.status).toBe(1);
      expect(run.stdout).toContain("REFUSED by rule instance.not-running");
    }
  });

  it("exits 2 with one line and no stack trace on a missing file or invalid JSON", () => {
    for (const run of [runs.missingFile, runs.invalidJson]) {
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^rds-backup-rules: [^\n]+\n$/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("prints the version of the package.json it belongs to with --version", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(runs.version.status).toBe(0);
    expect(runs.version.stdout).toMatch(new RegExp(`^rds-backup-rules ${version.replaceAll(".", "\\.")} \\(rule set [0-9.]+\\)\n$`));
  });
});
