/**
 * The server over the real HTTP stack: every call goes once through Fastify's `inject` and once
 * through a real socket on 127.0.0.1 (Node's fetch). Every action, every error path, the admin
 * token, health and metrics, the log line. Each server is closed after its test, also when it fails.
 */
import { afterEach, describe, expect, it } from "vitest";
import { memoryStore, type StateStore } from "../../src/store/index";
import { SAMPLE_INSTANCE } from "../../src/examples/sample-instance";
import { ADMIN_TOKEN, REQUEST_ID, sampleStore, startServer, TRANSPORTS, type TestAnswer, type TestServer } from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const JSON_TYPE = { "content-type": "application/json" };
const CREATE = "/?Action=CreateBackup&DBInstanceId=rm-demo";

/** The Alibaba Cloud error body, with a fresh RequestId equal to the x-acs-request-id header, and no stack trace. */
function expectError(answer: TestAnswer, status: number, code: string, rule: string): void {
  expect(answer.status).toBe(status);
  expect(answer.json).toMatchObject({ Code: code });
  expect(Object.keys(answer.json ?? {}).sort()).toEqual(expect.arrayContaining(["Code", "HostId", "Message", "RequestId"]));
  expect(String(answer.json?.Message)).toMatch(new RegExp(`\\(rule ${rule.replaceAll(".", "\\.")}\\)$`));
  expect(answer.json?.RequestId).toMatch(REQUEST_ID);
  expect(answer.headers["x-acs-request-id"]).toBe(answer.json?.RequestId);
  expect(answer.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d/);
}

