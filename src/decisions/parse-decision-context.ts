import type { DecisionContext } from "../domain/types";
import { parseContext } from "../input/parse-context";
import { contextFinding, contextInvalid } from "../rules/input-rules";
import type { Violation } from "../rules/violation";
import { toViolation } from "../engine/evaluate-rules";
import { formatUtcInstant } from "../time/iso-instant";

/**
 * Checks a decision context on its own, before any state exists (rule 1, `context.invalid`, without
 * its part about a `jobId` already in the state). A usable context comes back normalized: `now` as
 * UTC ISO 8601 text with milliseconds, the policy with its defaults filled in, frozen; passing it
 * to `createBackup` decides exactly as the original would. A server checks the policy at start-up
 * and an `Idempotency-Key` header this way. Never throws.
 *
 * @example
 * ```ts
 * import { parseDecisionContext } from "rds-backup-rules";
 *
 * const parsed = parseDecisionContext({ now: "2026-03-08T12:00:00-05:00", idempotencyKey: "retry-1" });
 * expect(parsed.ok && parsed.context).toEqual({
 *   now: "2026-03-08T17:00:00.000Z", idempotencyKey: "retry-1", policy: { dailyBackupLimit: 20, timeZone: "UTC" },
 * });
 * const refused = parseDecisionContext({ now: new Date(0), idempotencyKey: "k".repeat(65) });
 * expect(!refused.ok && refused.error).toMatchObject({ rule: "context.invalid", httpStatus: 500, parameter: "context.idempotencyKey" });
 * ```
 */
export function parseDecisionContext(
  context: unknown,
): { ok: true; context: DecisionContext } | { ok: false; error: Violation<"context.invalid"> } {
  const parsed = parseContext(context);
  if (!parsed.ok) return { ok: false, error: toViolation(contextInvalid, contextFinding(parsed.issue)) as Violation<"context.invalid"> };
  const { now, requestId, jobId, idempotencyKey, dailyBackupLimit, timeZone } = parsed.value;
  // Built field by field, in this order: a spread of `{}` for each absent field cost every call about 0.15 µs.
  const normalized: { -readonly [Field in keyof DecisionContext]: DecisionContext[Field] } = { now: formatUtcInstant(now) };
  if (requestId !== undefined) normalized.requestId = requestId;
  if (jobId !== undefined) normalized.jobId = jobId;
  if (idempotencyKey !== undefined) normalized.idempotencyKey = idempotencyKey;
  normalized.policy = Object.freeze({ dailyBackupLimit, timeZone });
  return { ok: true, context: Object.freeze(normalized) };
}
