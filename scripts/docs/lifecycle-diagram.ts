import { JOB_TRANSITIONS } from "../../src/domain/job-transitions";
import { createBackup } from "../../src/decisions/create-backup";
import { SAMPLE_INSTANCE } from "../../src/examples/sample-instance";

/**
 * The job lifecycle as a Mermaid state diagram: the start status is the status of the job an
 * accepted `createBackup` queues, every edge comes from `JOB_TRANSITIONS` (the table the decisions
 * and rule 34 use), and statuses with no way out end the diagram.
 */
export function lifecycleDiagram(): string {
  const accepted = createBackup(SAMPLE_INSTANCE, `Action=CreateBackup&DBInstanceId=${SAMPLE_INSTANCE.instanceId}`, { now: "2026-03-02T08:00:00Z" });
  if (!accepted.ok) throw new Error(`the sample request was refused by ${accepted.error.rule}`);
  const lines = ["stateDiagram-v2", `    [*] --> ${accepted.job.status}: createBackup accepts`];
  for (const [from, targets] of JOB_TRANSITIONS) {
    for (const to of targets) lines.push(`    ${from} --> ${to}`);
  }
  for (const [status, targets] of JOB_TRANSITIONS) {
    if (targets.length === 0) lines.push(`    ${status} --> [*]`);
  }
  return lines.join("\n");
}
