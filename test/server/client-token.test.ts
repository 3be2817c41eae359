/**
 * The idempotency key as the `ClientToken` parameter (Alibaba Cloud's own name for it) or the
 * `Idempotency-Key` header, over `inject` and a real socket: a retry with one ClientToken gets the
 * job it already queued, the rules never see the parameter, both carriers with different keys are
 * a 400 (`IdempotencyKeyConflict`), a bad token is the caller's 400 before the store is read; with
 * signatures on, the token is covered by the signature like every parameter, and an
 * `Idempotency-Key` header must be among the signed headers (V3) or is refused (V1).
 */
import { createHash, createHmac } from "node:crypto";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { afterEach, describe, expect, it } from "vitest";
import type { StateStore } from "../../src/store/index";
import {
  ACCESS_KEYS,
  KEY_ID,
  KEY_SECRET,
  NOW,
  sampleStore,
  signedDate,
  startServer,
  TRANSPORTS,
  v1Call,
  v3Call,
  type TestAnswer,
  type TestCall,
  type TestServer,
} from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const CREATE = "/?Action=CreateBackup&DBInstanceId=rm-demo";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

function expectCode(answer: TestAnswer, status: number, code: string, rule?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.json).toMatchObject({ Code: code });
  if (rule !== undefined) expect(String(answer.json?.Message)).toMatch(new RegExp(`\\(rule ${rule.replaceAll(".", "\\.")}\\)$`));
}

/** A store that counts its reads, to show a refused key never reaches it. */
async function countingStore(): Promise<{ store: StateStore; loads: () => number; base: StateStore }> {
  const base = await sampleStore();
  let loads = 0;
  return {
    store: { load: (id) => ((loads += 1), base.load(id)), compareAndSet: (id, version, next) => base.compareAndSet(id, version, next) },
    loads: () => loads,
    base,
  };
}

async function jobsOf(store: StateStore): Promise<{ jobId: string; idempotencyKey?: string; method: string }[]> {
  return ((await store.load("rm-demo")) as { jobs: { jobId: string; idempotencyKey?: string; method: string }[] }).jobs;
}

describe.each(TRANSPORTS)("ClientToken, through %s", (transport) => {
  async function start(options: Parameters<typeof startServer>[1] = {}) {
    const server = await startServer(transport, options);
    servers.push(server);
    return server;
  }

  it("makes retries with one ClientToken one job (GET, then form POST), and the token for another backup IdempotentParameterMismatch", async () => {
    const store = await sampleStore();
    const { send } = await start({ store });
    const first = await send({ method: "GET", url: `${CREATE}&BackupMethod=Physical&ClientToken=order-4711` });
    expect(first.status).toBe(200);
    const retried = await send({
      method: "POST",
      url: "/",
      headers: FORM,
      body: "Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Physical&ClientToken=order-4711",
    });
    expect(retried.status).toBe(200);
    expect(retried.json?.BackupJobId).toBe(first.json?.BackupJobId);
    expectCode(
      await send({ method: "GET", url: `${CREATE}&BackupMethod=Logical&ClientToken=order-4711` }),
      400,
      "IdempotentParameterMismatch",
      "idempotency-key.reused",
    );
    expect(await jobsOf(store)).toMatchObject([{ jobId: first.json?.BackupJobId, idempotencyKey: "order-4711", method: "Physical" }]);
  });

  it("takes the same key given as ClientToken and as Idempotency-Key, and refuses two different keys (400 IdempotencyKeyConflict) before the store", async () => {
    const counted = await countingStore();
    const { send } = await start({ store: counted.store });
    expectCode(
      await send({ method: "GET", url: `${CREATE}&ClientToken=key-a`, headers: { "idempotency-key": "key-b" } }),
      400,
      "IdempotencyKeyConflict",
      "http.idempotency-key-conflict",
    );
    expect(counted.loads()).toBe(0);
    const both = await send({ method: "GET", url: `${CREATE}&ClientToken=key-a`, headers: { "idempotency-key": "key-a" } });
    expect(both.status).toBe(200);
    const byHeader = await send({ method: "GET", url: CREATE, headers: { "idempotency-key": "key-a" } });
    expect(byHeader.json?.BackupJobId).toBe(both.json?.BackupJobId);
    expect(await jobsOf(counted.base)).toMatchObject([{ idempotencyKey: "key-a" }]);
  });

  it("refuses a ClientToken the rule set does not take, or given twice, as the caller's mistake (400 InvalidParameter), before the store", async () => {
    const counted = await countingStore();
    const { send } = await start({ store: counted.store });
    for (const token of ["", "k".repeat(65), "tab\tkey", "caf\u00e9"]) {
      const answer = await send({ method: "GET", url: `${CREATE}&ClientToken=${encodeURIComponent(token)}` });
      expectCode(answer, 400, "InvalidParameter", "http.client-token-invalid");
      expect(String(answer.json?.Message)).toContain("ClientToken");
    }
    expectCode(
      await send({ method: "GET", url: `${CREATE}&ClientToken=a&ClientToken=a` }),
      400,
      "InvalidParameter",
      "http.client-token-invalid",
    );
    expect(counted.loads()).toBe(0);
    expect((await send({ method: "GET", url: `${CREATE}&ClientToken=${"k".repeat(64)}` })).status).toBe(200);
  });
});

/**
 * A V3 signature over any header set, written from Alibaba Cloud's documented algorithm — the
 * SDK's `getAuthorization` signs only `x-acs-*`, `host` and `content-type`, so a signed
 * `Idempotency-Key` needs this. Checked against the SDK below on what the SDK can sign.
 */
