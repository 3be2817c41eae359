/**
 * `npm run demo`: a short tour of the rules through the built CLI on the bundled sample instance
 * (rm-demo: MySQL 8.0 on local_ssd, Running, databases orders and users). It builds first (see
 * the npm script), runs each command as a user would, and fails if an exit code is not the one
 * the tour expects.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand, shellQuote } from "./run-command";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cli = resolve(root, "dist/cli.js");
const BASE = "Action=CreateBackup&DBInstanceId=rm-demo";

/** The sample instance with an Automated backup still uploading. */
const BUSY_INSTANCE = JSON.stringify({
  instanceId: "rm-demo",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders", "users"],
  jobs: [
    { jobId: "5073731", status: "Uploading", mode: "Automated", method: "Physical", backupType: "Auto", createdAt: "2026-03-02T07:00:00Z" },
  ],
  version: 12,
});

interface Step {
  readonly title: string;
  readonly args: readonly string[];
  readonly stdin?: string;
  readonly expectedExit: 0 | 1 | 2;
}

const STEPS: readonly Step[] = [
  { title: "A physical backup of the sample instance is accepted and queued", args: ["check", BASE], expectedExit: 0 },
  { title: "A wrong method for the storage: Snapshot on a local disk", args: ["check", `${BASE}&BackupMethod=Snapshot`], expectedExit: 1 },
  {
    title: "A missing database: a single-database backup of `payments`, which the instance does not have",
    args: ["check", `${BASE}&BackupMethod=Logical&BackupStrategy=db&DBName=payments`],
    expectedExit: 1,
  },
  { title: "A misspelt parameter, with the suggestion", args: ["check", `${BASE}&BackupMehtod=Logical`], expectedExit: 1 },
  {
    title: "An ongoing backup: the instance state (read from stdin) has an Automated job still uploading",
    args: ["check", "--instance", "-", BASE],
    stdin: BUSY_INSTANCE,
    expectedExit: 1,
  },
];

let failures = 0;
STEPS.forEach((step, index) => {
  const shown = ["rds-backup-rules", ...step.args].map(shellQuote).join(" ");
  console.log(`\n${index + 1}. ${step.title}\n`);
  console.log(step.stdin === undefined ? `$ ${shown}` : `$ echo ${shellQuote(step.stdin)} \\\n    | ${shown}`);
  const result = runCommand(process.execPath, [cli, ...step.args], step.stdin === undefined ? {} : { input: step.stdin });
  process.stdout.write(result.stdout + result.stderr);
  console.log(`(exit ${String(result.status)})`);
  if (result.status !== step.expectedExit) {
    console.error(`demo: expected exit ${step.expectedExit}, got ${String(result.status)}`);
    failures++;
  }
});

console.log(
  "\nMore: `rds-backup-rules rules` lists all 34 rules, `rds-backup-rules explain RULE_ID` shows one with a worked example, and docs/rules.md has them all.",
);
console.log(
  "\nTo answer RDS callers over HTTP (curl, an Alibaba Cloud SDK, a service in any language): `rds-backup-rules serve`, then\n" +
    "  curl 'http://127.0.0.1:8080/?Action=CreateBackup&DBInstanceId=rm-demo'\n" +
    'See "Serve it" in README.md.',
);
if (failures > 0) process.exitCode = 1;
