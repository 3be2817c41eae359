/**
 * Text a store cannot hold (server.md section 6, create-backup.md section 7): a DBInstanceId with
 * U+0000 (or one whose percent-encoding is no UTF-8, read as U+FFFD) is an instance that cannot
 * exist, 404 through every route, and the routes that only read a state do not ask the store for
 * it; a registration whose text holds U+0000 or a lone surrogate is `state.invalid`, 400, naming
 * the path, and nothing is written. On the memory store, over inject and a real socket (the
 * PostgreSQL store answers alike: test/store-postgres).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { StateStore } from "../../src/store/index";
import { sampleStore, startServer, TRANSPORTS, type TestAnswer, type TestServer } from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const JSON_TYPE = { "content-type": "application/json" };
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const REGISTRATION = { engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] };

function expectStatus(answer: TestAnswer, status: number, code: string, rule: string): void {
  expect(answer.status).toBe(status);
  expect(answer.json).toMatchObject({ Code: code });
  expect(String(answer.json?.Message)).toMatch(new RegExp(`\\(rule ${rule.replaceAll(".", "\\.")}\\)$`));
}

describe.each(TRANSPORTS)("text no store can hold, through %s", (transport) => {
  async function start() {
    const base = await sampleStore();
    const asked: string[] = [];
    const store: StateStore = {
      load: (id) => (asked.push(id), base.load(id)),
      compareAndSet: (id, version, next) => (asked.push(id), base.compareAndSet(id, version, next)),
    };
    const server = await startServer(transport, { store });
    servers.push(server);
    return { ...server, asked, base };
  }

  it("answers an instance id holding U+0000 with 404 on every route, and reads no state for it", async () => {
    const { send, asked } = await start();
    const notFound = ["InvalidDBInstanceId.NotFound", "instance-id.not-found"] as const;
    expectStatus(await send({ method: "GET", url: "/?Action=CreateBackup&DBInstanceId=rm-demo%00" }), 404, ...notFound);
    expectStatus(
      await send({ method: "POST", url: "/", headers: FORM, body: "Action=CreateBackup&DBInstanceId=rm-demo%00" }),
      404,
      ...notFound,
    );
    expectStatus(await send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-demo%00" }), 404, ...notFound);
    expectStatus(await send({ method: "GET", url: "/admin/instances/rm-demo%00" }), 404, ...notFound);
    expectStatus(
      await send({ method: "POST", url: "/admin/instances/rm-demo%00/jobs/1", headers: JSON_TYPE, body: '{"status":"Failed"}' }),
      404,
      ...notFound,
    );
    expect(asked.filter((id) => id.includes("\u0000"))).toEqual([]);
  });

  it("reads a percent-encoding that is no UTF-8 as U+FFFD in parameters (an unknown instance) and refuses it in a path", async () => {
    const { send } = await start();
    expectStatus(
      await send({ method: "GET", url: "/?Action=CreateBackup&DBInstanceId=rm-%ED%A0%80" }),
      404,
      "InvalidDBInstanceId.NotFound",
      "instance-id.not-found",
    );
    expectStatus(
      await send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-%ED%A0%80" }),
      404,
      "InvalidDBInstanceId.NotFound",
      "instance-id.not-found",
    );
    expectStatus(await send({ method: "GET", url: "/admin/instances/rm-%ED%A0%80" }), 400, "InvalidParameter", "http.url-malformed");
  });

  it("refuses a registration whose text holds U+0000 or a lone surrogate: 400 state.invalid naming the path, nothing written", async () => {
    const { send, base } = await start();
    const nulId = await send({ method: "PUT", url: "/admin/instances/rm-new%00", headers: JSON_TYPE, body: JSON.stringify(REGISTRATION) });
    expectStatus(nulId, 400, "InvalidInstanceState", "state.invalid");
    expect(nulId.json?.Message).toContain("state.instanceId");
    for (const item of ["\\ud800", "orders\\u0000", "\\udc00x"]) {
      const body = JSON.stringify({ ...REGISTRATION, databases: ["orders", "@"] }).replace("@", item);
      const answer = await send({ method: "PUT", url: "/admin/instances/rm-demo", headers: JSON_TYPE, body });
      expectStatus(answer, 400, "InvalidInstanceState", "state.invalid");
      expect(answer.json?.Message).toContain("state.databases[1]");
    }
    expect(await base.load("rm-new\u0000")).toBeUndefined();
    expect(((await base.load("rm-demo")) as { version: number }).version).toBe(1);
  });
});
