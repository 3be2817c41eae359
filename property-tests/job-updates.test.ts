/**
 * The job-update arbitraries: every `acceptedJobUpdate()` is accepted by `advanceBackupJob` (a move
 * forward gives version + 1, a repeat the very state given), and every `violatingJobUpdate(r)` is
 * refused with exactly `r`, its code and HTTP status; the cases reach each rule by several paths.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptedJobUpdate, sampleValues, violatingJobUpdate, type JobRuleId } from "../src/arbitraries/index";
import { advanceBackupJob, RULES } from "../src/index";
import { expectEqual, expectIs } from "./support/expect-cheaply";
import { check, SEED } from "./settings";

const JOB_RULES: readonly JobRuleId[] = ["job.not-found", "job-status.invalid-value", "job.invalid-transition"];

describe("every acceptedJobUpdate() is accepted", () => {
  it("a move gives version + 1 and the job in its new status; a repeat gives the very state, unchanged", () => {
    check(
      fc.property(acceptedJobUpdate(), ({ state, update, context }) => {
        const decision = advanceBackupJob(state, update, context);
        expectIs(decision.ok, true);
        if (!decision.ok) return;
        expectEqual([decision.job.jobId, decision.job.status], [update.jobId, update.status]);
        const before = state.jobs.find((job) => job.jobId === update.jobId);
        if (before?.status === update.status) expectIs(decision.state, state);
        else expectIs(decision.state.version, (state.version ?? 0) + 1);
      }),
      60,
    );
  });

  it("draws every status as the job's, repeats and moves, skipped steps and failures", () => {
    const moves = new Set<string>();
    for (const { state, update } of sampleValues(acceptedJobUpdate(), 400, SEED)) {
      const from = state.jobs.find((job) => job.jobId === update.jobId)?.status;
      moves.add(from === update.status ? "repeat" : `${from}->${update.status}`);
    }
    expect(moves).toContain("repeat");
    for (const move of ["NoStart->Checking", "NoStart->Finished", "Uploading->Finished", "Waiting->Failed", "Checking->Uploading"])
      expect(moves).toContain(move);
    expect([...moves].some((move) => move.startsWith("Finished->") || move.startsWith("Failed->"))).toBe(false);
  });
});

describe("every violatingJobUpdate(r) is refused with exactly r", () => {
  for (const ruleId of JOB_RULES) {
    const rule = RULES.find((each) => each.id === ruleId);
    it(`${ruleId} (${rule?.code}, HTTP ${rule?.httpStatus})`, () => {
      check(
        fc.property(violatingJobUpdate(ruleId), ({ state, update, context }) => {
          const decision = advanceBackupJob(state, update, context);
          expectIs(decision.ok, false);
          if (decision.ok) return;
          expectEqual([decision.error.rule, decision.error.code, decision.error.httpStatus], [ruleId, rule?.code, rule?.httpStatus]);
        }),
        40,
      );
    });
  }

  it("reaches each rule by several paths: near-miss ids, other letter cases, backward moves and moves out of a final status", () => {
    const cases = (ruleId: JobRuleId) => sampleValues(violatingJobUpdate(ruleId), 300, SEED);
    const ids = cases("job.not-found").map(({ state, update }) =>
      state.jobs.some((job) => update.jobId.trim() === job.jobId || update.jobId === `0${job.jobId}`)
        ? "near miss"
        : /^[0-9]+$/.test(update.jobId)
          ? "other number"
          : "not a number",
    );
    expect(new Set(ids)).toEqual(new Set(["near miss", "other number", "not a number"]));
    const statuses = cases("job-status.invalid-value").map(({ update }) => update.status);
    const STATUSES: readonly string[] = ["NoStart", "Checking", "Preparing", "Waiting", "Uploading", "Finished", "Failed"];
    expect(statuses.some((status) => STATUSES.some((known) => known.toLowerCase() === status.toLowerCase()))).toBe(true);
    expect(statuses.some((status) => status.trim() !== status)).toBe(true);
    const moves = cases("job.invalid-transition").map(
      ({ state, update }) => `${state.jobs.find((job) => job.jobId === update.jobId)?.status}->${update.status}`,
    );
    for (const move of ["Uploading->NoStart", "Finished->Failed", "Failed->Finished", "Checking->NoStart"]) expect(moves).toContain(move);
  });

  it("refuses a rule that advanceBackupJob does not check alone", () => {
    expect(() => violatingJobUpdate("context.invalid" as JobRuleId)).toThrow(RangeError);
  });
});
