import type { GroupName, ImplementationName } from "./implementations";
import type { ProfileLine } from "./profile";
import { remainingWork } from "./remaining-work";
import type { BenchResults } from "./results";
import { duration } from "./duration";
import { CHAIN, TARGETS } from "./settings";
import { barChartSvg, formatCount } from "./svg";

export type { BenchResults } from "./results";

const IMPLEMENTATIONS: readonly ImplementationName[] = ["library", "json-rules-engine", "floor"];
const GROUP_LABELS: Readonly<Record<GroupName, string>> = { workload: "whole workload", refusals: "refusals", accepted: "accepted" };

/** One target: what it asks, its limit, what this run measured (and as the report shows it), and whether that is within. */
interface Target {
  readonly name: string;
  readonly limit: number;
  readonly measured: number;
  readonly shown: string;
  readonly met: boolean;
}

/** The measured ratios and targets, derived once for the console and the report. */
function derive(results: BenchResults) {
  const overJsonRulesEngine = (group: GroupName) => results.ratios[group].overJsonRulesEngine;
  const overFloor = (group: GroupName) => results.ratios[group].overFloor;
  const floorOverJsonRulesEngine = (group: GroupName) => results.ratios[group].floorOverJsonRulesEngine;
  const chainDrift = results.chain.replayedLastTenthNs / results.chain.replayedFirstTenthNs;
  const chainDriftInChain = results.chain.lastTenthNs / results.chain.firstTenthNs;
  const refusalBytes = results.timings.library.refusals.bytes;
  const targets: readonly Target[] = [
    {
      name: `library time on refusals ≤ ${TARGETS.refusalsOverFloor}× the floor's`,
      limit: TARGETS.refusalsOverFloor,
      measured: overFloor("refusals"),
      shown: ratio(overFloor("refusals")),
      met: overFloor("refusals") <= TARGETS.refusalsOverFloor,
    },
    {
      name: `library time on accepted decisions ≤ ${TARGETS.acceptedOverFloor}× the floor's`,
      limit: TARGETS.acceptedOverFloor,
      measured: overFloor("accepted"),
      shown: ratio(overFloor("accepted")),
      met: overFloor("accepted") <= TARGETS.acceptedOverFloor,
    },
    {
      name: `bytes allocated per refusal ≤ ${bytes(TARGETS.refusalBytes)}`,
      limit: TARGETS.refusalBytes,
      measured: refusalBytes,
      shown: bytes(refusalBytes),
      met: refusalBytes <= TARGETS.refusalBytes,
    },
  ];
  const growth = [
    {
      name: `chain: time per decision, last 10% ÷ first 10% (replayed in turns) ≤ ${TARGETS.chainDrift}`,
      measured: chainDrift,
      met: chainDrift <= TARGETS.chainDrift,
    },
    {
      name: `chain: job list bounded (≤ ${results.chain.jobBound})`,
      measured: results.chain.maxJobs,
      met: results.chain.maxJobs <= results.chain.jobBound,
    },
    ...(["MySQL", "SQLServer"] as const).map((engine) => ({
      name: `DBName on ${engine}: cost grows as itemsᵏ with k ≤ ${TARGETS.dbNameGrowthExponent} (1 is linear, 2 quadratic)`,
      measured: results.dbNameGrowthExponent[engine],
      met: results.dbNameGrowthExponent[engine] <= TARGETS.dbNameGrowthExponent,
    })),
  ];
  return { overJsonRulesEngine, overFloor, floorOverJsonRulesEngine, chainDrift, chainDriftInChain, targets, growth };
}

