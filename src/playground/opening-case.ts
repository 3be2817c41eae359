import { SAMPLE_INSTANCE } from "../examples/index";
import { jsonForBox } from "./json-text";
import type { SharedCase } from "./share-link";

/** The request of the opening case. */
const BASE_REQUEST = "Action=CreateBackup&DBInstanceId=rm-demo";

/**
 * The case a bare address opens with: the sample instance, a plain request, and `now` (to the
 * second) as the context's clock.
 *
 * @example
 * ```ts
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 * import { openingCase } from "./opening-case";
 *
 * const opening = openingCase(new Date("2026-03-02T08:00:00.250Z"));
 * expect(JSON.parse(opening.state)).toEqual(SAMPLE_INSTANCE);
 * expect(opening.request).toBe("Action=CreateBackup&DBInstanceId=rm-demo");
 * expect(JSON.parse(opening.context)).toEqual({ now: "2026-03-02T08:00:00Z", policy: { timeZone: "UTC", dailyBackupLimit: 20 } });
 * ```
 */
export function openingCase(now: Date): SharedCase {
  return {
    state: jsonForBox(SAMPLE_INSTANCE),
    request: BASE_REQUEST,
    context: jsonForBox({ now: now.toISOString().replace(/\.\d{3}Z$/, "Z"), policy: { timeZone: "UTC", dailyBackupLimit: 20 } }),
  };
}
