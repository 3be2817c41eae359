/**
 * A CPU profile of one server process under one scenario of `bench:serve`, for finding where a
 * request's time goes: `npx tsx bench/serve/profile.ts --scenario hot|describe|many [--server
 * serve|floor] [--cli dist/cli.js] [--requests N] [--out /tmp/serve-hot]`. The server runs with
 * `profile-hook.mjs` preloaded; the profiler runs during the measured load only (after
 * registration and a warm-up), and the summary (self time by part of the stack and by function)
 * is printed and written next to the `.cpuprofile` as Markdown. Memory store only.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { profileMarkdown, summarizeProfile } from "./cpu-profile";
import { load as loadRun } from "./load";
import { processCpuSeconds } from "./machine-load";
import { buildFloor, registerOnFloor, registerOnServe, ROOT, startFloor, startServe, type ServerProcess } from "./servers";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "hot" },
    server: { type: "string", default: "serve" },
    cli: { type: "string" },
    requests: { type: "string", default: "30000" },
    out: { type: "string" },
    top: { type: "string", default: "30" },
  },
});
const scenario = values.scenario;
const requests = Number(values.requests);
const out = values.out ?? `/tmp/bench-serve-${values.server}-${scenario}`;
const DAILY_LIMIT = 20;

async function main(): Promise<void> {
  const preload = join(ROOT, "bench/serve/profile-hook.mjs");
  const env = { BENCH_SERVE_PROFILE_OUT: `${out}.cpuprofile` };
  let server: ServerProcess;
  if (values.server === "floor") {
    buildFloor();
    server = await startFloor({ dailyLimit: DAILY_LIMIT, preload, env });
  } else {
    server = await startServe({ ...(values.cli === undefined ? {} : { cli: values.cli }), dailyLimit: DAILY_LIMIT, preload, env });
  }
  let cpuSeconds = 0;
  const load: typeof loadRun = async (...args) => {
    const before = processCpuSeconds(server.pid);
    const result = await loadRun(...args);
    cpuSeconds = processCpuSeconds(server.pid) - before;
    return result;
  };
  const register = (ids: readonly string[]) =>
    values.server === "floor" ? registerOnFloor(server.base, ids) : registerOnServe(server.base, ids);
  try {
    const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `rm-${prefix}-${index}`);
    const create = (id: string) => `/?Action=CreateBackup&DBInstanceId=${id}`;
    let run: (amount: number, prefix: string) => Promise<unknown>;
    if (scenario === "hot") {
      await register(["rm-hot"]);
      run = (amount) => load(server.base, amount, () => create("rm-hot"));
    } else if (scenario === "describe") {
      const listed = ids("listed", 2000);
      await register(listed);
      await load(server.base, listed.length, (index) => create(listed[index]!));
      run = (amount) => load(server.base, amount, (index) => `/?Action=DescribeBackupTasks&DBInstanceId=${listed[index % listed.length]}`);
    } else {
      run = async (amount, prefix) => {
        const fresh = ids(prefix, amount);
        await register(fresh);
        const signal = prefix === "measured" ? () => server.signal("SIGUSR2") : () => undefined;
        signal();
        const result = await load(server.base, amount, (index) => create(fresh[index]!));
        signal();
        return result;
      };
    }
    await run(Math.min(requests, 5000), "warm");
    if (scenario !== "many") server.signal("SIGUSR2");
    const result = await run(requests, "measured");
    if (scenario !== "many") server.signal("SIGUSR2");
    process.stderr.write(
      `${JSON.stringify(result)}\n${values.server}: ${((cpuSeconds * 1e6) / requests).toFixed(1)} µs of CPU per request\n`,
    );
    const deadline = Date.now() + 30_000;
    while (!server.output().includes("bench:profile written") && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
  } finally {
    await server.stop();
  }
  const markdown = profileMarkdown(summarizeProfile(`${out}.cpuprofile`), Number(values.top));
  writeFileSync(`${out}.md`, `${markdown}\n`);
  process.stdout.write(`${markdown}\n\n(${out}.cpuprofile, ${out}.md)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