function v3SignedWith(
  params: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
  signedNames: readonly string[],
): TestCall {
  const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = Object.entries(params)
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort()
    .join("&");
  const names = [...signedNames].sort();
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim()}\n`).join("");
  const canonical = ["POST", "/", query, canonicalHeaders, names.join(";"), headers["x-acs-content-sha256"]].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonical).digest("hex")}`;
  const signature = createHmac("sha256", KEY_SECRET).update(stringToSign).digest("hex");
  const authorization = `ACS3-HMAC-SHA256 Credential=${KEY_ID},SignedHeaders=${names.join(";")},Signature=${signature}`;
  return {
    method: "POST",
    url: `/?${new URLSearchParams(params).toString().replaceAll("+", "%20")}`,
    headers: { ...headers, authorization },
  };
}

function acsHeaders(nonce: string): Record<string, string> {
  return {
    "x-acs-action": "CreateBackup",
    "x-acs-version": "2014-08-15",
    "x-acs-date": signedDate(NOW),
    "x-acs-signature-nonce": nonce,
    "x-acs-content-sha256": createHash("sha256").update("").digest("hex"),
  };
}

describe.each(TRANSPORTS)("ClientToken and Idempotency-Key in signed calls, through %s", (transport) => {
  async function start() {
    const store = await sampleStore();
    const server = await startServer(transport, { store, accessKeys: ACCESS_KEYS });
    servers.push(server);
    return { ...server, store };
  }

  it("covers ClientToken by the signature: V3 and V1 retries with fresh nonces get one job; a token changed after signing is SignatureDoesNotMatch", async () => {
    const { send, store } = await start();
    const params = { DBInstanceId: "rm-demo", BackupMethod: "Physical", ClientToken: "signed-token-1" };
    const first = await send(v3Call(params));
    expect(first.status).toBe(200);
    expect((await send(v3Call(params))).json?.BackupJobId).toBe(first.json?.BackupJobId);
    expect((await send(v1Call({ Action: "CreateBackup", ...params }))).json?.BackupJobId).toBe(first.json?.BackupJobId);
    expect((await send(v1Call({ Action: "CreateBackup", ...params }, { method: "POST" }))).json?.BackupJobId).toBe(first.json?.BackupJobId);
    const signed = v3Call(params);
    expectCode(await send({ ...signed, url: signed.url.replace("signed-token-1", "signed-token-2") }), 403, "SignatureDoesNotMatch");
    const v1 = v1Call({ Action: "CreateBackup", ...params });
    expectCode(await send({ ...v1, url: v1.url.replace("signed-token-1", "signed-token-2") }), 403, "SignatureDoesNotMatch");
    expect(await jobsOf(store)).toMatchObject([{ jobId: first.json?.BackupJobId, idempotencyKey: "signed-token-1" }]);
  });

  it("takes an Idempotency-Key header only among the signed headers (V3), never with V1", async () => {
    const { send, store } = await start();
    // The test signer agrees with the SDK on what the SDK signs.
    const sdkSigned = v3Call({ DBInstanceId: "rm-demo" }, { nonce: "agree-1" });
    const ownSigned = v3SignedWith({ DBInstanceId: "rm-demo" }, acsHeaders("agree-1"), Object.keys(acsHeaders("agree-1")));
    expect(ownSigned.headers?.authorization).toBe(sdkSigned.headers?.authorization);

    const unsigned = v3Call({ DBInstanceId: "rm-demo" }, { unsignedHeaders: { "idempotency-key": "header-key" } });
    const refused = await send(unsigned);
    expectCode(refused, 403, "SignatureDoesNotMatch");
    expect(String(refused.json?.Message)).toContain("Idempotency-Key");
    expectCode(
      await send(v1Call({ Action: "CreateBackup", DBInstanceId: "rm-demo" }, { extraHeaders: { "idempotency-key": "header-key" } })),
      403,
      "SignatureDoesNotMatch",
    );
    expect(await jobsOf(store)).toEqual([]);

    const headers = (nonce: string) => ({ ...acsHeaders(nonce), "idempotency-key": "header-key" });
    const first = await send(v3SignedWith({ DBInstanceId: "rm-demo" }, headers("signed-1"), Object.keys(headers("signed-1"))));
    expect(first.status).toBe(200);
    const again = await send(v3SignedWith({ DBInstanceId: "rm-demo" }, headers("signed-2"), Object.keys(headers("signed-2"))));
    expect(again.json?.BackupJobId).toBe(first.json?.BackupJobId);
    const changed = v3SignedWith({ DBInstanceId: "rm-demo" }, headers("signed-3"), Object.keys(headers("signed-3")));
    expectCode(await send({ ...changed, headers: { ...changed.headers, "idempotency-key": "other-key" } }), 403, "SignatureDoesNotMatch");
    expect(await jobsOf(store)).toMatchObject([{ jobId: first.json?.BackupJobId, idempotencyKey: "header-key" }]);
  });
});

describe("the test's own V3 signer", () => {
  it("matches OpenApiUtil.getAuthorization", () => {
    const headers = acsHeaders("n-1");
    const sdk = OpenApiUtil.getAuthorization(
      { method: "POST", pathname: "/", query: { A: "1 2", B: "x*" }, headers } as never,
      "ACS3-HMAC-SHA256",
      headers["x-acs-content-sha256"]!,
      KEY_ID,
      KEY_SECRET,
    );
    expect(v3SignedWith({ A: "1 2", B: "x*" }, headers, Object.keys(headers)).headers?.authorization).toBe(sdk);
  });
});
