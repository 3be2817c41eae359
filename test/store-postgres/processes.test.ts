/**
 * Replicas as separate OS processes (child_process.fork), racing on a few hot instances and many
 * cold ones; one of them is killed (SIGKILL) in the middle of its loop. Afterwards the invariants
 * hold on every row version written, counting every backup a replica reported as accepted —
 * the killed one's included — and the survivors finished their work.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AcceptedBackup } from "../support/store-invariants";
import { databaseUrl, invariantProblems, newPool, raceTable } from "./support";

interface Reported {
  readonly type: "outcome" | "done";
  readonly instanceId?: string;
  readonly ok?: boolean;
  readonly jobId?: string;
  readonly rule?: string;
}

const REPLICAS = 4;
const OPERATIONS = 150;
const KILLED = 1;
const KILL_AFTER = 40;

const admin = newPool();
afterAll(() => admin.end());

describe("replicas as separate OS processes", () => {
  it("keep the invariants when one is killed mid-loop", async () => {
    const { table, hot, cold } = await raceTable(admin, "processes", 2, 40);
    const children: ChildProcess[] = [];
    const reports: Reported[][] = Array.from({ length: REPLICAS }, () => []);
    try {
      const exits = Array.from({ length: REPLICAS }, (_, replica) => {
        const argument = JSON.stringify({ url: databaseUrl(), table, seed: 5000 + replica, operations: OPERATIONS, hot, cold });
        const child = fork(join(__dirname, "replica-process.ts"), [argument], {
          execArgv: ["--import", "tsx"],
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        });
        children.push(child);
        child.on("message", (message: Reported) => {
          reports[replica]!.push(message);
          if (replica === KILLED && message.type === "outcome" && reports[replica]!.length === KILL_AFTER) child.kill("SIGKILL");
        });
        return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
          child.on("exit", (code, signal) => resolve({ code, signal })),
        );
      });
      const ended = await Promise.all(exits);
      expect(ended[KILLED]).toEqual({ code: null, signal: "SIGKILL" });
      const killedOutcomes = reports[KILLED]!.filter((report) => report.type === "outcome").length;
      expect(killedOutcomes).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(killedOutcomes).toBeLessThan(OPERATIONS);
      ended.forEach((exit, replica) => {
        if (replica === KILLED) return;
        expect(exit).toEqual({ code: 0, signal: null });
        expect(reports[replica]!.filter((report) => report.type === "outcome")).toHaveLength(OPERATIONS);
      });
      const all = reports.flat().filter((report) => report.type === "outcome");
      expect(all.filter((report) => report.rule?.startsWith("store."))).toEqual([]);
      const accepted: AcceptedBackup[] = all.flatMap((report) =>
        report.ok && report.jobId !== undefined ? [{ instanceId: report.instanceId!, jobId: report.jobId }] : [],
      );
      expect(accepted.length).toBeGreaterThan(20);
      expect(await invariantProblems(admin, table, accepted)).toEqual([]);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});
