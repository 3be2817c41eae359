/**
 * The official Alibaba Cloud SDK (`@alicloud/rds20140815` on `@alicloud/openapi-core`) against the
 * server on a real socket, `endpoint: "127.0.0.1:PORT"`, `protocol: "http"`: it signs with a
 * configured key (V3 by default, V1 with `signatureAlgorithm: "v2"`), calls CreateBackup and
 * DescribeBackupTasks, and reads the answers through its own models; a wrong secret, an unknown
 * key id, a stale date and a replayed nonce come back as the SDK's errors with the documented codes.
 * Retries with one ClientToken (sent through the client's generic `callApi`, signed alike) get one job.
 */
import RdsClient, { CreateBackupRequest, DescribeBackupTasksRequest } from "@alicloud/rds20140815";
import { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_KEYS, REQUEST_ID, sdkConfig, signedDate, startServer, type TestServer } from "./support";

// The SDK package is CommonJS with an `exports.default`; under ESM interop it may come wrapped once more.
const Client = (RdsClient as unknown as { default?: typeof RdsClient }).default ?? RdsClient;

let server: TestServer;
beforeAll(async () => {
  // The SDK stamps x-acs-date from the system clock, so this server reads the system clock too.
  server = await startServer("socket", { accessKeys: ACCESS_KEYS, now: () => new Date() });
});
afterAll(async () => {
  await server?.close();
});

/** What the SDK throws for an error answer: its code, HTTP status and the server's RequestId. */
/** Registers a MySQL instance on local disks with the database `orders`, through the admin API. */
async function register(instance: string): Promise<void> {
  const registered = await server.send({
    method: "PUT",
    url: `/admin/instances/${instance}`,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] }),
  });
  expect(registered.status).toBe(200);
}

async function sdkError(call: Promise<unknown>): Promise<{ code: string; statusCode: number; requestId: string }> {
  try {
    await call;
  } catch (error) {
    const { code, statusCode, requestId } = error as { code: string; statusCode: number; requestId: string };
    return { code, statusCode, requestId };
  }
  throw new Error("the SDK call succeeded");
}

describe.each([
  ["V3 (ACS3-HMAC-SHA256)", false],
  ["V1 (HMAC-SHA1)", true],
] as const)("the RDS SDK signing %s", (_scheme, v1) => {
  it("creates a backup and lists it, read through the SDK's models", async () => {
    const client = new Client(sdkConfig(server.host, { v1 }));
    const instance = v1 ? "rm-sdk-v1" : "rm-sdk-v3";
    await register(instance);
    const created = await client.createBackup(
      new CreateBackupRequest({ DBInstanceId: instance, backupMethod: "Logical", backupStrategy: "db", DBName: "orders" }),
    );
    expect(created.statusCode).toBe(200);
    expect(created.body?.backupJobId).toMatch(/^\d+$/);
    expect(created.body?.requestId).toMatch(REQUEST_ID);
    const listed = await client.describeBackupTasks(new DescribeBackupTasksRequest({ DBInstanceId: instance }));
    const jobs = listed.body?.items?.backupJob ?? [];
    expect(jobs.map((job) => [job.backupJobId, job.backupStatus, job.jobMode])).toEqual([[created.body?.backupJobId, "NoStart", "Manual"]]);
    const refused = await sdkError(client.createBackup(new CreateBackupRequest({ DBInstanceId: instance })));
    expect(refused).toMatchObject({ code: "BackupJobExists", statusCode: 403, requestId: expect.stringMatching(REQUEST_ID) });
  });

  it("is refused with a wrong secret (SignatureDoesNotMatch) and an unknown key id (InvalidAccessKeyId.NotFound)", async () => {
    const wrongSecret = new Client(sdkConfig(server.host, { v1, secret: "not-the-secret" }));
    expect(await sdkError(wrongSecret.createBackup(new CreateBackupRequest({ DBInstanceId: "rm-demo" })))).toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 403,
    });
    const unknownKey = new Client(sdkConfig(server.host, { v1, keyId: "LTAI-unknown" }));
    expect(await sdkError(unknownKey.describeBackupTasks(new DescribeBackupTasksRequest({ DBInstanceId: "rm-demo" })))).toMatchObject({
      code: "InvalidAccessKeyId.NotFound",
      statusCode: 403,
    });
  });
});

