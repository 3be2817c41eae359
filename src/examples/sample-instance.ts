import type { InstanceState } from "../domain/types";

/**
 * The instance the CLI uses without `--instance`, and the base of every rule's worked example:
 * `rm-demo`, MySQL 8.0 on local SSD, Running, with databases `orders` and `users` and no jobs.
 *
 * @example
 * ```ts
 * import { createBackup } from "rds-backup-rules";
 * import { SAMPLE_INSTANCE } from "rds-backup-rules/examples";
 *
 * expect(createBackup(SAMPLE_INSTANCE, "Action=CreateBackup&DBInstanceId=rm-demo", { now: "2026-03-02T08:00:00Z" }).ok).toBe(true);
 * ```
 */
export const SAMPLE_INSTANCE: InstanceState = Object.freeze({
  instanceId: "rm-demo",
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: Object.freeze(["orders", "users"]),
  jobs: Object.freeze([]),
});
