/**
 * Nothing leaked (server.md section 6): a 5xx to an API or admin caller carries the rule's code, a
 * generic message and the RequestId — never the database's address or a damaged row's stored
 * value; the cause goes to the log at level `error` under the same RequestId. Every route that
 * reaches the store, over inject and a real socket.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLE_INSTANCE } from "../../src/examples/sample-instance";
import { memoryStore, type StateStore } from "../../src/store/index";
import { REQUEST_ID, sampleStore, startServer, TRANSPORTS, type TestAnswer, type TestCall, type TestServer } from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const JSON_TYPE = { "content-type": "application/json" };
const REGISTRATION = JSON.stringify({
  engine: "MySQL",
  engineVersion: "8.0",
  storageType: "local_ssd",
  status: "Running",
  databases: ["orders"],
});
const ADMIN_TOKEN = "admin-token-0123456789";
const BEARER = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Every route that reads or writes a state. */
const ROUTES: readonly TestCall[] = [
  { method: "GET", url: "/?Action=CreateBackup&DBInstanceId=rm-demo" },
  {
    method: "POST",
    url: "/",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "Action=DescribeBackupTasks&DBInstanceId=rm-demo",
  },
  { method: "GET", url: "/admin/instances/rm-demo", headers: BEARER },
  { method: "PUT", url: "/admin/instances/rm-demo", headers: { ...BEARER, ...JSON_TYPE }, body: REGISTRATION },
  { method: "POST", url: "/admin/instances/rm-demo/jobs/1", headers: { ...BEARER, ...JSON_TYPE }, body: '{"status":"Failed"}' },
];

function expectGeneric(answer: TestAnswer, status: number, code: string, rule: string, secret: string): void {
  expect(answer.status).toBe(status);
  const id = String(answer.json?.RequestId);
  expect(id).toMatch(REQUEST_ID);
  expect(answer.json).toMatchObject({
    Code: code,
    Message: `The service could not decide this request; quote RequestId ${id} to its operator (rule ${rule})`,
  });
  expect(answer.text).not.toContain(secret);
}

function expectLogged(server: TestServer, answer: TestAnswer, rule: string, secret: string): void {
  const lines = server.logs().filter((line) => line.RequestId === answer.json?.RequestId);
  expect(lines).toContainEqual(
    expect.objectContaining({ level: 50, rule, status: answer.status, detail: expect.stringContaining(secret) }),
  );
}

describe.each(TRANSPORTS)("5xx answers, through %s", (transport) => {
  async function start(store: StateStore) {
    const server = await startServer(transport, { store, adminToken: ADMIN_TOKEN, commit: { maxAttempts: 2, backoff: () => 0 } });
    servers.push(server);
    return server;
  }

  it("a store that cannot be reached: 503 with a generic message on every route; the driver's error in the log", async () => {
    const secret = "connect ECONNREFUSED 10.1.2.3:5432";
    const server = await start({ load: async () => Promise.reject(new Error(secret)), compareAndSet: async () => false });
    for (const call of ROUTES) {
      const answer = await server.send(call);
      expectGeneric(answer, 503, "ServiceUnavailable", "store.unavailable", "ECONNREFUSED");
      expectLogged(server, answer, "store.unavailable", secret);
    }
  });

  it("a write that fails after the load: 503, the cause in the log only", async () => {
    const base = await sampleStore();
    const secret = "Connection terminated unexpectedly (db-primary.internal)";
    const server = await start({ load: (id) => base.load(id), compareAndSet: async () => Promise.reject(new Error(secret)) });
    const answer = await server.send({ method: "GET", url: "/?Action=CreateBackup&DBInstanceId=rm-demo" });
    expectGeneric(answer, 503, "ServiceUnavailable", "store.unavailable", "db-primary");
    expectLogged(server, answer, "store.unavailable", secret);
  });

  it("a stored state damaged by hand: 500 state.invalid without the stored value; the field in the log", async () => {
    const secret = "Oracle-by-hand-4711";
    const server = await start(memoryStore({ "rm-demo": { ...SAMPLE_INSTANCE, engine: secret, version: 3 } }));
    for (const call of [ROUTES[0]!, ROUTES[1]!, ROUTES[4]!]) {
      const answer = await server.send(call);
      expectGeneric(answer, 500, "InvalidInstanceState", "state.invalid", secret);
      expectLogged(server, answer, "state.invalid", secret);
    }
  });

  it("keeps the caller's own mistakes in words (4xx are not hidden)", async () => {
    const server = await start(await sampleStore());
    const answer = await server.send({
      method: "PUT",
      url: "/admin/instances/rm-x",
      headers: { ...BEARER, ...JSON_TYPE },
      body: REGISTRATION.replace("local_ssd", "floppy"),
    });
    expect(answer.status).toBe(400);
    expect(answer.json?.Message).toContain("storageType");
  });
});
