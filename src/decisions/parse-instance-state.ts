import type { InstanceState } from "../domain/types";
import type { Violation } from "../rules/violation";
import { parseState } from "../input/parse-state";
import { stateInvalid } from "../rules/input-rules";
import { toViolation } from "../engine/evaluate-rules";

/**
 * Checks stored JSON against the shape of `InstanceState`, as rule 2 (`state.invalid`) does
 * inside every decision. Use it when loading a state, to fail early with the JSON path at fault.
 * The state returned is a fresh copy holding only the fields of `InstanceState` (decision 0038).
 *
 * @example
 * ```ts
 * import { parseInstanceState } from "rds-backup-rules";
 *
 * const loaded = parseInstanceState(JSON.parse('{"instanceId":"rm-1","engine":"MySQL","engineVersion":"8.0","storageType":"local_ssd","status":"Running","databases":[],"jobs":[]}'));
 * expect(loaded.ok).toBe(true);
 * const broken = parseInstanceState({ instanceId: "rm-1" });
 * expect(!broken.ok && broken.error).toMatchObject({ rule: "state.invalid", parameter: "state.engine" });
 * ```
 */
export function parseInstanceState(json: unknown): { ok: true; state: InstanceState } | { ok: false; error: Violation } {
  const stateInput = parseState(json);
  if (stateInput.ok) return { ok: true, state: stateInput.value };
  const finding = stateInvalid.check({ stateInput });
  return { ok: false, error: toViolation(stateInvalid, finding ?? { message: stateInput.issue.message }) };
}
