/**
 * `npm run check:package`: packs the package as npm would publish it, lints the tarball with
 * publint and @arethetypeswrong/cli, and installs it into a fresh project twice over. First alone,
 * as `npm install rds-backup-rules` does: exactly the package and immer are installed, the entries
 * that need no optional peer load, the installed CLI decides, lists and explains, and `serve` exits
 * 2 with the one line that says what to install (the CLI never loads fastify or prom-client
 * otherwise). Then with the optional peers: `import` and `require` of every entry, and the CLI's
 * exit codes from the installed bin (`serve` included, which loads the server chunk).
 * Runs after a build (see the npm script); exits 1 on the first failure.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
if (typeof entry.workedExample === "function") {
  const example = entry.workedExample("instance.not-running");
  if (example.violating.decision.ok || !example.nearMiss.decision.ok || entry.SAMPLE_INSTANCE.instanceId !== "rm-demo") throw new Error("the worked example of instance.not-running is wrong");
}
if (Array.isArray(entry.SERVER_RULES)) {
  if (!entry.SERVER_RULES.some((rule) => rule.id === "signature.mismatch")) throw new Error("SERVER_RULES has no signature.mismatch");
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

/** The entries that need no optional peer: the root, the examples, the store over memory, the server's refusals. */
const PEER_FREE_ENTRIES = ["rds-backup-rules", "rds-backup-rules/examples", "rds-backup-rules/store", "rds-backup-rules/server/errors"];

