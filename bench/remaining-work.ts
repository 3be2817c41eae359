/**
 * The hand-written part of `docs/performance.md` that explains the targets: for each, how it stands
 * and why, quoting this run's measurements. The history of the performance work is in
 * `docs/performance-history.md`, not here.
 */
import type { GroupName } from "./implementations";
import type { BenchResults } from "./results";
import { TARGETS } from "./settings";

/** The measured ratios the explanation quotes. */
export interface Ratios {
  readonly overJsonRulesEngine: (group: GroupName) => number;
  readonly overFloor: (group: GroupName) => number;
  readonly floorOverJsonRulesEngine: (group: GroupName) => number;
}

/** For each target, how it stands and why, with this run's numbers. */
export function remainingWork(results: BenchResults, ratios: Ratios): string {
  const x = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
  const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
  const share = (group: "refusals" | "accepted", label: string): string =>
    `${(results.profiles[group].stages.find((stage) => stage.label.startsWith(label))?.percent ?? 0).toFixed(0)}%`;
  const floorCeiling = ratios.floorOverJsonRulesEngine("workload");
  const refusals = ratios.overFloor("refusals");
  const accepted = ratios.overFloor("accepted");
  const refusalBytes = results.timings.library.refusals.bytes;
  const acceptedBytes = results.timings.library.accepted.bytes;
  const verdict = (met: boolean): string => (met ? "met" : "missed");
  const p50 = (group: GroupName): number => results.timings.library[group].p50Ns / results.timings.floor[group].p50Ns;
  return `**Refusals within ${TARGETS.refusalsOverFloor}× the floor: ${verdict(refusals <= TARGETS.refusalsOverFloor)} (${x(refusals)}; the typical call, p50, ${x(p50("refusals"))}).** The floor
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
was left at 4,096 ([decision 0096](decisions/0096-created-at-cache-bound.md)).

**Accepted decisions within ${TARGETS.acceptedOverFloor}× the floor: ${verdict(accepted <= TARGETS.acceptedOverFloor)} (${x(accepted)}; p50 ${x(p50("accepted"))}).** Beyond the refusal
path, an accepted decision builds the new state through immer — a frozen tree with the new job, the old
terminal jobs dropped and the version raised (${share("accepted", "the new state")} of an accepted decision; the floor builds no state) —
and formats the job's \`createdAt\`; the policy day is now ${share("accepted", "the policy day")} (steady days remembered per zone).
What is left to take is in the state's parse (${share("accepted", "parsing the state")}) and immer's \`produce\`, which the house rules
keep (state changes through immer, the returned state deeply frozen).

**At most ${kB(TARGETS.refusalBytes)} allocated per refusal: ${verdict(refusalBytes <= TARGETS.refusalBytes)} (${kB(refusalBytes)}; an acceptance allocates ${kB(acceptedBytes)}).** What a refusal still
allocates is mostly the state's copy (each job an object, the job list and the databases arrays), the
request's parameters (a \`Map\` of them, and the substrings of the query string), the parsed context, and
the violation with its message. The floor allocates ${kB(results.timings.floor.refusals.bytes)} per refusal on the same cases.

**json-rules-engine** (no longer a target): the library has ${x(ratios.overJsonRulesEngine("workload"))} its throughput on the whole
workload, and the floor ${x(floorCeiling)}. json-rules-engine's facts call the same plain functions as the floor;
its cost is the machinery around them (an almanac per decision, every fact through a promise, the 31
rules as 31 priority levels each awaited before the next), so the floor, not json-rules-engine, is the limit.`;
}
