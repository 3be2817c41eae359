/**
 * The hand-written parts of `docs/performance.md`: the fixes made from profiles (with the numbers
 * measured when each was made) and the explanation of what remains, which quotes this run's
 * measurements. Everything else in the report is generated from the measurements.
 */
import type { GroupName } from "./implementations";
import type { BenchResults } from "./report";
import { TARGETS } from "./settings";

/** One performance fix in `src/`. */
export interface Fix {
  readonly title: string;
  readonly detail: string;
  readonly effect: string;
}

/** The fixes, in the order they were made; numbers are CPU time on the bench machine. */
export const FIXES: readonly Fix[] = [
  {
    title: "The policy day by offset arithmetic (a464b08)",
    detail:
      "`policyDay` built date-fns `TZDate`s (startOfDay, addDays), ~30 µs a call: 27% of an accepted decision. It now " +
      "computes the day from the zone's UTC offset whenever no clock change is within three hours of either midnight " +
      "(date-fns still decides the rest), and does no Intl lookup at all for UTC. Checked equal to date-fns on " +
      "1,039,835 instants: all 419 zones around each of their 28,273 offset changes from 1950 to 2060, and random " +
      "instants in years 0–9999.",
    effect: "30 µs → 0.2 µs (UTC), → 7 µs (other zones).",
  },
  {
    title: "ISO instants parsed character by character (572da6c, ecf82ff)",
    detail:
      "`parseIsoInstant` (a regular expression and two `Date` objects) ran for every job's `createdAt` three times " +
      "per decision (state, daily count, pruning): 8–10% of every decision. Now digits are read in place and the " +
      "date is day arithmetic; nothing is allocated but the result. Same results on 2,000,008 fuzzed strings.",
    effect: "480 ns → ~160 ns a call, 40 B → 16 B.",
  },
  {
    title: "Pruning read outside the immer draft (da1936d)",
    detail:
      "Testing each job for the 48-hour pruning through the immer draft made a proxy of every job: immer was 29% " +
      "of an accepted decision. The test read the frozen result instead; since 63d36bf (pruning by the jobs a " +
      "decision starts with) it reads the plain jobs before \`produce\`, which keeps the saving.",
    effect: "Immer's share of an accepted decision 29% → 22%.",
  },
  {
    title: "Unknown time-zone names remembered (20b7e56)",
    detail: "Every decision with a misspelt `policy.timeZone` asked `Intl` again, which takes ~30 µs to refuse: 5% of refusals.",
    effect: "29.7 µs → 0.09 µs after the first ask.",
  },
  {
    title: "Parsers stop without a stack trace (a7ff935)",
    detail: "A rejected context or state threw an `Error` subclass whose stack trace nothing reads: 3.6% of refusals.",
    effect: "Parsing an invalid state 7.6 µs → 4.6 µs.",
  },
  {
    title: "State paths built only for messages (a6a000a)",
    detail:
      "`parseState` (24% of a refusal, with the garbage collector at 12%) built the JSON path of every field of " +
      "every job (`state.jobs[3].createdAt`) even when it was valid, and a closure per optional field.",
    effect: "A state with 10 jobs: 8.6 kB → 4.8 kB allocated, 16.4 µs → 13.0 µs.",
  },
  {
    title: "Violations as one object literal (29e268f)",
    detail: "`toViolation` added the parameter through a generic object spread: 3–5% of refusals.",
    effect: "634 ns → 121 ns a call.",
  },
  {
    title: "One lookup per fact (0453d0b)",
    detail: "The rule walker looked each fact up twice and allocated a closure per rule.",
    effect: "Walking the 30 rules' requirements 2.7 µs → 2.3 µs.",
  },
  {
    title: "Nearest parameter name with a length bound (c7f8eff)",
    detail:
      "Refusals by `parameter.unknown` cost 11.7× the floor: the \"did you mean\" suggestion filled a full " +
      "edit-distance table against all 21 known names. Names whose length alone rules them out are skipped, and the " +
      "distance keeps three rows.",
    effect: "29 µs → 2.8 µs; the same suggestion on 300,000 fuzzed names.",
  },
  {
    title: "Advice strings built once (3471274)",
    detail:
      "Rules 9, 11 and 13 built their advice (\"use Logical, Physical or Snapshot, or omit it…\") and an options " +
      "object on every decision, valid or not.",
    effect: "720 B less allocated per decision.",
  },
  {
    title: "No generators in the rule checks (f76a580)",
    detail: "Rules 4 and 8 found the first malformed or unknown parameter through generators over the map's entries.",
    effect: "617 B and 408 B → 105 B each, per decision.",
  },
  {
    title: "The typed request without temporaries (5b84215)",
    detail: "`toBackupRequest` built a temporary array, a closure and three spread objects.",
    effect: "412 B and 691 ns → 88 B and 27 ns a call.",
  },
  {
    title: "A zone's policy day reused while decisions stay on it (eb1cf6e)",
    detail:
      "Decisions come in time order, so most fall on the day their zone computed last; when the offset at `now` is " +
      "the same, so are the day and its probes. One Intl lookup instead of five (UTC needs none).",
    effect: "Asia/Shanghai, same day: 10 µs → 2.3 µs.",
  },
  {
    title: "Request fields without closures (d7d5b47) and the state's version set in place (e6d8be1)",
    detail:
      "`readRequestFields` made a closure per call and per enum field and a reading object per parameter, and gave " +
      "each DBName item a position string even when valid; `parseState` copied the whole state to add its version.",
    effect: "12.8 kB → 11.3 kB allocated per refusal.",
  },
  {
    title: "The new state's parts frozen before immer sees them (d1e8e50)",
    detail:
      "Immer's deep freeze walked every property of every job, array and database name (17% of an accepted " +
      "decision). The job list, its jobs and the databases are frozen first by shape, and immer skips them; the " +
      "result is the same tree, frozen the same.",
    effect: "Accepted decisions 1.09× faster.",
  },
];

