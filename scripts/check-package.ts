/**
 * `npm run check:package`: packs the package as npm would publish it, lints the tarball with
 * publint and @arethetypeswrong/cli, installs it into a fresh project and checks what a user
 * gets: `import` and `require` of every entry, and the CLI's exit codes from the installed bin
 * (`serve` included, which loads the server chunk).
 * Runs after a build (see the npm script); exits 1 on the first failure.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand, type CommandResult } from "./run-command";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string): string => join(root, "node_modules", ".bin", name);
const work = mkdtempSync(join(tmpdir(), "rds-backup-rules-package-"));

/** Run after loading `entry`: it exports something; the root entry decides a request, the store entry commits one, the PostgreSQL entry builds a store, the server entry answers a call. */
const CHECK_ENTRY = `
const names = Object.keys(entry).filter((name) => name !== "default" && name !== "__esModule");
if (names.length === 0) throw new Error("the entry exports nothing");
if (typeof entry.createBackup === "function") {
  const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [] };
  const decision = entry.createBackup(state, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-03-02T08:00:00Z" });
  if (!decision.ok || entry.RULES.length !== 34) throw new Error("createBackup did not accept the sample request");
}
if (typeof entry.createBackupIn === "function") {
  const store = entry.memoryStore();
  const instance = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [] };
  entry.registerInstance(store, instance)
    .then(() => entry.createBackupIn(store, "Action=CreateBackup&DBInstanceId=rm-1", { now: "2026-03-02T08:00:00Z" }))
    .then((decision) => {
      if (!decision.ok || decision.attempts !== 1) throw new Error("createBackupIn did not accept the sample request");
      return entry.checkStateStore(() => entry.memoryStore());
    })
    .catch((error) => { console.error(error.message); process.exitCode = 1; });
}
if (typeof entry.postgresStore === "function") {
  // No server here: a pool that cannot connect, whose failure the store passes on.
  const store = entry.postgresStore({ query: () => Promise.reject(new Error("ECONNREFUSED")) });
  if (typeof entry.migrate !== "function") throw new Error("the entry has no migrate");
  store.load("rm-1").then(
    () => { console.error("load resolved without a server"); process.exitCode = 1; },
    (error) => { if (error.message !== "ECONNREFUSED") { console.error(error.message); process.exitCode = 1; } },
  );
}
if (typeof entry.createServer === "function") {
  const built = entry.createServer({ store: { load: async () => undefined, compareAndSet: async () => false }, log: false });
  if (!built.ok) throw new Error(built.message);
  built.server.inject({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-1" })
    .then((answer) => {
      if (answer.statusCode !== 404 || answer.json().Code !== "InvalidDBInstanceId.NotFound") throw new Error("the server did not answer DescribeBackupTasks: " + answer.body);
      return built.server.close();
    })
    .catch((error) => { console.error(error.message); process.exitCode = 1; });
}
console.log(names.length + " exports");
`;

/** A step that did not end as expected; already reported. */
class StepFailed extends Error {}

function step(title: string, result: CommandResult, expected = 0): void {
  if (result.status === expected) {
    console.log(`ok    ${title}`);
    return;
  }
  console.error(`FAIL  ${title}: exit ${String(result.status)}, expected ${expected}\n${result.stdout}${result.stderr}`);
  throw new StepFailed(title);
}

