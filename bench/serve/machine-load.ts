/**
 * How busy the machine is, and with what: the load average, and from /proc (Linux) the CPU time
 * of every process against that of the bench's own processes (the bench, the servers, PostgreSQL,
 * and their children). The difference over a run is the CPU other work took from the run: the
 * figure that says whether a throughput measured then means anything. The load average alone
 * cannot say it during a run, since the bench's own processes raise it to about 2.
 */
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** A reading of the machine's counters at one moment. */
export interface LoadSample {
  readonly at: number;
  readonly loadAverage: readonly number[];
  /** CPU ticks every process spent (user, nice, system), from /proc/stat; undefined without /proc. */
  readonly allTicks?: number;
  /** CPU ticks the bench's own process tree spent. */
  readonly ownTicks?: number;
  /** Ticks the hypervisor gave to other machines (steal). */
  readonly stealTicks?: number;
}

/** CPU used between two samples, in cores (1 = one core busy the whole time). */
export interface CpuBetween {
  readonly seconds: number;
  readonly allCores: number;
  readonly ownCores: number;
  /** What other processes used: all − own. */
  readonly othersCores: number;
  readonly stealCores: number;
}

/** Reads the counters now; `roots` are the bench's own processes (their descendants count too). */
export function sampleLoad(roots: readonly number[] = [process.pid]): LoadSample {
  const base = { at: performance.now(), loadAverage: loadavg() };
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , , , steal = 0] = cpu;
    return { ...base, allTicks: user + nice + system, ownTicks: treeTicks(roots), stealTicks: steal };
  } catch {
    return base;
  }
}

/** The CPU used between two samples; undefined without /proc. */
export function cpuBetween(before: LoadSample, after: LoadSample): CpuBetween | undefined {
  if (before.allTicks === undefined || after.allTicks === undefined) return undefined;
  const seconds = (after.at - before.at) / 1000;
  const cores = (ticks: number) => ticks / TICKS_PER_SECOND / Math.max(seconds, 1e-3);
  const allCores = cores(after.allTicks - before.allTicks);
  const ownCores = cores(after.ownTicks! - before.ownTicks!);
  return {
    seconds,
    allCores,
    ownCores,
    othersCores: Math.max(0, allCores - ownCores),
    stealCores: cores(after.stealTicks! - before.stealTicks!),
  };
}

/** CPU ticks (user + system) of one process, from /proc/PID/stat; 0 when it is gone. */
export function processTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /s, "")
      .split(" ");
    // After the command name: state is field 3, utime 14 and stime 15 (1-based over the whole line).
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** CPU seconds of one process so far (user + system). */
export function processCpuSeconds(pid: number): number {
  return processTicks(pid) / TICKS_PER_SECOND;
}

/** Ticks of the processes under `roots` (themselves included), with the ticks of their exited children they waited for. */
function treeTicks(roots: readonly number[]): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8")
        .replace(/^.*\) /s, "")
        .split(" ");
      parents.set(Number(entry), Number(fields[1]));
      // utime, stime, cutime, cstime: a child that exited and was waited for is counted in its parent.
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // exited meanwhile
    }
  }
  const own = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!own.has(pid) && own.has(parent)) {
        own.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of own) total += ticks.get(pid) ?? 0;
  return total;
}

/** The machine, for the report. */
export function machineDescription(): string {
  return `${cpus().length} cores (${cpus()[0]?.model ?? "?"})`;
}
