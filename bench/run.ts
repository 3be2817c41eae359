/**
 * `npm run bench`: the seeded workload through this library, json-rules-engine and the floor, the
 * growth checks, then `docs/performance.md`, `docs/bench.svg` and `docs/bench.json` rewritten from the numbers.
 * Exits non-zero when an implementation decides a case differently from the spec, or when a
 * growth check fails; missed speed targets are reported, not fatal.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createBackup } from "../src/index";
import { checkFaithfulness } from "./faithfulness";
import { growthExponent, runChain, timeDbNames, type DbNameResult } from "./growth";
import { GROUPS, implementations, type GroupName, type ImplementationName } from "./implementations";
import { jsonRulesEngineValidator } from "./json-rules-engine/engine";
import { median, medianTiming, timeDecisions, type Timing } from "./measure";
import { cpuProfile, stageShares, summarizeProfile } from "./profile";
import { benchJson, chartSvg, performanceReport, printSummary } from "./report";
import type { BenchResults } from "./results";
import { keepSections, SERVE_SECTION, STORE_SECTION } from "./marked-section";
import { CHAIN, DB_NAME_SIZES, LIBRARY_STAGES, ROUNDS, WORKLOAD_SEED, WORKLOAD_SHAPE } from "./settings";
import { buildWorkload, type WorkloadCase } from "./workload/workload";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = performance.now();
const log = (line: string): void => console.log(line);

const cases = buildWorkload(WORKLOAD_SEED, WORKLOAD_SHAPE);
log(`workload: ${cases.length} cases (seed ${WORKLOAD_SEED}), ${cases.filter(GROUPS.accepted).length} accepted`);

log("checking that the three implementations decide every case as the spec does…");
const disagreements = await checkFaithfulness(cases, jsonRulesEngineValidator());
if (disagreements.length > 0) {
  for (const d of disagreements.slice(0, 20))
    log(`  case ${d.index}: ${d.implementation} gave ${d.actual ?? "accepted"}, the spec ${d.expected ?? "accepted"}`);
  log(`${disagreements.length} disagreements: the encodings are not faithful, so timing them would compare different work. Stopping.`);
  process.exit(1);
}
log("  all agree");

const impls = implementations();
const inputs = new Map<string, unknown[]>();
for (const implementation of impls) {
  for (const [group, includes] of groupEntries())
    inputs.set(`${implementation.name}/${group}`, cases.filter(includes).map(implementation.prepare));
  for (let pass = 0; pass < 3; pass++)
    for (const input of inputs.get(`${implementation.name}/workload`) ?? []) await implementation.decide(input);
}

const rounds = new Map<string, Timing[]>();
for (let round = 1; round <= ROUNDS; round++) {
  log(`timing round ${round}/${ROUNDS}…`);
  for (const [group] of groupEntries()) {
    // Take turns in a different order each round, so no implementation always runs first.
    const order = round % 2 === 0 ? [...impls].reverse() : impls;
    for (const implementation of order) {
      const key = `${implementation.name}/${group}`;
      // Each starts on a collected heap, so none pays for the garbage the one before it left
      // (json-rules-engine leaves hundreds of kB a decision); each still pays for its own.
      globalThis.gc?.();
      const timing = await timeDecisions(inputs.get(key) ?? [], implementation.decide);
      rounds.set(key, [...(rounds.get(key) ?? []), timing]);
    }
  }
}
/** The median over rounds of a ratio of two implementations' mean times, each pair measured in the same round. */
const pairedRatio = (numerator: ImplementationName, denominator: ImplementationName, group: GroupName): number => {
  const above = rounds.get(`${numerator}/${group}`) ?? [];
  const below = rounds.get(`${denominator}/${group}`) ?? [];
  return median(above.map((timing, index) => timing.meanNs / (below[index]?.meanNs ?? NaN)));
};
const ratios = Object.fromEntries(
  groupEntries().map(([group]) => [
    group,
    {
      overJsonRulesEngine: pairedRatio("json-rules-engine", "library", group),
      overFloor: pairedRatio("library", "floor", group),
      floorOverJsonRulesEngine: pairedRatio("json-rules-engine", "floor", group),
    },
  ]),
) as BenchResults["ratios"];

