import { PerformanceObserver } from "node:perf_hooks";
import { median, runUntimed } from "./measure";

/** Decisions per heap reading: few enough that the young generation (64 MB) never fills. */
const CHUNK = 64;

/** How long the inputs run before any is measured, nanoseconds of CPU time. */
const WARM_UP_NS = 1e9;

/**
 * Bytes allocated per decision, averaged over every input: the growth of
 * `process.memoryUsage().heapUsed` across chunks of decisions, each started right after a young
 * generation collection (`gc({ type: "minor" })`), with a young generation large enough that no
 * collection runs inside a chunk. A chunk during which the garbage collector ran anyway (seen by
 * a `PerformanceObserver` on `gc` entries) is measured again. The median of three passes. Needs
 * `--expose-gc`. Not a full `gc()`: a forced full collection throws away compiled code
 * (`measure.ts`), and the chunk after it counted the library's recompilation — new bytecode and
 * feedback, and the objects its unoptimized code allocates — as 300–900 bytes more per refusal.
 */
export async function bytesPerDecision(inputs: readonly unknown[], decide: (input: unknown) => unknown): Promise<number> {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error("bytesPerDecision needs node --expose-gc");
  const collections: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push(entry.startTime);
  });
  observer.observe({ entryTypes: ["gc"] });
  const run = async (chunk: readonly unknown[]): Promise<void> => {
    for (const input of chunk) {
      const result = decide(input);
      if (result instanceof Promise) await result;
    }
  };
  const passes: number[] = [];
  try {
    // Optimized code allocates less than the interpreter: measure what runs once the code is warm.
    await runUntimed(inputs, decide, WARM_UP_NS);
    for (let pass = 0; pass < 3; pass++) {
      let bytes = 0;
      for (let start = 0; start < inputs.length; start += CHUNK) {
        const chunk = inputs.slice(start, start + CHUNK);
        for (let attempt = 0; ; attempt++) {
          gc({ type: "minor" });
          const startedAt = performance.now();
          const before = process.memoryUsage().heapUsed;
          await run(chunk);
          const after = process.memoryUsage().heapUsed;
          const endedAt = performance.now();
          // The observer reports collections a little later; only one that started during the chunk counts.
          await settle();
          await settle();
          const collected = collections.some((time) => time >= startedAt && time <= endedAt);
          collections.length = 0;
          if (!collected) {
            bytes += after - before;
            break;
          }
          if (attempt === 5) throw new Error("the garbage collector ran during every attempt; raise --max-semi-space-size");
        }
      }
      passes.push(bytes / inputs.length);
    }
  } finally {
    observer.disconnect();
  }
  return median(passes);
}

/** Lets pending observer callbacks run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