/** The console summary, and the growth checks that failed. */
export function printSummary(results: BenchResults): { failures: string[]; lines: string[] } {
  const { overJsonRulesEngine, overFloor, targets, growth } = derive(results);
  const lines = ["", "group            implementation      decisions/s        mean         p50         p99   bytes/decision"];
  for (const group of Object.keys(GROUP_LABELS) as GroupName[]) {
    for (const implementation of IMPLEMENTATIONS) {
      const timing = results.timings[implementation][group];
      lines.push(
        `${group.padEnd(16)} ${implementation.padEnd(18)} ${formatCount(1e9 / timing.meanNs).padStart(12)} ${duration(timing.meanNs).padStart(11)} ${duration(timing.p50Ns).padStart(11)} ${duration(timing.p99Ns).padStart(11)} ${bytes(timing.bytes).padStart(16)}`,
      );
    }
  }
  lines.push("", "ratios (median over rounds of each round's ratio):");
  for (const group of Object.keys(GROUP_LABELS) as GroupName[]) {
    lines.push(
      `  ${group.padEnd(10)} library/json-rules-engine throughput ${ratio(overJsonRulesEngine(group))}   library/floor time ${ratio(overFloor(group))}`,
    );
  }
  lines.push("", "targets:");
  for (const target of targets) lines.push(`  ${target.met ? "met   " : "MISSED"} ${target.name}: ${target.shown}`);
  lines.push("", "growth:");
  lines.push(
    `  chain: ${results.chain.decisions.toLocaleString("en-US")} decisions, ${results.chain.accepted.toLocaleString("en-US")} accepted, max jobs in state ${results.chain.maxJobs}`,
  );
  for (const check of growth)
    lines.push(
      `  ${check.met ? "holds " : "FAILS "} ${check.name}: ${Number.isInteger(check.measured) ? check.measured : check.measured.toFixed(2)}`,
    );
  lines.push("", `bench took ${results.durationSeconds.toFixed(0)} s`);
  return { failures: growth.filter((check) => !check.met).map((check) => check.name), lines };
}

/** The decisions-per-second bar chart of `docs/bench.svg`. */
export function chartSvg(results: BenchResults): string {
  return barChartSvg(
    "CreateBackup decisions per CPU second (higher is better)",
    "decisions per CPU second, median of rounds",
    (Object.keys(GROUP_LABELS) as GroupName[]).map((group) => ({
      label: GROUP_LABELS[group],
      bars: IMPLEMENTATIONS.map((implementation) => ({
        series: implementation,
        value: 1e9 / results.timings[implementation][group].meanNs,
      })),
    })),
  );
}