describe.each(TRANSPORTS)("the RPC API, through %s", (transport) => {
  async function start(options: Parameters<typeof startServer>[1] = {}) {
    const server = await startServer(transport, options);
    servers.push(server);
    return server;
  }

  it("accepts CreateBackup as GET /?Action=…, answers { RequestId, BackupJobId } and stores the job", async () => {
    const store = await sampleStore();
    const { send } = await start({ store });
    const answer = await send({ method: "GET", url: `${CREATE}&BackupMethod=Physical` });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json ?? {})).toEqual(["RequestId", "BackupJobId"]);
    expect(answer.json?.RequestId).toMatch(REQUEST_ID);
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
    const stored = (await store.load("rm-demo")) as { jobs: { jobId: string; createdAt: string }[]; version: number };
    expect(stored.jobs.map((job) => job.jobId)).toEqual([answer.json?.BackupJobId]);
    expect(stored.jobs[0]?.createdAt).toMatch(/^2026-03-02T08:00:00(?:\.000)?Z$/);
    expect(stored.version).toBe(2);
  });

  it("accepts CreateBackup as a form-encoded POST /", async () => {
    const { send } = await start();
    const answer = await send({
      method: "POST",
      url: "/",
      headers: FORM,
      body: "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Logical",
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.BackupJobId).toBe("2");
  });

  it("accepts the SDKs' form: POST with the parameters in the query and the action in x-acs-action", async () => {
    const { send } = await start();
    const answer = await send({
      method: "POST",
      url: "/?DBInstanceId=rm-demo",
      headers: { "x-acs-action": "CreateBackup", "x-acs-version": "2014-08-15" },
    });
    expect(answer.status).toBe(200);
    expect(answer.json?.BackupJobId).toBe("2");
  });

  it("gives every answer a fresh RequestId, never the caller's", async () => {
    const { send } = await start();
    const headers = { "x-acs-request-id": "CALLER-ID", "request-id": "CALLER-ID", "x-request-id": "CALLER-ID" };
    const answers = await Promise.all([
      send({ method: "GET", url: CREATE, headers }),
      send({ method: "GET", url: "/healthz", headers }),
      send({ method: "GET", url: "/nowhere", headers }),
    ]);
    const ids = answers.map((answer) => answer.json?.RequestId);
    for (const id of ids) expect(id).toMatch(REQUEST_ID);
    expect(new Set(ids).size).toBe(3);
  });

  it("refuses a request that breaks a rule with that rule's status, code and message, and writes nothing", async () => {
    const store = await sampleStore();
    const { send } = await start({ store });
    expectError(
      await send({ method: "GET", url: `${CREATE}&BackupMethod=Snapshot` }),
      400,
      "InvalidBackupMethod.ValueNotSupport",
      "backup-method.snapshot-requires-cloud-disk",
    );
    const answer = await send({ method: "GET", url: `${CREATE}&BackupMehtod=Logical` });
    expectError(answer, 400, "InvalidParameter", "parameter.unknown");
    expect(answer.json?.Recommend).toBe("rds-backup-rules explain parameter.unknown");
    expect(answer.json?.HostId).toEqual(transport === "inject" ? "localhost:80" : expect.stringMatching(/^127\.0\.0\.1:\d+$/));
    expect(((await store.load("rm-demo")) as { version: number }).version).toBe(1);
  });

  it("refuses a second backup while the first is ongoing (instance.backup-in-progress, 403)", async () => {
    const { send } = await start();
    expect((await send({ method: "GET", url: CREATE })).status).toBe(200);
    expectError(await send({ method: "GET", url: CREATE }), 403, "BackupJobExists", "instance.backup-in-progress");
  });

  it("answers an unknown Action with action.unsupported, a missing one with action.missing", async () => {
    const { send } = await start();
    expectError(
      await send({ method: "GET", url: "/?Action=DeleteDBInstance&DBInstanceId=rm-demo" }),
      404,
      "InvalidAction.NotFound",
      "action.unsupported",
    );
    expectError(await send({ method: "GET", url: "/?DBInstanceId=rm-demo" }), 400, "MissingParameter", "action.missing");
    expectError(await send({ method: "GET", url: "/" }), 400, "MissingParameter", "action.missing");
  });

  it("answers an instance that is not registered with instance-id.not-found (404)", async () => {
    const { send } = await start();
    expectError(
      await send({ method: "GET", url: "/?Action=CreateBackup&DBInstanceId=rm-nobody" }),
      404,
      "InvalidDBInstanceId.NotFound",
      "instance-id.not-found",
    );
    expectError(
      await send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-nobody" }),
      404,
      "InvalidDBInstanceId.NotFound",
      "instance-id.not-found",
    );
  });

  it("lists the instance's jobs newest first with DescribeBackupTasks, filtered by BackupJobId and BackupJobStatus", async () => {
    let clock = new Date("2026-03-02T08:00:00Z");
    const { send } = await start({ now: () => clock, adminToken: ADMIN_TOKEN });
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, ...JSON_TYPE };
    const first = await send({ method: "GET", url: `${CREATE}&BackupMethod=Logical&BackupStrategy=db&DBName=orders,users` });
    await send({
      method: "POST",
      url: `/admin/instances/rm-demo/jobs/${String(first.json?.BackupJobId)}`,
      headers: admin,
      body: '{"status":"Finished"}',
    });
    clock = new Date("2026-03-02T09:30:00Z");
    const second = await send({ method: "POST", url: "/", headers: FORM, body: "Action=CreateBackup&DBInstanceId=rm-demo" });
    const all = await send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-demo" });
    expect(all.status).toBe(200);
    expect(all.json?.RequestId).toMatch(REQUEST_ID);
    expect(all.json?.Items).toEqual({
      BackupJob: [
        {
          BackupJobId: second.json?.BackupJobId,
          BackupStatus: "NoStart",
          JobMode: "Manual",
          BackupMethod: "Physical",
          BackupType: "Auto",
          StartTime: "2026-03-02T09:30:00Z",
        },
        {
          BackupJobId: first.json?.BackupJobId,
          BackupStatus: "Finished",
          JobMode: "Manual",
          BackupMethod: "Logical",
          BackupStrategy: "db",
          DBName: "orders,users",
          BackupType: "Auto",
          StartTime: "2026-03-02T08:00:00Z",
        },
      ],
    });
    const byId = await send({
      method: "GET",
      url: `/?Action=DescribeBackupTasks&DBInstanceId=rm-demo&BackupJobId=${String(first.json?.BackupJobId)}`,
    });
    expect((byId.json?.Items as { BackupJob: { BackupJobId: string }[] }).BackupJob.map((job) => job.BackupJobId)).toEqual([
      first.json?.BackupJobId,
    ]);
    const byStatus = await send({
      method: "POST",
      url: "/?DBInstanceId=rm-demo&BackupJobStatus=NoStart",
      headers: { "x-acs-action": "DescribeBackupTasks" },
    });
    expect((byStatus.json?.Items as { BackupJob: { BackupJobId: string }[] }).BackupJob.map((job) => job.BackupJobId)).toEqual([
      second.json?.BackupJobId,
    ]);
    const none = await send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-demo&BackupJobStatus=Failed" });
    expect(none.json?.Items).toEqual({ BackupJob: [] });
  });

  it("refuses DescribeBackupTasks without DBInstanceId (400 MissingParameter), with a bad status or a repeated parameter (400 InvalidParameter)", async () => {
    const { send } = await start();
    expectError(await send({ method: "GET", url: "/?Action=DescribeBackupTasks" }), 400, "MissingParameter", "describe.parameter-missing");
    expectError(
      await send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-demo&BackupJobStatus=Done" }),
      400,
      "InvalidParameter",
      "describe.parameter-invalid",
    );
    expectError(
      await send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-demo&DBInstanceId=rm-2" }),
      400,
      "InvalidParameter",
      "describe.parameter-invalid",
    );
  });

  it("refuses an Idempotency-Key the rule set does not take as the caller's mistake (400), before the store", async () => {
    const { send } = await start();
    expectError(
      await send({ method: "GET", url: CREATE, headers: { "idempotency-key": "k".repeat(65) } }),
      400,
      "InvalidParameter",
      "http.header-invalid",
    );
  });

  it("answers a store that keeps losing its compare-and-sets with store.contention (409), one that fails with store.unavailable (503)", async () => {
    const base = await sampleStore();
    const losing: StateStore = { load: (id) => base.load(id), compareAndSet: async () => false };
    const failing: StateStore = {
      load: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")),
      compareAndSet: async () => false,
    };
    const lost = await start({ store: losing, commit: { maxAttempts: 3, backoff: () => 0 } });
    expectError(await lost.send({ method: "GET", url: CREATE }), 409, "OperationConflict", "store.contention");
    const down = await start({ store: failing });
    const answer = await down.send({ method: "GET", url: CREATE });
    expectError(answer, 503, "ServiceUnavailable", "store.unavailable");
    // The cause is the operator's, under the same RequestId; the caller gets a generic message (see nothing-leaked.test.ts).
    expect(answer.json?.Message).toBe(
      `The service could not decide this request; quote RequestId ${String(answer.json?.RequestId)} to its operator (rule store.unavailable)`,
    );
    expectError(
      await down.send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-demo" }),
      503,
      "ServiceUnavailable",
      "store.unavailable",
    );
  });

  it("answers store.unavailable (503) whatever a failing store rejects with, on every route that loads a state", async () => {
    // A store of the service's own may reject with anything: an object whose toString throws, a
    // symbol, null. Each is still the named outcome, from the store layer's one builder of it.
    const unreadable = {
      toString: () => {
        throw new Error("no");
      },
    };
    for (const thrown of [unreadable, Symbol("down"), null]) {
      const failing: StateStore = { load: async () => Promise.reject(thrown), compareAndSet: async () => false };
      const { send } = await start({ store: failing, adminToken: "t" });
      for (const url of [CREATE, "/?Action=DescribeBackupTasks&DBInstanceId=rm-demo"]) {
        expectError(await send({ method: "GET", url }), 503, "ServiceUnavailable", "store.unavailable");
      }
      const admin = await send({ method: "GET", url: "/admin/instances/rm-demo", headers: { authorization: "Bearer t" } });
      expect(admin.status).toBe(503);
      expect(admin.json?.Code).toBe("ServiceUnavailable");
    }
  });

  it("answers a stored state damaged by hand with state.invalid (500: the server's data, not the caller's mistake)", async () => {
    const store = memoryStore({ "rm-demo": { ...SAMPLE_INSTANCE, engine: "Oracle", version: 3 } });
    const { send } = await start({ store });
    expectError(await send({ method: "GET", url: CREATE }), 500, "InvalidInstanceState", "state.invalid");
    expectError(
      await send({ method: "GET", url: "/?Action=DescribeBackupTasks&DBInstanceId=rm-demo" }),
      500,
      "InvalidInstanceState",
      "state.invalid",
    );
  });

  it("writes one JSON log line per request with the RequestId, action, instance, rule and latency", async () => {
    const server = await start();
    const accepted = await server.send({ method: "GET", url: CREATE });
    const refused = await server.send({ method: "GET", url: CREATE });
    const lines = server.logs().filter((line) => line.msg === "request");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      RequestId: accepted.json?.RequestId,
      action: "CreateBackup",
      instance: "rm-demo",
      outcome: "accepted",
      status: 200,
    });
    expect(lines[1]).toMatchObject({
      RequestId: refused.json?.RequestId,
      action: "CreateBackup",
      instance: "rm-demo",
      rule: "instance.backup-in-progress",
      status: 403,
    });
    for (const line of lines) expect(line.latencyMs).toEqual(expect.any(Number));
  });
});

