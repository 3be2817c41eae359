/**
 * rds-backup-rules/store: the commit loop over a state store (load, decide with the pure core,
 * compare-and-set on `version`, retry), the `StateStore` contract and its executable check, an
 * in-memory store, and the `NonceStore` of signed calls with a bounded in-memory one. The
 * PostgreSQL adapters are `rds-backup-rules/store/postgres`.
 *
 * @packageDocumentation
 */
export type { StateStore, StoreDecision, RegistrationDecision } from "./state-store";
export { memoryStore } from "./memory-store";
export { createBackupIn } from "./create-backup-in";
export { advanceBackupJobIn } from "./advance-backup-job-in";
export { registerInstance, type InstanceRegistration } from "./register-instance";
export { loadInstanceState, type LoadedInstanceState } from "./load-instance-state";
export { checkStateStore } from "./check-state-store";
export { DEFAULT_DEADLINE_MS, DEFAULT_MAX_ATTEMPTS, defaultBackoff, type CommitOptions } from "./commit-options";
export { notRegistered } from "./core-violations";
export {
  STORE_RULES,
  storeUnavailable,
  type StoreRuleId,
  type StoreOperation,
  type StoreViolation,
  type StoreUnavailable,
} from "./store-violations";
export { memoryNonces, DEFAULT_NONCE_CAPACITY, type MemoryNonces } from "./memory-nonces";
export { MAX_NONCE_LENGTH, type NonceStore, type NonceOutcome } from "./nonce-store";
