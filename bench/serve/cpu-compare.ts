/**
 * CPU time per request of several builds of `serve` and the floor, side by side, in turns: `npx tsx
 * bench/serve/cpu-compare.ts [--cli a.js --cli b.js] [--rounds 4] [--requests 10000] [--scenario
 * hot,describe,many]`. Each server runs in its own process on loopback (memory store); each round
 * loads every server once per scenario (8 connections, `bench/serve/load.ts`) and reads the
 * server's CPU time (user + system) from /proc. Prints the lowest and the median µs per request of
 * each server and scenario, and the median of its ratios to the floor's figure in the same round:
 * the figures to compare a change by, steadier than requests per second on a machine whose speed
 * drifts and whose client shares the server's two cores. Not a report: nothing is written.
 */
import { parseArgs } from "node:util";
import { load } from "./load";
import { processCpuSeconds } from "./machine-load";
import { buildFloor, registerOnFloor, registerOnServe, startFloor, startServe, type ServerProcess } from "./servers";

const { values } = parseArgs({
  options: {
    cli: { type: "string", multiple: true },
    rounds: { type: "string", default: "4" },
    requests: { type: "string", default: "10000" },
    scenario: { type: "string", default: "hot,describe,many" },
  },
});
const DAILY_LIMIT = 20;
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const scenarios = values.scenario.split(",");

interface Side {
  readonly label: string;
  readonly server: ServerProcess;
  readonly register: (ids: readonly string[]) => Promise<void>;
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `rm-${prefix}-${index}`);
const create = (id: string) => `/?Action=CreateBackup&DBInstanceId=${id}`;

/** One load of one scenario on one side; the server's CPU µs per request. */
async function measure(side: Side, scenario: string, tag: string): Promise<number> {
  let path: (index: number) => string;
  let amount = requests;
  if (scenario === "hot") path = () => create("rm-hot");
  else if (scenario === "describe") path = (index) => `/?Action=DescribeBackupTasks&DBInstanceId=rm-listed-${index % 2000}`;
  else {
    amount = Math.ceil(requests / 3);
    const fresh = ids(`many-${tag}`, amount);
    await side.register(fresh);
    path = (index) => create(fresh[index]!);
  }
  const before = processCpuSeconds(side.server.pid);
  const result = await load(side.server.base, amount, path);
  return ((processCpuSeconds(side.server.pid) - before) * 1e6) / Math.max(1, result.requests);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  buildFloor();
  const sides: Side[] = [];
  try {
    const floor = await startFloor({ dailyLimit: DAILY_LIMIT });
    sides.push({ label: "floor", server: floor, register: (list) => registerOnFloor(floor.base, list) });
    for (const cli of values.cli ?? [undefined]) {
      const server = await startServe({ ...(cli === undefined ? {} : { cli }), dailyLimit: DAILY_LIMIT });
      sides.push({ label: cli ?? "dist/cli.js", server, register: (list) => registerOnServe(server.base, list) });
    }
    for (const side of sides) {
      await side.register(["rm-hot", ...ids("listed", 2000)]);
      await load(side.server.base, 2000, (index) => create(`rm-listed-${index}`));
      for (const scenario of scenarios) await measure(side, scenario, "warm");
    }
    const micros = new Map<string, number[]>();
    for (let round = 0; round < rounds; round++) {
      for (const scenario of scenarios) {
        for (const side of sides) {
          const key = `${scenario}\t${side.label}`;
          micros.set(key, [...(micros.get(key) ?? []), await measure(side, scenario, `r${round}`)]);
        }
      }
    }
    // Each round's figure against the floor's in the same round: the machine's speed drifts between rounds, less within one.
    for (const [key, list] of micros) {
      const floor = micros.get(`${key.split("\t")[0]!}\tfloor`)!;
      const ratios = list.map((micros, round) => micros / floor[round]!);
      const line = [
        key,
        `median ${median(list).toFixed(1)} µs`,
        `× floor ${median(ratios).toFixed(2)}`,
        `(${list.map((µs) => µs.toFixed(0)).join(" ")})`,
      ];
      process.stdout.write(`${line.join("\t")}\n`);
    }
  } finally {
    for (const side of sides) await side.server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cpu-compare failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