describe.each(TRANSPORTS)("bad input, through %s", (transport) => {
  async function start(options: Parameters<typeof startServer>[1] = {}) {
    const server = await startServer(transport, options);
    servers.push(server);
    return server;
  }

  it("answers a body over 64 KiB with 413, and takes one of exactly 64 KiB", async () => {
    const { send } = await start();
    const padding = (size: number) =>
      `Action=CreateBackup&DBInstanceId=rm-demo&ResourceOwnerId=${"1".repeat(size - "Action=CreateBackup&DBInstanceId=rm-demo&ResourceOwnerId=".length)}`;
    expectError(
      await send({ method: "POST", url: "/", headers: FORM, body: padding(64 * 1024 + 1) }),
      413,
      "EntityTooLarge",
      "http.body-too-large",
    );
    expect((await send({ method: "POST", url: "/", headers: FORM, body: padding(64 * 1024) })).status).toBe(200);
  });

  it("answers a JSON body that does not parse with 400", async () => {
    const { send } = await start();
    expectError(
      await send({ method: "PUT", url: "/admin/instances/rm-2", headers: JSON_TYPE, body: '{"engine": "MySQL",' }),
      400,
      "InvalidParameter",
      "http.body-malformed",
    );
    expectError(
      await send({ method: "PUT", url: "/admin/instances/rm-2", headers: JSON_TYPE, body: "[1, 2]" }),
      400,
      "InvalidParameter",
      "http.body-malformed",
    );
    expectError(
      await send({ method: "POST", url: "/admin/instances/rm-demo/jobs/1", headers: JSON_TYPE }),
      400,
      "InvalidParameter",
      "http.body-malformed",
    );
  });

  it("answers an unknown route with 404", async () => {
    const { send } = await start();
    expectError(await send({ method: "GET", url: "/v1/backups" }), 404, "NotFound", "http.route-not-found");
    expectError(await send({ method: "POST", url: "/admin/instances" }), 404, "NotFound", "http.route-not-found");
  });

  it("answers a method the route does not take with 405 and its Allow header", async () => {
    const { send } = await start();
    const answer = await send({ method: "DELETE", url: "/?Action=CreateBackup" });
    expectError(answer, 405, "MethodNotAllowed", "http.method-not-allowed");
    expect(answer.headers.allow).toBe("GET, POST");
    expect((await send({ method: "HEAD", url: CREATE })).status).toBe(405);
    expectError(await send({ method: "POST", url: "/healthz" }), 405, "MethodNotAllowed", "http.method-not-allowed");
    expectError(await send({ method: "DELETE", url: "/admin/instances/rm-demo" }), 405, "MethodNotAllowed", "http.method-not-allowed");
    expectError(await send({ method: "GET", url: "/admin/instances/rm-demo/jobs/2" }), 405, "MethodNotAllowed", "http.method-not-allowed");
  });

  it("answers a URL that cannot be decoded with 400", async () => {
    const { send } = await start();
    expectError(await send({ method: "GET", url: "/admin/instances/%E0%A4%A" }), 400, "InvalidParameter", "http.url-malformed");
  });

  it("reads a form body whatever else it holds, and answers a non-form body on POST / by the rules", async () => {
    const { send } = await start();
    expectError(await send({ method: "POST", url: "/", headers: FORM, body: "%%%&&&==" }), 400, "MissingParameter", "action.missing");
    expectError(
      await send({ method: "POST", url: "/", headers: JSON_TYPE, body: '{"Action":"CreateBackup"}' }),
      400,
      "MissingParameter",
      "action.missing",
    );
  });
});

