/**
 * Faults of the outside world while replicas race: every connection terminated by the server
 * (pg_terminate_backend) mid-run, the server stopped and started again mid-run, a row edited by
 * hand into an invalid state. No call throws; the calls that hit the outage get store.unavailable
 * (saying whether a write may have happened); the invariants hold on every row version written.
 */
import { afterAll, describe, expect, it } from "vitest";
import { startPostgres } from "../support/embedded-postgres";
import { runReplica, type Outcome } from "../support/replica-workload";
import { acceptedOf, invariantProblems, newPool, raceTable, readHistory, storeOn } from "./support";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const storeFailures = (outcomes: readonly Outcome[]) =>
  outcomes.flatMap((outcome) => (!outcome.decision.ok && outcome.decision.error.rule.startsWith("store.") ? [outcome.decision.error] : []));

/** Every store failure is store.unavailable; one during the compare-and-set says a write may have happened. */
function expectOnlyUnavailable(outcomes: readonly Outcome[]): void {
  for (const error of storeFailures(outcomes)) {
    expect(error).toMatchObject({ rule: "store.unavailable", code: "ServiceUnavailable", httpStatus: 503 });
    const { failed, writeMayHaveHappened } = error as unknown as { failed: string; writeMayHaveHappened: boolean };
    expect(writeMayHaveHappened).toBe(failed === "compareAndSet");
  }
}

describe("faults on PostgreSQL", () => {
  const admin = newPool();
  afterAll(() => admin.end());

  it("every connection terminated by the server, several times mid-run", async () => {
    const { table, hot, cold } = await raceTable(admin, "terminate", 2, 30);
    const pools = Array.from({ length: 4 }, () => newPool(undefined, 2, "replica"));
    try {
      let done = false;
      let failures = 0;
      const runs = Promise.all(
        pools.map((pool, replica) =>
          runReplica(storeOn(pool, table), {
            seed: 2000 + replica,
            operations: 250,
            hot,
            cold,
            onOutcome: (outcome) => {
              if (storeFailures([outcome]).length > 0) failures++;
              return sleep(1);
            },
          }),
        ),
      ).finally(() => (done = true));
      // Terminate every replica connection, again and again, until calls have hit it a few times.
      let terminated = 0;
      for (let round = 0; !done && (round < 4 || failures < 3); round++) {
        await sleep(40);
        const { rows } = await admin.query(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'replica'`,
        );
        terminated += (rows[0] as { n: number }).n;
      }
      const outcomes = (await runs).flat();
      expect(terminated).toBeGreaterThan(0);
      expect(storeFailures(outcomes).length).toBeGreaterThan(0);
      expectOnlyUnavailable(outcomes);
      // The replicas recovered: calls made after the last termination succeeded.
      expect(outcomes.slice(-50).some((outcome) => outcome.decision.ok)).toBe(true);
      expect(await invariantProblems(admin, table, acceptedOf(outcomes))).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it("a row edited by hand into an invalid state mid-run: state.invalid for that instance alone, never overwritten", async () => {
    const { table, hot, cold } = await raceTable(admin, "damaged", 3, 20);
    const pools = Array.from({ length: 3 }, () => newPool(undefined, 2, "replica"));
    try {
      let edited = false;
      const edit = async () => {
        if (edited) return;
        edited = true;
        // Like any write, the edit raises the version (an edit that did not could be written over by a
        // compare-and-set already in flight, which would repair it).
        await admin.query(
          `UPDATE "${table}" SET state = jsonb_set(jsonb_set(state, '{jobs}', '"none"'), '{version}', to_jsonb(version + 1)), version = version + 1 WHERE instance_id = 'rm-hot-2'`,
        );
      };
      const outcomes = (
        await Promise.all(
          pools.map((pool, replica) =>
            runReplica(storeOn(pool, table), {
              seed: 3000 + replica,
              operations: 150,
              hot,
              cold,
              hotShare: 0.6,
              onOutcome: (_outcome, index) => (replica === 0 && index === 40 ? edit() : undefined),
            }),
          ),
        )
      ).flat();
      const damaged = outcomes.filter(
        (outcome) => outcome.instanceId === "rm-hot-2" && !outcome.decision.ok && outcome.decision.error.rule === "state.invalid",
      );
      expect(damaged.length).toBeGreaterThan(0);
      expect(damaged.every((outcome) => !outcome.decision.ok && outcome.decision.error.parameter === "state.jobs")).toBe(true);
      expect(storeFailures(outcomes)).toEqual([]);
      const { written, finals } = await readHistory(admin, table);
      // The hand edit is the last version of that row: no replica wrote over it.
      expect(written.filter((each) => each.instanceId === "rm-hot-2").at(-1)?.state.jobs).toBe("none");
      expect(finals.get("rm-hot-2")?.jobs).toBe("none");
      expect(await invariantProblems(admin, table, acceptedOf(outcomes), new Set(["rm-hot-2"]))).toEqual([]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it("the server stopped and started again mid-run (its own server, whatever DATABASE_URL says)", async () => {
    const server = await startPostgres({ maxConnections: 50 });
    const own = newPool(server.url);
    const pools = Array.from({ length: 3 }, () => newPool(server.url, 2, "replica"));
    try {
      const { table, hot, cold } = await raceTable(own, "restart", 2, 20);
      let outage: Promise<void> | undefined;
      const restart = async () => {
        await server.stop();
        await sleep(300);
        await server.start();
      };
      const outcomes = (
        await Promise.all(
          pools.map((pool, replica) =>
            runReplica(storeOn(pool, table), {
              seed: 4000 + replica,
              operations: 200,
              hot,
              cold,
              onOutcome: async (_outcome, index) => {
                if (replica === 0 && index === 50) outage ??= restart();
                await sleep(outage === undefined ? 1 : 4);
              },
            }),
          ),
        )
      ).flat();
      await outage;
      const failures = storeFailures(outcomes);
      expect(failures.length).toBeGreaterThan(0);
      expectOnlyUnavailable(outcomes);
      expect(outcomes.slice(-30).some((outcome) => outcome.decision.ok)).toBe(true);
      expect(await invariantProblems(own, table, acceptedOf(outcomes))).toEqual([]);
    } finally {
      await Promise.all([own, ...pools].map((pool) => pool.end()));
      await server.destroy();
    }
  });
});
