/**
 * The hand-written parts of `docs/performance.md`: the fixes made from profiles (with the numbers
 * measured when each was made) and the explanation of what remains, which quotes this run's
 * measurements. Everything else in the report is generated from the measurements.
 */
import type { GroupName } from "./implementations";
import type { BenchResults } from "./results";
import { TARGETS } from "./settings";
import { duration } from "./duration";

/** One performance fix in `src/`. */
export interface Fix {
  readonly title: string;
  readonly detail: string;
  readonly effect: string;
}

/** The fixes, in the order they were made; numbers are CPU time on the bench machine. */
export const FIXES: readonly Fix[] = [
  {
    title: "The policy day by offset arithmetic (a464b08), then from Intl's offsets alone (b6e40de)",
    detail:
      "`policyDay` built date-fns `TZDate`s (startOfDay, addDays), ~30 µs a call: 27% of an accepted decision. a464b08 " +
      "computed the day from the zone's UTC offset when no clock change was near either midnight, leaving the rest to " +
      "date-fns. Since b6e40de (issue 9) date-fns is gone from `src/`: the day is the span of every instant whose " +
      "local date is that of `now`, from the zone's offsets (read from `Intl`) probed a day apart around the date, " +
      "each change bisected to the second (decision 74); UTC asks `Intl` nothing. On a day with no change near it " +
      "that is five offset lookups.",
    effect: "30 µs → 0.2 µs (UTC), → 7 µs (other zones), measured with a464b08.",
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
  // Issue 11. Ratios below are library ÷ floor, mean CPU time, from an in-process run of the two on the
  // workload's groups (5 rounds taking turns, medians), before and after the commit.
  {
    title: "Facts in slots, the first violation by a loop (9ccfa20)",
    detail:
      "Each decision made a `Map` of facts, a view object whose getters looked facts up by name, and two nested " +
      "generators (`yield*`) to find the first violation; `has` looked each required fact up in the map for each of " +
      "the 31 rules. The facts are now fields of `DecisionFacts` itself, read by getters that rules destructure, and " +
      "`createBackup`/`advanceBackupJob` find the first violation with a plain loop (`listViolations` keeps the generator).",
    effect: "Refusals 3.64× → 2.88× the floor, accepted 3.69× → 3.28×; 11.2 kB → 8.4 kB allocated per refusal, 18.0 kB → 12.8 kB per acceptance.",
  },
  {
    title: "The state read once, field by field (e6fe1f4)",
    detail:
      "`parseState` read each required field twice (once to test it, once to keep it), built every job's path " +
      "(`state.jobs[3]`) before knowing it was needed, read arrays through a closure per item and per job, and " +
      "found repeated job ids with a `Set` and an entries iterator. Each field is now read once into a local (a " +
      "getter read once is a snapshot, which is what the copy is for), a job's path is built only for a message, " +
      "arrays are read by index in plain loops, and a job id is compared with the (dozen at most) earlier ones.",
    effect: "`parseState` on the workload's refusal states 4.6 µs → 3.7 µs.",
  },
  {
    title: "A job's createdAt instant remembered (52398c8)",
    detail:
      "Every decision parsed every stored job's `createdAt` in the state parser, and again in the daily count and " +
      "the pruning, though the same jobs come back decision after decision. `createdAtInstant` keeps up to 4,096 " +
      "valid texts (at most 35 characters each) with their instants (then starts over); the answer is `parseIsoInstant`'s.",
    effect: "`parseState` 3.7 µs → 2.65 µs; `parseIsoInstant` was 7–8% of a refusal and 8% of an acceptance.",
  },
  {
    title: "Rule 1 without closures (da9b818)",
    detail:
      "Rule 1 made two arrow functions per decision to test whether `context.jobId` was taken; under tsx each also " +
      "went through esbuild's `__name` helper, 4–5% of a refusal in the profile. A loop in a named function does the same.",
    effect: "`__name` 4.4–5.4% of a refusal → absent from the profile.",
  },
  {
    title: "Steady policy days remembered per zone (898b7b5)",
    detail:
      "The workload's clocks spread over 60 days and five zones, so the memo of the day each zone answered last " +
      "rarely hit, and every accepted decision asked `Intl` for five offsets (10–12% of an acceptance). A day is " +
      "steady when the zone's offset is the same over all it probes (16 hours either side of the date): then the " +
      "instants of the date are exactly the day's span, and an instant in that span has that day, without asking " +
      "`Intl` even the offset at `now`. Up to 1,024 such days a zone, by the UTC day each starts on (a 24-hour day is found from the UTC day of the instant or the one before).",
    effect: "Accepted 3.18× → 2.53× the floor; Intl's offset reader (10–12% of an acceptance) left the accepted profile's top.",
  },
  {
    title: "Unknown fields found with for…in (74b8239)",
    detail:
      "Every state, job, context and policy was checked for unknown fields through `Object.keys`, an array per " +
      "object. `for…in` walks the same own keys in the same order without allocating (inherited ones are skipped; " +
      "decision 108).",
    effect: "`parseState` on a refusal's state 2.33 kB → 1.51 kB allocated; time unchanged.",
  },
  {
    title: "A plain query string split in place (5140f2d)",
    detail:
      "Each query-string request built a `URLSearchParams` (and its list of pairs) only to be read once. Without " +
      "`%` or `+` nothing is decoded, so the string is split on `&` and the first `=` in place, exactly as " +
      "`URLSearchParams` splits it (a property checks the two agree); other strings still go through it.",
    effect: "`parseRequest` on the workload's refusals 1.42 kB → 1.06 kB allocated.",
  },
  {
    title: "The context without a spread (36d7065)",
    detail: "`parseContext` spread a temporary policy object (and a fresh `{}` when no policy was given) into its result.",
    effect: "`parseContext` ~80 B less allocated per call.",
  },
  {
    title: "Facts found by a switch (6d24d35)",
    detail:
      "`has` read each required fact as `this[name]`, a property read by a computed name, which V8 dispatches " +
      "slowly when the names vary: 12.7% of an accepted decision (self time) in the bench's profile. A `switch` " +
      "over the names calls each getter by its own name.",
    effect: "`has` 12.7% → out of the accepted profile's top twelve (under 2%).",
  },
  {
    title: "Parsers without a closure per call (bf4093a)",
    detail: "`parseState`, `parseContext` and `parseRequest` each made an arrow function per call for `parseSafely` to run; it now takes the input as an argument.",
    effect: "The bench's allocation probe: 3.99–4.0 kB → 3.6–3.9 kB per refusal (three runs each side; the probe varies by ~0.3 kB).",
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

/** The previous run of this bench (docs/performance.md of 2026-11-29), before issue 11's fixes. */
export const BEFORE_ISSUE_11 = { refusalsOverFloor: 5.4, acceptedOverFloor: 8.6, refusalBytes: 10_500, acceptedBytes: 19_300 } as const;

/**
 * The same code (`876ff4d`, after issue 11's fixes) measured the old way, with a full `gc()` before
 * every measurement and every byte count and no untimed calls after it: on the loaded machine
 * (load 6–8) as issue 11's fixes landed, and on the idle one (load 1.1) on 2026-11-30.
 */
export const OLD_METHOD_AFTER_FIXES = {
  loaded: { refusalsOverFloor: 3.9, acceptedOverFloor: 4.5, refusalBytes: 3_800 },
  idle: { refusalsOverFloor: 5.2, acceptedOverFloor: 6.3, refusalBytes: 3_935 },
} as const;

/** What the fixes did overall, and, for each target, how it stands and why, with this run's numbers. */
export function remainingWork(results: BenchResults, ratios: Ratios): string {
  const x = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
  const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
  const share = (group: "refusals" | "accepted", label: string): string =>
    `${(results.profiles[group].stages.find((stage) => stage.label.startsWith(label))?.percent ?? 0).toFixed(0)}%`;
  const overall = Object.entries(BEFORE_AND_AFTER)
    .map(([group, { before, after, speedup }]) => `${group} ${before} µs → ${after} µs (${speedup.toFixed(1)}× faster)`)
    .join(", ");
  const floorCeiling = ratios.floorOverJsonRulesEngine("workload");
  const refusals = ratios.overFloor("refusals");
  const accepted = ratios.overFloor("accepted");
  const refusalBytes = results.timings.library.refusals.bytes;
  const acceptedBytes = results.timings.library.accepted.bytes;
  const verdict = (met: boolean): string => (met ? "met" : "missed");
  const p50 = (group: GroupName): number => results.timings.library[group].p50Ns / results.timings.floor[group].p50Ns;
  const old = OLD_METHOD_AFTER_FIXES;
  return `The fixes before issue 11 took the library's CPU time per decision on this workload from ${overall}
(the source before and after them, measured alike in alternating processes, on the loaded machine). Issue 11's
fixes then took refusals from ${x(BEFORE_ISSUE_11.refusalsOverFloor)} the floor to ${x(old.loaded.refusalsOverFloor)}, accepted decisions from
${x(BEFORE_ISSUE_11.acceptedOverFloor)} to ${x(old.loaded.acceptedOverFloor)}, and the bytes allocated per refusal from ${kB(BEFORE_ISSUE_11.refusalBytes)} to ${kB(old.loaded.refusalBytes)}, as this bench
measured them then.

**The measurement changed after that** ("What runs"). The bench forced a full collection before every
measurement, and a forced collection throws away most of the library's compiled code: its means were
then mostly V8 recompiling it, and its byte counts, taken in the chunk after such a collection, counted
the recompilation's allocations. The same code measured the old way on this idle machine gave
${x(old.idle.refusalsOverFloor)} and ${x(old.idle.acceptedOverFloor)} the floor and ${kB(old.idle.refusalBytes)} per refusal; measured as it runs between collections,
this run gives ${x(refusals)}, ${x(accepted)} and ${kB(refusalBytes)} (${kB(acceptedBytes)} per acceptance). Figures from before this change,
in this file's history and in the fixes above, compare with each other, not with these.

**Refusals within ${TARGETS.refusalsOverFloor}× the floor: ${verdict(refusals <= TARGETS.refusalsOverFloor)} (${x(refusals)}; the typical call, p50, ${x(p50("refusals"))}).** The floor
is given the request already decoded and checks the state and context where they lie, returning only a rule
id. The library starts from the untrusted arguments, and the profile above says where its time goes: parsing
the state into a fresh copy holding only the spec's fields, each field read once (${share("refusals", "parsing the state")} of a refusal —
\`readJob\`, its own-property tests and the \`createdAt\` instants of a dozen jobs), the request and its typed
fields (${share("refusals", "parsing the request")}), the context (${share("refusals", "parsing the context")}), the rule checks with messages that name the value
received and what to send instead (${share("refusals", "rule checks")}), and collecting the garbage (${share("refusals", "garbage")}). The copy is what keeps a
getter or a proxy from answering two rules differently, and it is the state an accepted decision hands to
immer; the floor makes none.

**The whole workload** is further from the floor (${x(ratios.overFloor("workload"))}) than either of its parts: its jobs carry 6,003
different \`createdAt\` texts, more than the 4,096 \`createdAtInstant\` keeps, and taken in turn each is gone
by the time it comes back (a cache that starts over when full misses every time on a cycle longer than
itself). With room for 8,192 the same measurement gave about 2.0×. A service whose instances hold more
distinct job times than that parses them again (about 160 ns a job, three reads a decision); the bound
was left at 4,096 (decision 109).

**Accepted decisions within ${TARGETS.acceptedOverFloor}× the floor: ${verdict(accepted <= TARGETS.acceptedOverFloor)} (${x(accepted)}; p50 ${x(p50("accepted"))}).** Beyond the refusal
path, an accepted decision builds the new state through immer — a frozen tree with the new job, the old
terminal jobs dropped and the version raised (${share("accepted", "the new state")} of an accepted decision; the floor builds no state) —
and formats the job's \`createdAt\`; the policy day is now ${share("accepted", "the policy day")} (steady days remembered per zone).
What is left to take is in the state's parse (${share("accepted", "parsing the state")}) and immer's \`produce\`, which the house rules
keep (state changes through immer, the returned state deeply frozen).

**At most ${kB(TARGETS.refusalBytes)} allocated per refusal: ${verdict(refusalBytes <= TARGETS.refusalBytes)} (${kB(refusalBytes)}).** What a refusal still
allocates is mostly the state's copy (each job an object, the job list and the databases arrays), the
request's parameters (a \`Map\` of them, and the substrings of the query string), the parsed context, and
the violation with its message. The floor allocates ${kB(results.timings.floor.refusals.bytes)} per refusal on the same cases.

**json-rules-engine** (no longer a target): the library has ${x(ratios.overJsonRulesEngine("workload"))} its throughput on the whole
workload, and the floor ${x(floorCeiling)}. json-rules-engine's facts call the same plain functions as the floor;
its cost is the machinery around them (an almanac per decision, every fact through a promise, the 31
rules as 31 priority levels each awaited before the next), so the floor, not json-rules-engine, is the limit.`;
}