describe.each(TRANSPORTS)("the admin API, through %s", (transport) => {
  async function start(options: Parameters<typeof startServer>[1] = {}) {
    const server = await startServer(transport, options);
    servers.push(server);
    return server;
  }
  const instance = {
    engine: "SQLServer",
    engineVersion: "2019_std_ha",
    storageType: "cloud_essd",
    status: "Running",
    databases: ["sales"],
  };

  it("is open without a token, and registers, reads and advances", async () => {
    const { send } = await start();
    const created = await send({ method: "PUT", url: "/admin/instances/rm-sql", headers: JSON_TYPE, body: JSON.stringify(instance) });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ Created: true, State: { instanceId: "rm-sql", jobs: [], version: 1, ...instance } });
    const stopped = await send({
      method: "PUT",
      url: "/admin/instances/rm-sql",
      headers: JSON_TYPE,
      body: JSON.stringify({ ...instance, status: "Stopped" }),
    });
    expect(stopped.json).toMatchObject({ Created: false, State: { status: "Stopped", version: 2 } });
    const read = await send({ method: "GET", url: "/admin/instances/rm-sql" });
    expect(read.json).toMatchObject({ RequestId: expect.stringMatching(REQUEST_ID), State: { status: "Stopped", version: 2 } });
    const job = await send({ method: "GET", url: CREATE });
    const advanced = await send({
      method: "POST",
      url: `/admin/instances/rm-demo/jobs/${String(job.json?.BackupJobId)}`,
      headers: JSON_TYPE,
      body: '{"status":"Uploading"}',
    });
    expect(advanced.status).toBe(200);
    expect(advanced.json?.Job).toMatchObject({ jobId: job.json?.BackupJobId, status: "Uploading" });
  });

  it("refuses bad admin input with the rule's code, as the caller's mistake (400, never 500)", async () => {
    const { send } = await start();
    const badField = await send({
      method: "PUT",
      url: "/admin/instances/rm-x",
      headers: JSON_TYPE,
      body: JSON.stringify({ ...instance, storageType: "floppy" }),
    });
    expectError(badField, 400, "InvalidInstanceState", "state.invalid");
    expect(badField.json?.Message).toContain("storageType");
    expectError(
      await send({ method: "PUT", url: "/admin/instances/rm-x", headers: JSON_TYPE, body: JSON.stringify({ ...instance, jobs: [] }) }),
      400,
      "InvalidParameter",
      "http.body-malformed",
    );
    expectError(await send({ method: "GET", url: "/admin/instances/rm-x" }), 404, "InvalidDBInstanceId.NotFound", "instance-id.not-found");
    const job = await send({ method: "GET", url: CREATE });
    const jobUrl = `/admin/instances/rm-demo/jobs/${String(job.json?.BackupJobId)}`;
    expectError(
      await send({ method: "POST", url: "/admin/instances/rm-demo/jobs/999", headers: JSON_TYPE, body: '{"status":"Finished"}' }),
      404,
      "InvalidBackupJobId.NotFound",
      "job.not-found",
    );
    expectError(
      await send({ method: "POST", url: jobUrl, headers: JSON_TYPE, body: '{"status":"Done"}' }),
      400,
      "InvalidBackupStatus.ValueNotSupport",
      "job-status.invalid-value",
    );
    expectError(
      await send({ method: "POST", url: jobUrl, headers: JSON_TYPE, body: '{"status":7}' }),
      400,
      "InvalidParameter",
      "http.body-malformed",
    );
    expect((await send({ method: "POST", url: jobUrl, headers: JSON_TYPE, body: '{"status":"Finished"}' })).status).toBe(200);
    expectError(
      await send({ method: "POST", url: jobUrl, headers: JSON_TYPE, body: '{"status":"Uploading"}' }),
      409,
      "IncorrectBackupJobState",
      "job.invalid-transition",
    );
    expectError(
      await send({ method: "POST", url: "/admin/instances/rm-nobody/jobs/1", headers: JSON_TYPE, body: '{"status":"Finished"}' }),
      404,
      "InvalidDBInstanceId.NotFound",
      "instance-id.not-found",
    );
  });

  it("with a token: missing → 401 with WWW-Authenticate, wrong → 403, right → 200; the RPC API does not take it", async () => {
    const { send } = await start({ adminToken: ADMIN_TOKEN });
    const missing = await send({ method: "GET", url: "/admin/instances/rm-demo" });
    expectError(missing, 401, "Unauthorized", "admin.token-missing");
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer /);
    expectError(
      await send({ method: "GET", url: "/admin/instances/rm-demo", headers: { authorization: `Basic ${ADMIN_TOKEN}` } }),
      401,
      "Unauthorized",
      "admin.token-missing",
    );
    expectError(
      await send({ method: "GET", url: "/admin/instances/rm-demo", headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } }),
      403,
      "Forbidden",
      "admin.token-wrong",
    );
    expectError(
      await send({ method: "GET", url: "/admin/instances/rm-demo", headers: { authorization: "Bearer " } }),
      401,
      "Unauthorized",
      "admin.token-missing",
    );
    // The token is checked before the body is read: a wrong token with a huge body is still a 403.
    expectError(
      await send({
        method: "PUT",
        url: "/admin/instances/rm-demo",
        headers: { authorization: "Bearer nope", ...JSON_TYPE },
        body: "x".repeat(70_000),
      }),
      403,
      "Forbidden",
      "admin.token-wrong",
    );
    const ok = await send({ method: "GET", url: "/admin/instances/rm-demo", headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.json?.State).toMatchObject({ instanceId: "rm-demo" });
    expect((await send({ method: "GET", url: CREATE })).status).toBe(200);
  });
});

