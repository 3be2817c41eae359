import fc from "fast-check";
import type { DecisionContext } from "../domain/types";
import { DEFAULT_DAILY_BACKUP_LIMIT, DEFAULT_TIME_ZONE } from "../domain/vocabulary";
import { decisionInstant, isoTextOf, policyTimeZone } from "./zones";

/** The resolved values of a decision context: the clock, the policy zone and the daily limit. */
export interface ContextPlan {
  readonly now: number;
  readonly timeZone: string;
  readonly dailyBackupLimit: number;
}

/**
 * A resolved context: any instant (often near a daylight-saving change), any zone family, and a
 * limit that is the default 20 or small.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { contextPlan } from "./context";
 *
 * const plans = sampleValues(contextPlan(), 20);
 * expect(plans.every((plan) => Number.isInteger(plan.dailyBackupLimit) && plan.dailyBackupLimit >= 1)).toBe(true);
 * ```
 */
export function contextPlan(): fc.Arbitrary<ContextPlan> {
  return fc.record({
    now: decisionInstant(),
    timeZone: policyTimeZone(),
    dailyBackupLimit: fc.oneof(fc.constant(DEFAULT_DAILY_BACKUP_LIMIT), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 1000 })),
  });
}

// Built once: a string arbitrary costs far more to build than to draw from, and these are drawn
// inside `chain` (see instance-state.ts).
const CALLER_JOB_ID = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 10, maxLength: 12 });
const REQUEST_ID = fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined });
const PRINTABLE_ASCII = fc.constantFrom(...Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)));
const KEY_BODY = fc.oneof(
  fc.string({ unit: PRINTABLE_ASCII, maxLength: 12 }),
  fc.string({ unit: PRINTABLE_ASCII, minLength: 40, maxLength: 50 }),
);
const FRESH_KEY = KEY_BODY.map((body) => `${body}#c`);

/**
 * An idempotency key that no job of a generated state carries: 1 to 64 printable ASCII characters
 * ending in `#c` (the keys the generators put on jobs end in `#j` and the job's id). A context
 * with it asks for a new backup.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { freshIdempotencyKey } from "./context";
 *
 * expect(sampleValues(freshIdempotencyKey(), 20).every((key) => /^[\x20-\x7e]{0,62}#c$/.test(key))).toBe(true);
 * ```
 */
export function freshIdempotencyKey(): fc.Arbitrary<string> {
  return FRESH_KEY;
}

/**
 * The idempotency key the generators put on a job: printable ASCII ending in `#j` and the job's id,
 * so no two jobs of a state share one and no fresh key (see `freshIdempotencyKey`) equals one.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { jobIdempotencyKey } from "./context";
 *
 * expect(sampleValues(jobIdempotencyKey("5073731"), 20).every((key) => key.endsWith("#j5073731") && key.length <= 64)).toBe(true);
 * ```
 */
export function jobIdempotencyKey(jobId: string): fc.Arbitrary<string> {
  return KEY_BODY.map((body) => `${body}#j${jobId}`);
}

/**
 * A caller-allocated job id: 10 to 12 decimal digits, so never the id of a job the generators put
 * in a state (those have at most 9).
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { callerJobId } from "./context";
 *
 * expect(sampleValues(callerJobId(), 10).every((id) => /^[0-9]{10,12}$/.test(id))).toBe(true);
 * ```
 */
export function callerJobId(): fc.Arbitrary<string> {
  return CALLER_JOB_ID;
}

/**
 * The `now` of a context: the instant as a `Date` or as ISO 8601 text at any offset.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { clockValue } from "./context";
 *
 * const forms = sampleValues(clockValue(Date.UTC(2026, 0, 1)), 20);
 * expect(forms.every((now) => new Date(now).getTime() === Date.UTC(2026, 0, 1))).toBe(true);
 * ```
 */
export function clockValue(epochMs: number): fc.Arbitrary<Date | string> {
  return fc.oneof(
    fc.constant(epochMs).map((ms) => new Date(ms)),
    isoTextOf(epochMs),
  );
}

/**
 * A `DecisionContext` for a resolved plan. Default values are sometimes written out and sometimes
 * left out; `requestId`, `jobId` (10+ digits) and a fresh `idempotencyKey` are sometimes given.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { contextFor } from "./context";
 *
 * const [context] = sampleValues(contextFor({ now: 0, timeZone: "UTC", dailyBackupLimit: 20 }), 1);
 * expect(new Date(context!.now).getTime()).toBe(0);
 * ```
 */
export function contextFor(plan: ContextPlan): fc.Arbitrary<DecisionContext> {
  const zone = plan.timeZone === DEFAULT_TIME_ZONE ? fc.option(fc.constant(plan.timeZone), { nil: undefined }) : fc.constant(plan.timeZone);
  const limit =
    plan.dailyBackupLimit === DEFAULT_DAILY_BACKUP_LIMIT
      ? fc.option(fc.constant(plan.dailyBackupLimit), { nil: undefined })
      : fc.constant(plan.dailyBackupLimit);
  return fc
    .record({
      now: clockValue(plan.now),
      requestId: REQUEST_ID,
      jobId: fc.option(callerJobId(), { nil: undefined }),
      idempotencyKey: fc.option(FRESH_KEY, { nil: undefined }),
      timeZone: zone,
      dailyBackupLimit: limit,
      policyObject: fc.boolean(),
    })
    .map(({ now, requestId, jobId, idempotencyKey, timeZone, dailyBackupLimit, policyObject }) => {
      const policy = { ...(timeZone === undefined ? {} : { timeZone }), ...(dailyBackupLimit === undefined ? {} : { dailyBackupLimit }) };
      return {
        now,
        ...(requestId === undefined ? {} : { requestId }),
        ...(jobId === undefined ? {} : { jobId }),
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        ...(policyObject || Object.keys(policy).length > 0 ? { policy } : {}),
      };
    });
}

/**
 * A valid `DecisionContext`: `now` as a `Date` or ISO 8601 text at any offset, every time-zone
 * family, the default or a custom daily limit, with or without `requestId`, `jobId` and
 * `idempotencyKey`.
 *
 * @example
 * ```ts
 * import { decisionContext, sampleValues } from "rds-backup-rules/arbitraries";
 *
 * const contexts = sampleValues(decisionContext(), 20);
 * expect(contexts.every((context) => context.now instanceof Date || typeof context.now === "string")).toBe(true);
 * ```
 */
export function decisionContext(): fc.Arbitrary<DecisionContext> {
  return contextPlan().chain(contextFor);
}

/**
 * A resolved context whose daily limit is small enough to reach with a few jobs: 1 to 5, or the
 * default 20.
 *
 * @example
 * ```ts
 * import { sampleValues } from "rds-backup-rules/arbitraries";
 * import { smallLimitPlan } from "./context";
 *
 * expect(sampleValues(smallLimitPlan(), 20).every((plan) => plan.dailyBackupLimit <= 20)).toBe(true);
 * ```
 */
export function smallLimitPlan(): fc.Arbitrary<ContextPlan> {
  return fc.record({
    now: decisionInstant(),
    timeZone: policyTimeZone(),
    dailyBackupLimit: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(DEFAULT_DAILY_BACKUP_LIMIT)),
  });
}