/** What `serve` prints, on stderr with exit 2, where fastify or prom-client is not installed. */
const SERVE_NEEDS = "rds-backup-rules: serve needs fastify and prom-client: npm install fastify@5 prom-client@15\n";

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
  console.log(
    `      ${packed.filename}: ${packed.size} bytes, ${packed.files.length} files: ${packed.files.map((file) => file.path).join(", ")}`,
  );
  const packedPaths = packed.files.map((file) => file.path);
  const missing = ["package.json", "README.md", "LICENSE", "dist/cli.js", "dist/index.js", "dist/index.cjs"].filter(
    (path) => !packedPaths.includes(path),
  );
  const extra = packedPaths.filter((path) => !["package.json", "README.md", "LICENSE"].includes(path) && !path.startsWith("dist/"));
  step(
    `tarball holds dist, README.md and LICENSE only${missing.length + extra.length === 0 ? "" : ` (missing: ${missing.join(", ")}; extra: ${extra.join(", ")})`}`,
    {
      status: missing.length + extra.length,
      stdout: "",
      stderr: "",
    },
  );

  step("publint (warnings are errors)", runCommand(bin("publint"), ["run", tarball, "--strict"]));
  // engines.node >= 20: node16/nodenext and bundler resolution matter; node10 resolution does not.
  step("attw (profile node16)", runCommand(bin("attw"), [tarball, "--profile", "node16", "--no-emoji", "--no-color"]));

  checkAlone(tarball);

  const project = join(work, "project");
  step("npm init", runCommand("npm", ["init", "-y", "--silent"], { cwd: withDir(project) }));
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
    peerDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  // Optional peers (fast-check, for ./arbitraries) are installed as a user of that entry would, at the version we test with.
  const peers = Object.keys(manifest.peerDependencies ?? {}).map(
    (name) => `${name}@${manifest.devDependencies?.[name] ?? manifest.peerDependencies?.[name] ?? "latest"}`,
  );
  step(
    `npm install <tarball>${peers.length === 0 ? "" : ` ${peers.join(" ")}`}`,
    runCommand("npm", ["install", tarball, ...peers, "--no-audit", "--no-fund", "--prefer-offline", "--silent"], { cwd: project }),
  );

  const entries = Object.keys(manifest.exports).filter((entry) => entry !== "./package.json");
  for (const entry of entries) {
    const specifier = `rds-backup-rules${entry.slice(1)}`;
    step(
      `import "${specifier}"`,
      runScript(project, "check-import.mjs", `import * as entry from ${JSON.stringify(specifier)};\n${CHECK_ENTRY}`),
    );
    step(
      `require("${specifier}")`,
      runScript(project, "check-require.cjs", `const entry = require(${JSON.stringify(specifier)});\n${CHECK_ENTRY}`),
    );
  }

  const cli = join(project, "node_modules", ".bin", "rds-backup-rules");
  const now = ["--now", "2026-03-02T08:00:00Z"];
  step("installed CLI: accepted request exits 0", runCommand(cli, ["check", ...now, "Action=CreateBackup&DBInstanceId=rm-demo"]), 0);
  step(
    "installed CLI: refused request exits 1",
    runCommand(cli, ["check", ...now, "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Snapshot"]),
    1,
  );
  step("installed CLI: usage error exits 2", runCommand(cli, ["check", "--bogus"]), 2);
  step(
    "installed CLI: unreadable instance file exits 2",
    runCommand(cli, ["check", "--instance", join(work, "missing.json"), "Action=CreateBackup"]),
    2,
  );
  const version = runCommand(cli, ["--version", "--json"]);
  step("installed CLI: --version exits 0", version);
  const { version: expectedVersion } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  if ((JSON.parse(version.stdout) as { package?: string }).package !== expectedVersion) {
    console.error(`FAIL  installed CLI: --version printed ${version.stdout.trim()}, expected the package version ${expectedVersion}`);
    throw new StepFailed("--version");
  }
  console.log(`ok    installed CLI: --version is the package's ${expectedVersion}`);
  step(
    "installed CLI: serve refuses a host beyond loopback without the secrets files, exit 2",
    runCommand(cli, ["serve", "--host", "0.0.0.0"]),
    2,
  );
  console.log("package check passed");
} catch (error) {
  if (!(error instanceof StepFailed)) console.error(`FAIL  ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The package installed alone, as `npm install rds-backup-rules` does (from npm's cache when it can:
 * immer is the one dependency): what was installed, the entries and commands that work without the
 * optional peers, and `serve`'s one line.
 */
function checkAlone(tarball: string): void {
  const project = join(work, "alone");
  step("npm init (a project for the package alone)", runCommand("npm", ["init", "-y", "--silent"], { cwd: withDir(project) }));
  const quiet = ["--no-audit", "--no-fund", "--silent"];
  const offline = runCommand("npm", ["install", "--offline", ...quiet, tarball], { cwd: project });
  step(
    `npm install <tarball>${offline.status === 0 ? " --offline" : ""}`,
    offline.status === 0 ? offline : runCommand("npm", ["install", "--prefer-offline", ...quiet, tarball], { cwd: project }),
  );

  const lock = JSON.parse(readFileSync(join(project, "node_modules", ".package-lock.json"), "utf8")) as {
    packages: Record<string, unknown>;
  };
  const installed = Object.keys(lock.packages)
    .map((path) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length))
    .sort();
  const expected = ["immer", "rds-backup-rules"];
  step(`installs exactly ${expected.length} packages, ${expected.join(" and ")} (installed ${installed.length}: ${installed.join(", ")})`, {
    status: JSON.stringify(installed) === JSON.stringify(expected) ? 0 : 1,
    stdout: "",
    stderr: "",
  });

  for (const specifier of PEER_FREE_ENTRIES) {
    step(
      `alone: import "${specifier}"`,
      runScript(project, "check-import.mjs", `import * as entry from ${JSON.stringify(specifier)};\n${CHECK_ENTRY}`),
    );
    step(
      `alone: require("${specifier}")`,
      runScript(project, "check-require.cjs", `const entry = require(${JSON.stringify(specifier)});\n${CHECK_ENTRY}`),
    );
  }

  const dist = join(project, "node_modules", "rds-backup-rules", "dist");
  const importsHttp = (file: string) =>
    /\bfrom\s*["'](?:fastify|prom-client)["']|\bimport\s*["'](?:fastify|prom-client)["']/.test(readFileSync(join(dist, file), "utf8"));
  const loaded = staticClosure(dist, "cli.js");
  const http = loaded.filter(importsHttp);
  const lazy = readdirSync(dist).filter(
    (file) => file.startsWith("cli-") && file.endsWith(".js") && !loaded.includes(file) && importsHttp(file),
  );
  step(
    `alone: dist/cli.js and the ${loaded.length - 1} chunks it imports statically do not import fastify or prom-client; ${lazy.join(", ") || "no chunk"} (loaded by serve) does`,
    {
      status: http.length === 0 && lazy.length > 0 ? 0 : 1,
      stdout: "",
      stderr: `statically loaded: ${loaded.join(", ")}; importing the HTTP stack: ${http.join(", ")}\n`,
    },
  );

  const cli = join(project, "node_modules", ".bin", "rds-backup-rules");
  step(
    "alone: CLI check exits 0",
    runCommand(cli, ["check", "--now", "2026-03-02T08:00:00Z", "--trace", "Action=CreateBackup&DBInstanceId=rm-demo"]),
  );
  step("alone: CLI rules exits 0", runCommand(cli, ["rules"]));
  for (const id of ["instance.not-running", "store.unavailable", "signature.mismatch"])
    step(`alone: CLI explain ${id} exits 0`, runCommand(cli, ["explain", id]));
  const serve = runCommand(cli, ["serve"]);
  step(`alone: CLI serve exits 2 with one line: ${SERVE_NEEDS.trim()}`, {
    status: serve.status === 2 && serve.stderr === SERVE_NEEDS && serve.stdout === "" ? 0 : 1,
    stdout: serve.stdout,
    stderr: serve.stderr,
  });
}

/** A file of `dir` and the files it imports with static `import`s, through their imports (relative specifiers only). */
function staticClosure(dir: string, start: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(dir, file))) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), "utf8");
    for (const [, spec] of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[^"'();]*?\bfrom\s*)?["'](\.\/[^"']+)["']/g))
      visit(spec!.slice(2));
  };
  visit(start);
  return [...seen];
}

function runScript(cwd: string, name: string, source: string): CommandResult {
  writeFileSync(join(cwd, name), source);
  return runCommand(process.execPath, [name], { cwd });
}

function withDir(path: string): string {
  runCommand("mkdir", ["-p", path]);
  return path;
}
