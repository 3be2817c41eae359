import { Session } from "node:inspector";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

/** A CPU profile in the format of `node --cpu-prof` (and Chrome DevTools). */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One line of a profile summary: a function, and its share of the profiled time. */
export interface ProfileLine {
  readonly name: string;
  /** Percent of the samples in which this function was running. */
  readonly selfPercent: number;
  /** Percent of the samples in which this function was on the stack. */
  readonly totalPercent: number;
}

/**
 * Profiles `work` with V8's sampling profiler through `node:inspector` — the same profile
 * `node --cpu-prof` writes — sampling every 50 µs.
 */
export async function cpuProfile(work: () => Promise<void> | void): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  try {
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 50 });
    await post("Profiler.start");
    await work();
    const { profile } = (await post("Profiler.stop")) as { profile: CpuProfile };
    return profile;
  } finally {
    session.disconnect();
  }
}

/**
 * The functions that take the most time, by self time, each with its total (self and callees)
 * time, in percent of the samples in which the process was busy. Functions are named
 * `name (file)`, with paths relative to the project.
 */
export function summarizeProfile(profile: CpuProfile, top: number, root: string): ProfileLine[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nameOf = (id: number): string => {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return "?";
    const file = frame.url === "" ? "" : ` (${shortPath(frame.url, root)})`;
    return `${frame.functionName === "" ? "(anonymous)" : frame.functionName}${file}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    const weight = profile.timeDeltas[index] ?? 0;
    const leaf = nameOf(id);
    if (leaf.startsWith("(idle)") || leaf.startsWith("(program)")) return;
    all += weight;
    self.set(leaf, (self.get(leaf) ?? 0) + weight);
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const name = nameOf(current);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + weight);
    }
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => ({ name, selfPercent: (100 * time) / all, totalPercent: (100 * (total.get(name) ?? time)) / all }));
}

/** A part of the library's work, recognised in a profile by the functions (or files) on the stack. */
export interface Stage {
  readonly label: string;
  /** Function names, or paths relative to `src/` ending in `/` for every function of a folder. */
  readonly matches: readonly string[];
}

/**
 * The share of the profiled time (percent of samples) spent in each stage, callees included; a
 * sample counts once per stage however many of its functions are on the stack. `(garbage
 * collector)` matches the collector's samples.
 */
export function stageShares(profile: CpuProfile, stages: readonly Stage[]): Array<{ label: string; percent: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const matchesStage = (id: number, stage: Stage): boolean => {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return false;
    return stage.matches.some(
      (match) =>
        (match.endsWith("/") ? frame.url.includes(`/src/${match}`) : frame.functionName === match && frame.url.includes("/src/")) ||
        (match === "(garbage collector)" && frame.functionName === match),
    );
  };
  let all = 0;
  const totals = stages.map(() => 0);
  profile.samples.forEach((id, index) => {
    const weight = profile.timeDeltas[index] ?? 0;
    const name = byId.get(id)?.callFrame.functionName ?? "";
    if (name === "(idle)" || name === "(program)") return;
    all += weight;
    stages.forEach((stage, stageIndex) => {
      for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
        if (matchesStage(current, stage)) {
          totals[stageIndex] = (totals[stageIndex] ?? 0) + weight;
          return;
        }
      }
    });
  });
  return stages.map((stage, index) => ({ label: stage.label, percent: (100 * (totals[index] ?? 0)) / Math.max(all, 1) }));
}

function shortPath(url: string, root: string): string {
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (!path.startsWith("/")) return path;
  const inProject = relative(root, path);
  return inProject.replace(/^node_modules\//, "");
}
