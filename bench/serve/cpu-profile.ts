/**
 * Summaries of a V8 CPU profile (`.cpuprofile`): self time per function and per part of the
 * stack (the package, Node.js itself, the garbage collector), as shares of the busy time. Shares
 * compare across runs better than requests per second on a shared machine: whatever else the
 * machine does slows every function alike.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One row of a summary: a function (or a part) and its self time. */
export interface SelfTime {
  readonly name: string;
  /** Where it lives: a package, `node` (Node.js's own JavaScript), `rds-backup-rules`, or a V8 pseudo-frame. */
  readonly part: string;
  readonly selfMs: number;
  /** Share of the busy time (all but `(idle)`), in percent. */
  readonly percent: number;
}

/** What a profile says. */
export interface ProfileSummary {
  /** Time the process was busy (every sample but `(idle)`), in milliseconds. */
  readonly busyMs: number;
  /** Time it sat idle, waiting for the network. */
  readonly idleMs: number;
  readonly functions: readonly SelfTime[];
  readonly parts: readonly SelfTime[];
}

/** The part of the stack a frame belongs to, from its script's URL. */
export function partOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "V8 builtins";
  if (url.startsWith("node:")) return "node";
  if (url.includes("/node_modules/.cache/") || !url.includes("/node_modules/")) return "rds-backup-rules";
  return /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? "rds-backup-rules";
}

/** A script's URL, short: from its package (or `dist/`) on. */
function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\/.*\/node_modules\/\.cache\/[^/]+\//, "dist/")
    .replace(/^file:\/\/.*\/node_modules\//, "")
    .replace(/^file:\/\/.*\/dist\//, "dist/");
}

/** Reads a `.cpuprofile` and sums self time by function and by part. */
export function summarizeProfile(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index]!;
    // The delta before a sample is the time it stands for (V8's own accounting).
    const delta = profile.timeDeltas[index + 1] ?? 0;
    self.set(id, (self.get(id) ?? 0) + delta);
  }
  const functions = new Map<string, { name: string; part: string; us: number }>();
  const parts = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const part = partOf(url, functionName);
    const file = url === "" ? "" : ` ${shortUrl(url)}:${lineNumber + 1}`;
    const name = `${functionName === "" ? "(anonymous)" : functionName}${file}`;
    const entry = functions.get(name) ?? { name, part, us: 0 };
    entry.us += us;
    functions.set(name, entry);
    parts.set(part, (parts.get(part) ?? 0) + us);
  }
  const row = (name: string, part: string, us: number): SelfTime => ({
    name,
    part,
    selfMs: us / 1000,
    percent: (100 * us) / Math.max(1, busyUs),
  });
  return {
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    functions: [...functions.values()].sort((a, b) => b.us - a.us).map((entry) => row(entry.name, entry.part, entry.us)),
    parts: [...parts].sort((a, b) => b[1] - a[1]).map(([part, us]) => row(part, part, us)),
  };
}

/** A summary as Markdown: the parts, then the top `top` functions by self time. */
export function profileMarkdown(summary: ProfileSummary, top = 25): string {
  const percent = (value: number) => `${value.toFixed(1)}%`;
  return [
    `Busy ${(summary.busyMs / 1000).toFixed(2)} s, idle ${(summary.idleMs / 1000).toFixed(2)} s.`,
    "",
    "| part | self time |",
    "|---|---|",
    ...summary.parts.map((part) => `| ${part.name} | ${percent(part.percent)} |`),
    "",
    "| function | part | self time |",
    "|---|---|---|",
    ...summary.functions
      .slice(0, top)
      .map((entry) => `| \`${entry.name.replace(/\|/g, "\\|")}\` | ${entry.part} | ${percent(entry.percent)} |`),
  ].join("\n");
}