describe.each(TRANSPORTS)("health and metrics, through %s", (transport) => {
  it("answers /healthz, and counts decisions, latency and store attempts in /metrics", async () => {
    const server = await startServer(transport);
    servers.push(server);
    const { send } = server;
    const health = await send({ method: "GET", url: "/healthz" });
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ Status: "ok", RequestId: expect.stringMatching(REQUEST_ID) });
    await send({ method: "GET", url: CREATE });
    await send({ method: "GET", url: CREATE });
    await send({ method: "GET", url: "/?Action=Hack&DBInstanceId=x" });
    const metrics = await send({ method: "GET", url: "/metrics" });
    expect(metrics.status).toBe(200);
    expect(metrics.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.text).toContain('rds_backup_rules_decisions_total{action="CreateBackup",outcome="accepted",rule="none"} 1');
    expect(metrics.text).toContain(
      'rds_backup_rules_decisions_total{action="CreateBackup",outcome="refused",rule="instance.backup-in-progress"} 1',
    );
    expect(metrics.text).toContain('rds_backup_rules_decisions_total{action="other",outcome="refused",rule="action.unsupported"} 1');
    expect(metrics.text).toContain('rds_backup_rules_store_attempts_count{action="CreateBackup"} 2');
    expect(metrics.text).toMatch(/rds_backup_rules_request_duration_seconds_count\{action="CreateBackup",status="200"\} 1/);
  });
});