try {
  const pack = runCommand("npm", ["pack", "--pack-destination", work, "--json", "--silent"], { cwd: root });
  step("npm pack", pack);
  const [packed] = JSON.parse(pack.stdout) as [{ filename: string; size: number; files: { path: string }[] }];
  const tarball = join(work, packed.filename);
  console.log(`      ${packed.filename}: ${packed.size} bytes, ${packed.files.length} files: ${packed.files.map((file) => file.path).join(", ")}`);
  const packedPaths = packed.files.map((file) => file.path);
  const missing = ["package.json", "README.md", "LICENSE", "dist/cli.js", "dist/index.js", "dist/index.cjs"].filter((path) => !packedPaths.includes(path));
  const extra = packedPaths.filter((path) => !["package.json", "README.md", "LICENSE"].includes(path) && !path.startsWith("dist/"));
  step(`tarball holds dist, README.md and LICENSE only${missing.length + extra.length === 0 ? "" : ` (missing: ${missing.join(", ")}; extra: ${extra.join(", ")})`}`, {
    status: missing.length + extra.length,
    stdout: "",
    stderr: "",
  });

  step("publint (warnings are errors)", runCommand(bin("publint"), ["run", tarball, "--strict"]));
  // engines.node >= 20: node16/nodenext and bundler resolution matter; node10 resolution does not.
  step("attw (profile node16)", runCommand(bin("attw"), [tarball, "--profile", "node16", "--no-emoji", "--no-color"]));

  const project = join(work, "project");
  step("npm init", runCommand("npm", ["init", "-y", "--silent"], { cwd: withDir(project) }));
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
    peerDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  // Optional peers (fast-check, for ./arbitraries) are installed as a user of that entry would, at the version we test with.
  const peers = Object.keys(manifest.peerDependencies ?? {}).map((name) => `${name}@${manifest.devDependencies?.[name] ?? manifest.peerDependencies?.[name] ?? "latest"}`);
  step(
    `npm install <tarball>${peers.length === 0 ? "" : ` ${peers.join(" ")}`}`,
    runCommand("npm", ["install", tarball, ...peers, "--no-audit", "--no-fund", "--prefer-offline", "--silent"], { cwd: project }),
  );

  const entries = Object.keys(manifest.exports).filter((entry) => entry !== "./package.json");
  for (const entry of entries) {
    const specifier = `rds-backup-rules${entry.slice(1)}`;
    step(`import "${specifier}"`, runScript(project, "check-import.mjs", `import * as entry from ${JSON.stringify(specifier)};\n${CHECK_ENTRY}`));
    step(`require("${specifier}")`, runScript(project, "check-require.cjs", `const entry = require(${JSON.stringify(specifier)});\n${CHECK_ENTRY}`));
  }

  const cli = join(project, "node_modules", ".bin", "rds-backup-rules");
  const now = ["--now", "2026-03-02T08:00:00Z"];
  step("installed CLI: accepted request exits 0", runCommand(cli, ["check", ...now, "Action=CreateBackup&DBInstanceId=rm-demo"]), 0);
  step("installed CLI: refused request exits 1", runCommand(cli, ["check", ...now, "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Snapshot"]), 1);
  step("installed CLI: usage error exits 2", runCommand(cli, ["check", "--bogus"]), 2);
  step("installed CLI: unreadable instance file exits 2", runCommand(cli, ["check", "--instance", join(work, "missing.json"), "Action=CreateBackup"]), 2);
  const version = runCommand(cli, ["--version", "--json"]);
  step("installed CLI: --version exits 0", version);
  const { version: expectedVersion } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  if ((JSON.parse(version.stdout) as { package?: string }).package !== expectedVersion) {
    console.error(`FAIL  installed CLI: --version printed ${version.stdout.trim()}, expected the package version ${expectedVersion}`);
    throw new StepFailed("--version");
  }
  console.log(`ok    installed CLI: --version is the package's ${expectedVersion}`);
  step("installed CLI: serve refuses a host beyond loopback without the secrets files, exit 2", runCommand(cli, ["serve", "--host", "0.0.0.0"]), 2);
  console.log("package check passed");
} catch (error) {
  if (!(error instanceof StepFailed)) console.error(`FAIL  ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}


function runScript(cwd: string, name: string, source: string): CommandResult {
  writeFileSync(join(cwd, name), source);
  return runCommand(process.execPath, [name], { cwd });
}

function withDir(path: string): string {
  runCommand("mkdir", ["-p", path]);
  return path;
}
