import type { InstanceState } from "../domain/types";

/**
 * The id of the job an accepted request creates: `context.jobId` when the caller allocates ids;
 * otherwise the state's next `version` in decimal. `version` only grows, so derived ids never
 * repeat even after old jobs are dropped. If a caller-allocated id already holds that number, a
 * digit is appended until the id is free of every kept job.
 *
 * @example
 * ```ts
 * const state = { instanceId: "rm-1", engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: [], jobs: [], version: 41 } as const;
 * expect(allocateJobId(state, undefined)).toBe("42");
 * expect(allocateJobId(state, "5073731")).toBe("5073731");
 * ```
 */
export function allocateJobId(state: InstanceState, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const taken = new Set(state.jobs.map((job) => job.jobId));
  const base = String((state.version ?? 0) + 1);
  let candidate = base;
  for (let suffix = 0; taken.has(candidate); suffix++) candidate = `${base}${suffix}`;
  return candidate;
}
