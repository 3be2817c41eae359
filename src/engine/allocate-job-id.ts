import type { InstanceState } from "../domain/types";
import { versionOf } from "../input/parse-state";

/**
 * The id of the job an accepted request creates: `context.jobId` when the caller allocates ids;
 * otherwise the state's next `version` in decimal, or, when a kept job already holds that number
 * (an id the caller allocated), the next number no kept job holds. Derived ids are plain decimal
 * numbers, and, since `version` only grows, a service that lets the library allocate every id never
 * sees one repeat, even after old jobs are dropped (decision 0017).
 *
 * @example
 * ```ts
 * import { allocateJobId } from "./allocate-job-id";
 *
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [], version: 41 } as const;
 * expect(allocateJobId(state, undefined)).toBe("42");
 * expect(allocateJobId(state, "5073731")).toBe("5073731");
 * const job = { status: "Finished", mode: "Manual", method: "Physical", backupType: "Auto", createdAt: "2026-01-01T00:00:00Z" } as const;
 * const taken = { ...state, jobs: [{ ...job, jobId: "42" }, { ...job, jobId: "43" }] } as const;
 * expect(allocateJobId(taken, undefined)).toBe("44");
 * ```
 */
export function allocateJobId(state: InstanceState, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const taken = new Set(state.jobs.map((job) => job.jobId));
  // At most one step per kept job: the jobs are few (decision 0019), so this loop is short.
  let next = versionOf(state) + 1;
  while (taken.has(String(next))) next += 1;
  return String(next);
}