/**
 * Before and after all the fixes: the library's CPU time per decision on this workload (µs), the
 * source of e6dd2cd against that of d1e8e50, measured in five pairs of separate processes taking
 * turns (bench/workload, 12 windows of 100 ms CPU each; medians), on the shared machine under
 * load, so the speed-up (median of the five pairs' ratios) is the figure to read.
 */
export const BEFORE_AND_AFTER = {
  refusals: { before: 32.5, after: 10.2, speedup: 3.09 },
  accepted: { before: 87.5, after: 26.5, speedup: 3.39 },
  workload: { before: 54.5, after: 17.1, speedup: 3.12 },
} as const;

/** The measured ratios the explanation quotes. */
export interface Ratios {
  readonly overJsonRulesEngine: (group: GroupName) => number;
  readonly overFloor: (group: GroupName) => number;
  readonly floorOverJsonRulesEngine: (group: GroupName) => number;
}

/** What the fixes did overall, and why each missed target is missed, with this run's numbers. */
export function remainingWork(results: BenchResults, ratios: Ratios): string {
  const x = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
  const share = (group: "refusals" | "accepted", label: string): string =>
    `${(results.profiles[group].stages.find((stage) => stage.label.startsWith(label))?.percent ?? 0).toFixed(0)}%`;
  const overall = Object.entries(BEFORE_AND_AFTER)
    .map(([group, { before, after, speedup }]) => `${group} ${before} µs → ${after} µs (${speedup.toFixed(1)}× faster)`)
    .join(", ");
  const jreTarget = ratios.overJsonRulesEngine("workload");
  const floorCeiling = ratios.floorOverJsonRulesEngine("workload");
  const refusals = ratios.overFloor("refusals");
  const accepted = ratios.overFloor("accepted");
  const verdict = (met: boolean): string => (met ? "met" : "missed");
  return `Together the fixes took the library's CPU time per decision on this workload from ${overall}
(the source before and after them, measured alike in alternating processes, on the loaded machine).

**${TARGETS.overJsonRulesEngine}× json-rules-engine's throughput: ${verdict(jreTarget >= TARGETS.overJsonRulesEngine)} (${x(jreTarget)}).**
The floor — the same checks and nothing else — is itself only ${x(floorCeiling)} faster than json-rules-engine on
this workload, so no validator that makes these checks can reach ${TARGETS.overJsonRulesEngine}×: the ratio is capped by the floor's.
json-rules-engine is not slow at checking: its facts call the same plain functions as the floor. Its cost is
the machinery around them: each decision makes a new almanac, resolves every fact a condition names through a
promise, and runs the 30 rules as 30 priority levels, each awaited before the next, with events emitted
through an async emitter. That is ${x(floorCeiling)} the floor's time and ${x(jreTarget)} the library's. What
the encoding could still shed (fewer, coarser facts; fewer conditions) would make it less of an encoding of
the rules and bring it no nearer the floor than ${x(floorCeiling)}.

**Refusals within ${TARGETS.refusalsOverFloor}× the floor: ${verdict(refusals <= TARGETS.refusalsOverFloor)} (${x(refusals)}).** The floor is given the
request already decoded and checks the state and context where they lie. The library starts from the untrusted
arguments and does what the spec asks of it on every refusal: it decodes the request (a query string through
\`URLSearchParams\`), parses the state into a fresh copy holding only the spec's fields (${share("refusals", "parsing the state")} of a refusal)
— the state it later hands to immer and returns, so a caller's object is never frozen or kept — parses the
context (${share("refusals", "parsing the context")}), reads every parameter into a typed field (${share("refusals", "parsing the request")}), and builds a violation with a message
that names the value received and what to send instead (rule checks and messages ${share("refusals", "rule checks")}); collecting the
garbage all this leaves takes ${share("refusals", "garbage")} more in the profile, and is why the mean is further from the floor's than the
typical call (p50). The fixes above took the easy parts (stack traces, paths, spreads, closures, a slow
suggestion, eager messages); what is left is mostly the copy of the state, which the floor does not make: it
is what makes the library total and pure whatever object it is handed (getters that change or throw on a
second read, proxies), and it is the state that an accepted decision hands to immer. Validating in place
and copying only on acceptance would trade that safety for speed; the spec asks for the safety.

**Accepted decisions within ${TARGETS.acceptedOverFloor}× the floor: ${verdict(accepted <= TARGETS.acceptedOverFloor)} (${x(accepted)}).** Beyond the refusal path, an accepted
decision builds the new state through immer — a frozen tree with the new job, the old terminal jobs dropped and
the version raised (${share("accepted", "the new state")} of an accepted decision) — and computes the policy day (${share("accepted", "the policy day")}). The
workload spreads its clocks over 60 days and five zones, so the per-zone memo of the policy day rarely hits
here; a service deciding in time order (like the chain above) hits it on nearly every decision.`;
}