/** `docs/performance.md`. */
export function performanceReport(results: BenchResults): string {
  const { overJsonRulesEngine, overFloor, floorOverJsonRulesEngine, chainDrift, chainDriftInChain, targets, growth } = derive(results);
  const { machine, workload, chain } = results;
  const table = (header: string[], rows: string[][]): string =>
    [
      `| ${header.join(" | ")} |`,
      `| ${header.map((cell) => (cell === "" || /^[a-z]/i.test(cell) ? "---" : "---:")).join(" | ")} |`,
      ...rows.map((row) => `| ${row.join(" | ")} |`),
    ].join("\n");
  const counts = (record: Readonly<Record<string, number>>): string =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1])
      .map(([name, count]) => `${name} ${count}`)
      .join(", ");
  const profileTable = (lines: readonly ProfileLine[]): string =>
    table(
      ["function (file)", "self %", "total %"],
      lines.map((line) => [`\`${line.name}\``, line.selfPercent.toFixed(1), line.totalPercent.toFixed(1)]),
    );
  return `# Performance

> Generated by \`npm run bench\` on ${machine.date}. Do not edit by hand: change \`bench/\` and run it again.

The rule set sits on the request path of every CreateBackup call, so it must cost next to nothing
and must not slow down as an instance ages. The bench runs one seeded workload through this library,
through [json-rules-engine](https://github.com/CacheControl/json-rules-engine) (the rules engine a
team would reach for) and through a hand-written floor, checks that all three reach the same
decision on every case, then times them side by side.

## Machine

| | |
|---|---|
| CPU | ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB |
| OS | ${machine.os} |
| Node | ${machine.node} (V8 ${machine.v8}) |
| Load average when the bench started | ${machine.loadAverage.map((load) => load.toFixed(2)).join(", ")} |

The numbers come from a **shared 2-core machine** on which other jobs (tests, mutation testing)
may run during the bench: absolute times are noisy, and slower than on a desktop. Every figure is the
median of ${results.rounds} rounds in which the three implementations take turns, and each ratio is the
median of the ratios measured within a round, so load that comes and goes cancels out as far as it can:
the ratios are the meaningful part.

## What runs

- **Workload**: ${workload.cases} cases built from seed ${workload.seed} by \`bench/workload/\` with a
  mulberry32 generator: accepted requests and refusals by all ${workload.rules} CreateBackup rules, each on every
  engine where the rule can fire. By family: ${counts(workload.byFamily)}. By engine:
  ${counts(workload.byEngine)}. Request forms: ${counts(workload.byForm)}. States hold up to a
  dozen recent jobs (some older than 48 hours, so accepting drops them), contexts use five policy
  time zones. Each case carries the outcome the spec gives it, and the bench stops if any
  implementation decides a case differently.
- **library**: \`createBackup(state, request, context)\` on the untrusted arguments: it parses the
  context, the state and the request, walks the rules, and returns a violation with its message or
  a new immutable state (immer) holding the queued job.
- **json-rules-engine** 7.3.1: the 31 CreateBackup rules as its rules (one priority level each, so they run in
  precedence order, stopping at the first that fires) and facts (\`bench/json-rules-engine/\`). It gets
  the same untrusted arguments; facts decode the request and run the plain checks that conditions
  cannot express (state shape, ISO instants, time zones, DBName syntax, the policy day). It returns
  only the rule id.
- **floor**: \`bench/floor.ts\`, the same checks as a chain of plain \`if\`s returning only the rule id,
  on already-typed input: the request is decoded into its parameters before timing. It shares
  the plain checks with the json-rules-engine facts, so both do the same work per check.

Timing uses [mitata](https://github.com/evanwashere/mitata) 1.0.34: after three warm-up passes over
the workload, each round times every implementation on each group of cases twice, 200 ms each:
in batches of 128 calls on a **CPU-time clock** (\`process.cpuUsage()\`, all of the process's threads, so
garbage collection and compilation count but time the other jobs hold the cores does not) for the
**mean**, hence **decisions per CPU second**; and call by call on the wall clock for the **p50 and
p99** latency of a single decision (which on a shared machine includes being descheduled: read p99
with that in mind). The cases of a group are taken in turn, so each counts equally. Each implementation's
measurement starts right after a full \`gc()\`, so none pays for the garbage the one timed before it left
(json-rules-engine's runs to hundreds of kB a decision), while each pays for its own; then one second
of untimed calls on the same cases, because a forced full collection throws away much of the library's
compiled code, and recompiling it took about half a second of decisions at 2–5× their steady cost
(\`bench/measure.ts\`). Without that second (until 2026-11-30) the mean mostly measured the recompilation
([decision 0095](decisions/0095-bench-between-collections.md); the figures measured that way are in
[performance-history.md](performance-history.md)). A natural full collection, every few seconds under load, deoptimized 0–5 functions. **Bytes per decision** are measured in a child
process started with \`--expose-gc\` and a 64 MB young generation: \`process.memoryUsage().heapUsed\` is
read before and after chunks of 64 decisions, after a second of untimed decisions, each chunk started
right after a young-generation collection (\`gc({ type: "minor" })\`: a full one would throw the compiled
code away, and the chunk would count its recompilation, 300–900 B more per refusal); a chunk during
which a collection ran anyway (seen by a \`PerformanceObserver\` on \`gc\` entries) is measured again.
The figure is all memory allocated per decision, garbage included.

## Results

${table(
  ["cases", "implementation", "decisions/s (CPU)", "mean (CPU)", "p50 (wall)", "p99 (wall)", "bytes/decision"],
  (Object.keys(GROUP_LABELS) as GroupName[]).flatMap((group) =>
    IMPLEMENTATIONS.map((implementation) => {
      const timing = results.timings[implementation][group];
      return [
        GROUP_LABELS[group],
        implementation,
        formatCount(1e9 / timing.meanNs),
        duration(timing.meanNs),
        duration(timing.p50Ns),
        duration(timing.p99Ns),
        bytes(timing.bytes),
      ];
    }),
  ),
)}

![Decisions per second of the library, json-rules-engine and the floor](bench.svg)

### Ratios

${table(
  [
    "cases",
    "library ÷ json-rules-engine (throughput)",
    "library ÷ floor (mean time)",
    "library ÷ floor (p50 latency)",
    "floor ÷ json-rules-engine (throughput)",
  ],
  (Object.keys(GROUP_LABELS) as GroupName[]).map((group) => [
    GROUP_LABELS[group],
    ratio(overJsonRulesEngine(group)),
    ratio(overFloor(group)),
    ratio(results.timings.library[group].p50Ns / results.timings.floor[group].p50Ns),
    ratio(floorOverJsonRulesEngine(group)),
  ]),
)}

Throughput and mean-time ratios are the median over rounds of the ratio within each round; the p50
ratio divides the medians of the table. The targets below are judged on the mean (CPU) ratios, which
count everything a decision costs, garbage collection included.

### Targets

${table(
  ["target (issue 11)", "measured", "met"],
  targets.map((target) => [target.name, target.shown, target.met ? "yes" : "**no**"]),
)}

json-rules-engine's throughput is no longer a target (it was 100× in issue 5): the floor, the same checks
and nothing else, is itself only ${ratio(floorOverJsonRulesEngine("workload"))} json-rules-engine's on this workload, so the floor
is the limit the targets measure against; the library's ratio to json-rules-engine is reported above
(${ratio(overJsonRulesEngine("workload"))} on the whole workload). The same numbers, machine-readable, are in \`docs/bench.json\`.

## Growth

A chain of ${chain.decisions.toLocaleString("en-US")} CreateBackup decisions on one MySQL instance over
${chain.days.toLocaleString("en-US")} simulated days (${chain.decisions / chain.days} a day, policy zone Asia/Shanghai, daily limit 12),
each decision given the state the previous one returned; every accepted job is then advanced to
Finished or Failed. ${chain.accepted.toLocaleString("en-US")} were accepted and ${chain.refusedByDailyLimit.toLocaleString("en-US")} refused by the daily limit.
CPU time per \`createBackup\`, measured in the chain (median over blocks of 1% of it, after a warm-up chain
of ${(CHAIN.decisions / 10).toLocaleString("en-US")} decisions): ${duration(chain.firstTenthNs)} in the first 10%, ${duration(chain.lastTenthNs)} in the last 10% (×${chainDriftInChain.toFixed(2)}).
The two tenths run minutes apart, under whatever else the shared machine is doing then, so the check uses the
same decisions **replayed after the chain in alternating turns** (decisions are pure, so each replays exactly):
${duration(chain.replayedFirstTenthNs)} for the first 10%, ${duration(chain.replayedLastTenthNs)} for the last 10% (**×${chainDrift.toFixed(2)}**). The state never held more than
**${chain.maxJobs} jobs**: each accepted decision drops terminal jobs created more than 48 hours earlier, so the state stays
the same size however long the instance lives.

DBName with 1, 100 and 10,000 items, on an instance with as many databases (an accepted
single-database backup; on SQL Server the names are sent upper-case, so each one is folded):

${table(
  ["engine", "items", "time per decision", "extra time per item over 1 item"],
  results.dbNames.map((result) => {
    const one = results.dbNames.find((other) => other.engine === result.engine && other.items === 1);
    const extra = one === undefined || result.items === 1 ? "" : duration((result.meanNs - one.meanNs) / (result.items - 1));
    return [result.engine, result.items.toLocaleString("en-US"), duration(result.meanNs), extra];
  }),
)}

The check fits cost ≈ fixed + c·itemsᵏ through the three sizes: k is the log of the extra time of 10,000
items (over 1) against that of 100 items, over the log of 101, the ratio of the extra items; 1 is linear,
2 quadratic. Every step is linear (split the list, check each name once against a \`Set\` of those seen, look
each up in a \`Set\` of the databases, freeze the arrays), but at 10,000 items those sets and arrays outgrow
the CPU caches and a decision's garbage outlives a young-generation collection, so each item costs two to
three times what it costs at 100 (the profile puts the difference in the \`Set\` lookups of \`parseDbNames\` and
of rule 29): k measures 1.1 to 1.3 on this machine. The check draws the line at ${TARGETS.dbNameGrowthExponent}, halfway to quadratic.

${table(
  ["growth check", "measured", "holds"],
  growth.map((check) => [
    check.name,
    Number.isInteger(check.measured) ? String(check.measured) : check.measured.toFixed(2),
    check.met ? "yes" : "**no**",
  ]),
)}

## Where the library's time goes

CPU profiles of the library alone on the workload's refusals and on its accepted requests, taken by
the bench with V8's sampling profiler (\`node:inspector\`, the profiler behind \`node --cpu-prof\`; the
\`.cpuprofile\` files are written to the system temp directory, for Chrome DevTools). Shares are of the
time the process was busy:

${table(
  ["part of the work (callees included)", "refusals", "accepted"],
  results.profiles.refusals.stages.map((stage, index) => [
    stage.label,
    `${stage.percent.toFixed(0)}%`,
    `${(results.profiles.accepted.stages[index]?.percent ?? 0).toFixed(0)}%`,
  ]),
)}

The rest is the rule walker and its lazily derived facts, and building the results.

**Refusals: top functions**

${profileTable(results.profiles.refusals.top)}

**Accepted: top functions**

${profileTable(results.profiles.accepted.top)}

## History

The fixes made from profiles (each its own commit in \`src/\`, with the numbers measured when it was
made) and the figures of earlier runs of this bench are in [performance-history.md](performance-history.md).

## What remains, and why

${remainingWork(results, { overJsonRulesEngine, overFloor, floorOverJsonRulesEngine })}
`;
}

