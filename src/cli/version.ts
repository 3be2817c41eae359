import { RULESET_VERSION } from "../index";

/**
 * What `rds-backup-rules --version` prints: the package's version and the rule set's.
 *
 * @example
 * ```ts
 * import { RULESET_VERSION } from "rds-backup-rules";
 * import { versionLine } from "./version";
 *
 * expect(versionLine("1.2.3")).toBe(`rds-backup-rules 1.2.3 (rule set ${RULESET_VERSION})`);
 * ```
 */
export function versionLine(packageVersion: string): string {
  return `rds-backup-rules ${packageVersion} (rule set ${RULESET_VERSION})`;
}

/**
 * The versions as data, for `--version --json`.
 *
 * @example
 * ```ts
 * import { RULESET_VERSION } from "rds-backup-rules";
 * import { versions } from "./version";
 *
 * expect(versions("1.2.3")).toEqual({ package: "1.2.3", ruleSet: RULESET_VERSION });
 * ```
 */
export function versions(packageVersion: string): { readonly package: string; readonly ruleSet: string } {
  return { package: packageVersion, ruleSet: RULESET_VERSION };
}