/**
 * CreateBackup with a ClientToken through the SDK. Its `CreateBackupRequest` has no ClientToken
 * field, so the call goes through the client's generic `callApi` with the Params the generated
 * `createBackupWithOptions` uses (RPC style, POST, action CreateBackup, version 2014-08-15): the
 * same signing (V3, or V1 with `signatureAlgorithm: "v2"`), with ClientToken one more query parameter.
 */
async function createBackupWithToken(
  client: RdsClient,
  query: Readonly<Record<string, string>>,
): Promise<{ statusCode: number; body: { RequestId: string; BackupJobId: string } }> {
  const params = new $OpenApiUtil.Params({
    action: "CreateBackup",
    version: "2014-08-15",
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query({ ...query }) });
  // The runtime options are read field by field, all optional (the SDK's own RuntimeOptions class comes from a package this one does not depend on).
  const runtime = {} as Parameters<RdsClient["callApi"]>[2];
  return (await client.callApi(params, request, runtime)) as { statusCode: number; body: { RequestId: string; BackupJobId: string } };
}

describe.each([
  ["V3 (ACS3-HMAC-SHA256)", false],
  ["V1 (HMAC-SHA1)", true],
] as const)("the RDS SDK retrying CreateBackup with one ClientToken, signing %s", (_scheme, v1) => {
  it("gets one job for six retries, and IdempotentParameterMismatch for the token on another backup", async () => {
    const client = new Client(sdkConfig(server.host, { v1 }));
    const instance = v1 ? "rm-sdk-token-v1" : "rm-sdk-token-v3";
    await register(instance);
    const token = `sdk-token-${v1 ? "v1" : "v3"}-${Date.now()}`;
    const answers = [];
    for (let retry = 0; retry < 6; retry++)
      answers.push(await createBackupWithToken(client, { DBInstanceId: instance, BackupMethod: "Physical", ClientToken: token }));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.body.BackupJobId)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.body.RequestId)).size).toBe(6);
    const listed = await client.describeBackupTasks(new DescribeBackupTasksRequest({ DBInstanceId: instance }));
    expect((listed.body?.items?.backupJob ?? []).map((job) => job.backupJobId)).toEqual([answers[0]!.body.BackupJobId]);
    const other = await sdkError(
      createBackupWithToken(client, {
        DBInstanceId: instance,
        BackupMethod: "Logical",
        BackupStrategy: "db",
        DBName: "orders",
        ClientToken: token,
      }),
    );
    expect(other).toMatchObject({ code: "IdempotentParameterMismatch", statusCode: 400, requestId: expect.stringMatching(REQUEST_ID) });
  });
});

describe("the RDS SDK with its date and nonce pinned (V3 headers set through globalParameters)", () => {
  it("is refused for a date 20 minutes old, and for a nonce used twice", async () => {
    const stale = new Client(sdkConfig(server.host, { headers: { "x-acs-date": signedDate(new Date(Date.now() - 20 * 60_000)) } }));
    expect(await sdkError(stale.describeBackupTasks(new DescribeBackupTasksRequest({ DBInstanceId: "rm-demo" })))).toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 403,
    });
    const pinned = new Client(sdkConfig(server.host, { headers: { "x-acs-signature-nonce": `nonce-${Date.now()}` } }));
    const first = await pinned.describeBackupTasks(new DescribeBackupTasksRequest({ DBInstanceId: "rm-demo" }));
    expect(first.statusCode).toBe(200);
    expect(await sdkError(pinned.describeBackupTasks(new DescribeBackupTasksRequest({ DBInstanceId: "rm-demo" })))).toMatchObject({
      code: "SignatureNonceUsed",
      statusCode: 403,
    });
  });
});