/**
 * `docs/bench.json`: this run's ratios, bytes per decision and targets, machine-readable. Ratios of
 * mean CPU times are the median over rounds of each round's ratio; p50 ratios divide the medians.
 */
export function benchJson(results: BenchResults): string {
  const { overJsonRulesEngine, overFloor, floorOverJsonRulesEngine, targets } = derive(results);
  const p50OverFloor = (group: GroupName): number => results.timings.library[group].p50Ns / results.timings.floor[group].p50Ns;
  const perGroup = <T>(read: (group: GroupName) => T): Record<GroupName, T> =>
    Object.fromEntries((Object.keys(GROUP_LABELS) as GroupName[]).map((group) => [group, read(group)])) as Record<GroupName, T>;
  const json = {
    date: results.machine.date,
    loadAverage: results.machine.loadAverage,
    node: results.machine.node,
    cores: results.machine.cores,
    workload: { seed: results.workload.seed, cases: results.workload.cases },
    rounds: results.rounds,
    ratios: {
      refusalsMeanOverFloor: overFloor("refusals"),
      acceptedMeanOverFloor: overFloor("accepted"),
      workloadMeanOverFloor: overFloor("workload"),
      refusalsP50OverFloor: p50OverFloor("refusals"),
      acceptedP50OverFloor: p50OverFloor("accepted"),
      workloadP50OverFloor: p50OverFloor("workload"),
      overJsonRulesEngine: overJsonRulesEngine("workload"),
      floorOverJsonRulesEngine: floorOverJsonRulesEngine("workload"),
    },
    bytesPerDecision: perGroup((group) => results.timings.library[group].bytes),
    meanNs: Object.fromEntries(
      IMPLEMENTATIONS.map((implementation) => [implementation, perGroup((group) => results.timings[implementation][group].meanNs)]),
    ),
    targets: targets.map(({ name, limit, measured, met }) => ({ name, limit, measured, met })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function bytes(count: number): string {
  return count < 10_000 ? `${count.toFixed(0)} B` : `${(count / 1_000).toFixed(1)} kB`;
}

function ratio(value: number): string {
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
}
