/**
 * Honest health (server.md section 6): `GET /readyz` is 200 when the store answers a trivial call
 * within 1 s, else 503 `store.unavailable` in the error body (the cause logged, not answered);
 * `/healthz` stays liveness only. Over inject and a real socket, with the default probe (a `load`)
 * and with a store's own `ready` call; a store that never answers is the case that matters.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { StateStore } from "../../src/store/index";
import { REQUEST_ID, sampleStore, startServer, TRANSPORTS, type TestServer } from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A store whose calls never settle (a database that drops packets), and how many loads it was asked. */
function hangingStore(): { store: StateStore; loads: () => number } {
  let loads = 0;
  const never = new Promise<never>(() => undefined);
  return { store: { load: () => ((loads += 1), never), compareAndSet: () => never }, loads: () => loads };
}

describe.each(TRANSPORTS)("readiness, through %s", (transport) => {
  async function start(options: Parameters<typeof startServer>[1] = {}) {
    const server = await startServer(transport, options);
    servers.push(server);
    return server;
  }

  it("is 200 when the store answers (a load of a probe id, registered or not)", async () => {
    const { send } = await start();
    const ready = await send({ method: "GET", url: "/readyz" });
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ RequestId: expect.stringMatching(REQUEST_ID), Status: "ready" });
  });

  it("is 503 store.unavailable when the store fails, while /healthz stays 200; the cause is logged, not answered", async () => {
    const failing: StateStore = {
      load: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")),
      compareAndSet: async () => false,
    };
    const server = await start({ store: failing });
    const ready = await server.send({ method: "GET", url: "/readyz" });
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({
      RequestId: expect.stringMatching(REQUEST_ID),
      HostId: expect.any(String),
      Code: "ServiceUnavailable",
    });
    expect(String(ready.json?.Message)).toMatch(/\(rule store\.unavailable\)$/);
    expect(ready.text).not.toContain("ECONNREFUSED");
    expect((await server.send({ method: "GET", url: "/healthz" })).status).toBe(200);
    const line = server.logs().find((entry) => entry.RequestId === ready.json?.RequestId);
    expect(line).toMatchObject({
      level: 50,
      action: "readyz",
      rule: "store.unavailable",
      status: 503,
      detail: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("is 503 within its second when the store never answers, and /healthz still answers", async () => {
    const hanging = hangingStore();
    const { send } = await start({ store: hanging.store });
    const [ready, health] = await Promise.all([send({ method: "GET", url: "/readyz" }), send({ method: "GET", url: "/healthz" })]);
    expect(ready.status).toBe(503);
    expect(ready.json?.Code).toBe("ServiceUnavailable");
    expect(health.status).toBe(200);
    expect(hanging.loads()).toBe(1);
  });

  it("asks the store's own ready call when given one (and not load), and is 503 when it fails or hangs", async () => {
    const base = await sampleStore();
    let loads = 0;
    const counted: StateStore = {
      load: (id) => ((loads += 1), base.load(id)),
      compareAndSet: (id, version, next) => base.compareAndSet(id, version, next),
    };
    let pings = 0;
    let answer: () => Promise<void> = async () => undefined;
    const { send } = await start({ store: counted, ready: () => ((pings += 1), answer()) });
    expect((await send({ method: "GET", url: "/readyz" })).status).toBe(200);
    answer = async () => Promise.reject(new Error("Connection terminated unexpectedly"));
    expect((await send({ method: "GET", url: "/readyz" })).status).toBe(503);
    answer = () => new Promise(() => undefined);
    expect((await send({ method: "GET", url: "/readyz" })).status).toBe(503);
    expect([pings, loads]).toEqual([3, 0]);
  });
});

describe("readiness in the metrics", () => {
  it("counts /readyz under its own action", async () => {
    const server = await startServer("inject");
    servers.push(server);
    await server.send({ method: "GET", url: "/readyz" });
    const metrics = await server.send({ method: "GET", url: "/metrics" });
    expect(metrics.text).toMatch(/rds_backup_rules_request_duration_seconds_count\{action="readyz",status="200"\} 1/);
  });
});
