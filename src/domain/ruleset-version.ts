/**
 * The version of the rule set: the version of the product specification it
 * implements (decision 0009). A service can log
 * it with every decision, so a refusal can be traced to the rules in force.
 *
 * @example
 * ```ts
 * import { RULESET_VERSION } from "rds-backup-rules";
 *
 * expect(RULESET_VERSION).toBe("1.2.0");
 * ```
 */
export const RULESET_VERSION = "1.2.0";
