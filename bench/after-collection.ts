/**
 * What a forced full collection does to each implementation's speed: the evidence for the untimed
 * second before each measurement (`measure.ts`, decision 0095). For the library and the floor on the
 * whole workload, after a long warm-up: `gc()`, then the CPU time per decision in consecutive
 * 100 ms slices, three times. Not part of `npm run bench`; run it alone, on an idle machine:
 *
 *   node --expose-gc --import tsx bench/after-collection.ts
 *
 * Add `--trace-deopt` to see the functions V8 throws away at each `gc()` ("reason: weak objects").
 */
import { GROUPS, implementations } from "./implementations";
import { cpuTimeNs, runUntimed } from "./measure";
import { WORKLOAD_SEED, WORKLOAD_SHAPE } from "./settings";
import { buildWorkload } from "./workload/workload";

const SLICE_NS = 100e6;
const SLICES = 10;

const gc = globalThis.gc;
if (gc === undefined) throw new Error("run with node --expose-gc");
const cases = buildWorkload(WORKLOAD_SEED, WORKLOAD_SHAPE).filter(GROUPS.workload);
for (const implementation of implementations().filter((each) => each.name !== "json-rules-engine")) {
  const inputs = cases.map(implementation.prepare);
  await runUntimed(inputs, implementation.decide, 2e9);
  for (let collection = 1; collection <= 3; collection++) {
    gc();
    const slices: string[] = [];
    for (let slice = 0; slice < SLICES; slice++) {
      const started = cpuTimeNs();
      let decisions = 0;
      while (cpuTimeNs() - started < SLICE_NS) {
        for (const input of inputs) implementation.decide(input);
        decisions += inputs.length;
      }
      slices.push(((cpuTimeNs() - started) / decisions / 1000).toFixed(1));
    }
    console.log(`${implementation.name.padEnd(8)} after gc() ${collection}, µs per decision in each 100 ms: ${slices.join(" ")}`);
  }
}
