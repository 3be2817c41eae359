/**
 * The `Idempotency-Key` header is the rule set's `context.idempotencyKey`: a retried CreateBackup
 * with the same key and the same parameters gets the job it already queued (a replay, nothing
 * written); the same key for a different backup is `idempotency-key.reused`. Over `inject` and a
 * real socket; from the RDS SDK (the header set through its globalParameters, which the SDK does not
 * sign) a signed call with the header is refused.
 */
import RdsClient, { CreateBackupRequest } from "@alicloud/rds20140815";
import { afterEach, describe, expect, it } from "vitest";
import { ACCESS_KEYS, sampleStore, sdkConfig, startServer, TRANSPORTS, type TestServer } from "./support";

const Client = (RdsClient as unknown as { default?: typeof RdsClient }).default ?? RdsClient;
const CREATE = "/?Action=CreateBackup&DBInstanceId=rm-demo";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe.each(TRANSPORTS)("Idempotency-Key, through %s", (transport) => {
  it("replays the job of a retried CreateBackup, refuses the key for another backup, and writes once", async () => {
    const store = await sampleStore();
    const server = await startServer(transport, { store });
    servers.push(server);
    const key = { "idempotency-key": "order-4711" };
    const first = await server.send({ method: "GET", url: `${CREATE}&BackupMethod=Physical`, headers: key });
    expect(first.status).toBe(200);
    const retried = await server.send({
      method: "POST",
      url: "/",
      headers: { ...key, "content-type": "application/x-www-form-urlencoded" },
      body: "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Physical",
    });
    expect(retried.status).toBe(200);
    expect(retried.json?.BackupJobId).toBe(first.json?.BackupJobId);
    expect(retried.json?.RequestId).not.toBe(first.json?.RequestId);
    const other = await server.send({ method: "GET", url: `${CREATE}&BackupMethod=Logical`, headers: key });
    expect(other.status).toBe(400);
    expect(other.json).toMatchObject({ Code: "IdempotentParameterMismatch" });
    expect(String(other.json?.Message)).toMatch(/\(rule idempotency-key\.reused\)$/);
    const unkeyed = await server.send({ method: "GET", url: CREATE });
    expect(unkeyed.json).toMatchObject({ Code: "BackupJobExists" });
    const stored = (await store.load("rm-demo")) as { version: number; jobs: { jobId: string; idempotencyKey?: string }[] };
    expect(stored.version).toBe(2);
    expect(stored.jobs).toMatchObject([{ jobId: first.json?.BackupJobId, idempotencyKey: "order-4711" }]);
    const metrics = await server.send({ method: "GET", url: "/metrics" });
    expect(metrics.text).toContain('rds_backup_rules_decisions_total{action="CreateBackup",outcome="replayed",rule="none"} 1');
  });
});

describe("Idempotency-Key from the RDS SDK", () => {
  it("is refused from a signed call, since the SDK does not sign it (the SDK sends the key as ClientToken: sdk.test.ts)", async () => {
    const server = await startServer("socket", { accessKeys: ACCESS_KEYS, now: () => new Date() });
    servers.push(server);
    const client = new Client(sdkConfig(server.host, { headers: { "Idempotency-Key": "sdk-retry-1" } }));
    await expect(client.createBackup(new CreateBackupRequest({ DBInstanceId: "rm-demo" }))).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 403,
    });
  });
});
