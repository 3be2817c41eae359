/**
 * Child process of the bench: measures bytes allocated per decision for each implementation and
 * group, and prints them as JSON. Run with `--expose-gc` and a 64 MB young generation (see
 * `allocations.ts`); the parent process does the timing with Node's default heap settings.
 */
import { bytesPerDecision } from "./allocations";
import { GROUPS, implementations, type GroupName, type ImplementationName } from "./implementations";
import { WORKLOAD_SEED, WORKLOAD_SHAPE } from "./settings";
import { buildWorkload } from "./workload/workload";

const cases = buildWorkload(WORKLOAD_SEED, WORKLOAD_SHAPE);
const bytes: Partial<Record<ImplementationName, Partial<Record<GroupName, number>>>> = {};
for (const implementation of implementations()) {
  const perGroup: Partial<Record<GroupName, number>> = {};
  for (const [group, includes] of Object.entries(GROUPS) as Array<[GroupName, (typeof GROUPS)[GroupName]]>) {
    perGroup[group] = await bytesPerDecision(cases.filter(includes).map(implementation.prepare), implementation.decide);
  }
  bytes[implementation.name] = perGroup;
}
process.stdout.write(`${JSON.stringify(bytes)}\n`);
