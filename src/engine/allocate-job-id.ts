import type { InstanceState } from "../domain/types";
import { versionOf } from "../input/parse-state";

/**
 * The id of the job an accepted request creates: `context.jobId` when the caller allocates ids;
 * otherwise the state's next `version` in decimal. `version` only grows, so derived ids never
 * repeat even after old jobs are dropped. If a caller-allocated id already holds that number,
 * zeros are prefixed until the id is free of every kept job: a version's decimal never starts with
 * 0, so no other version can derive that id again.
 *
 * @example
 * ```ts
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [], version: 41 } as const;
 * expect(allocateJobId(state, undefined)).toBe("42");
 * expect(allocateJobId(state, "5073731")).toBe("5073731");
 * const taken = { ...state, jobs: [{ jobId: "42", status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z" }] } as const;
 * expect(allocateJobId(taken, undefined)).toBe("042");
 * ```
 */
export function allocateJobId(state: InstanceState, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const taken = new Set(state.jobs.map((job) => job.jobId));
  let candidate = String(versionOf(state) + 1);
  while (taken.has(candidate)) candidate = `0${candidate}`;
  return candidate;
}
