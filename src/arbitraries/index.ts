/**
 * `rds-backup-rules/arbitraries`: fast-check generators of valid inputs, accepted cases and cases
 * that violate exactly one chosen rule — for `createBackup` and for `advanceBackupJob` — for
 * property tests of services built on the rule set.
 * `fast-check@4` is a peer dependency of this entry.
 *
 * @packageDocumentation
 */
export { acceptedCase } from "./accepted-case";
export type { ArgumentCases, BackupCase } from "./backup-case";
export { decisionContext } from "./context";
export { instanceState } from "./instance-state";
export { createBackupRequest } from "./request";
export { sampleValues } from "./sample-values";
export { violatingCase, type ViolatingCase } from "./violating-case";
export { acceptedJobUpdate, violatingJobUpdate, type JobRuleId, type JobUpdateCase } from "./job-update-case";
export type { DrawOptions, RequestDrawn, WireRequest } from "./wire";
export type { CreateBackupRuleId } from "../rules/catalog";