log("measuring bytes allocated per decision (child process, --expose-gc)…");
const bytes = JSON.parse(
  execFileSync(
    process.execPath,
    ["--expose-gc", "--max-semi-space-size=64", "--min-semi-space-size=64", "--import", "tsx", join(ROOT, "bench/allocation-probe.ts")],
    {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  ),
) as Record<ImplementationName, Record<GroupName, number>>;

const timings = Object.fromEntries(
  impls.map((implementation) => [
    implementation.name,
    Object.fromEntries(
      groupEntries().map(([group]) => [
        group,
        { ...medianTiming(rounds.get(`${implementation.name}/${group}`) ?? []), bytes: bytes[implementation.name][group] },
      ]),
    ),
  ]),
) as BenchResults["timings"];

log("profiling the library (node:inspector, as node --cpu-prof)…");
const profileDir = join(os.tmpdir(), "rds-backup-rules-bench");
mkdirSync(profileDir, { recursive: true });
const profiles: { -readonly [K in keyof BenchResults["profiles"]]?: BenchResults["profiles"][K] } = {};
for (const group of ["refusals", "accepted"] as const) {
  const groupCases = cases.filter(GROUPS[group]);
  const profile = await cpuProfile(() => {
    const until = performance.now() + 3_000;
    while (performance.now() < until) for (const c of groupCases) createBackup(c.state, c.request, c.context);
  });
  writeFileSync(join(profileDir, `library-${group}.cpuprofile`), JSON.stringify(profile));
  profiles[group] = { top: summarizeProfile(profile, 12, ROOT), stages: stageShares(profile, LIBRARY_STAGES) };
}
log(`  profiles written to ${profileDir}`);

log(`growth: a warm-up chain, then ${CHAIN.decisions.toLocaleString("en-US")} decisions over ${CHAIN.days.toLocaleString("en-US")} days…`);
runChain(CHAIN.decisions / 10, CHAIN.days / 10, CHAIN.seed + 1);
const chain = runChain(CHAIN.decisions, CHAIN.days, CHAIN.seed);

log("growth: DBName with 1, 100 and 10,000 items…");
const dbNames: DbNameResult[] = [];
for (const engine of ["MySQL", "SQLServer"] as const) dbNames.push(...(await timeDbNames(engine, DB_NAME_SIZES, 5)));
const growthByEngine = {
  MySQL: growthExponent(dbNames.filter((result) => result.engine === "MySQL")),
  SQLServer: growthExponent(dbNames.filter((result) => result.engine === "SQLServer")),
};

const results: BenchResults = {
  machine: {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: os.loadavg(),
    date: new Date().toISOString().slice(0, 10),
  },
  workload: describeWorkload(cases),
  rounds: ROUNDS,
  timings,
  ratios,
  profiles: { refusals: profiles.refusals ?? { top: [], stages: [] }, accepted: profiles.accepted ?? { top: [], stages: [] } },
  chain,
  dbNames,
  dbNameGrowthExponent: growthByEngine,
  durationSeconds: (performance.now() - started) / 1000,
};

const { failures, lines } = printSummary(results);
for (const line of lines) log(line);
writeFileSync(join(ROOT, "docs/bench.svg"), chartSvg(results));
writeFileSync(join(ROOT, "docs/bench.json"), benchJson(results));
// The store section is written by bench/store/run.ts (`npm run bench:store`, which `npm run bench` runs next)
// and the serve section by `npm run bench:serve`: keep both.
const previous = existsSync(join(ROOT, "docs/performance.md")) ? readFileSync(join(ROOT, "docs/performance.md"), "utf8") : "";
writeFileSync(join(ROOT, "docs/performance.md"), keepSections(previous, performanceReport(results), [STORE_SECTION, SERVE_SECTION]));
log("wrote docs/performance.md, docs/bench.svg and docs/bench.json");
if (failures.length > 0) {
  log(`growth checks failed: ${failures.join("; ")}`);
  process.exit(1);
}

function groupEntries(): Array<[GroupName, (workloadCase: WorkloadCase) => boolean]> {
  return Object.entries(GROUPS) as Array<[GroupName, (workloadCase: WorkloadCase) => boolean]>;
}

function describeWorkload(all: readonly WorkloadCase[]): BenchResults["workload"] {
  const count = (key: (workloadCase: WorkloadCase) => string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const workloadCase of all) counts[key(workloadCase)] = (counts[key(workloadCase)] ?? 0) + 1;
    return counts;
  };
  return {
    seed: WORKLOAD_SEED,
    cases: all.length,
    byFamily: count((workloadCase) => workloadCase.family),
    byEngine: count((workloadCase) => workloadCase.engine),
    byForm: count(({ request }) => {
      if (typeof request === "string") return "query string";
      if (request instanceof URLSearchParams) return "URLSearchParams";
      const isObject = typeof request === "object" && request !== null && Object.getPrototypeOf(request) === Object.prototype;
      return isObject ? "object" : "not a request";
    }),
    rules: new Set(all.map((workloadCase) => workloadCase.expected).filter((rule) => rule !== null)).size,
  };
}
