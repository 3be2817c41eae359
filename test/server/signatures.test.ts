/**
 * Signed calls (`--access-keys-file`): V3 (ACS3-HMAC-SHA256) and V1 (HMAC-SHA1), signed with the
 * Alibaba Cloud SDK's own signing functions, over `inject` and a real socket: good, wrong secret,
 * unknown key, unsigned, stale date, replayed nonce, tampered after signing; all checked before
 * any rule and before the store is read. Then a differential property: whatever parameters the
 * SDK signs, the server's check accepts exactly the SDK's signature and refuses any other value.
 */
import fc from "fast-check";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { afterEach, describe, expect, it } from "vitest";
import { signatureVerifier } from "../../src/server/index";
import type { StateStore } from "../../src/store/index";
import { check } from "../../property-tests/settings";
import { ACCESS_KEYS, NOW, sampleStore, signedDate, startServer, TRANSPORTS, v1Call, v3Call, type TestAnswer, type TestServer } from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function expectRefused(answer: TestAnswer, code: string): void {
  expect(answer.status).toBe(403);
  expect(answer.json).toMatchObject({ Code: code });
}

/** A store that counts its reads, to show a refused signature never reaches it. */
async function countingStore(): Promise<{ store: StateStore; loads: () => number }> {
  const base = await sampleStore();
  let loads = 0;
  return {
    store: { load: (id) => ((loads += 1), base.load(id)), compareAndSet: (id, version, next) => base.compareAndSet(id, version, next) },
    loads: () => loads,
  };
}

describe.each(TRANSPORTS)("signed calls, through %s", (transport) => {
  async function start() {
    const counted = await countingStore();
    const server = await startServer(transport, { store: counted.store, accessKeys: ACCESS_KEYS });
    servers.push(server);
    return { ...server, loads: counted.loads };
  }
  const PARAMS = { DBInstanceId: "rm-demo", BackupMethod: "Physical" };

  it("accepts a V3 call signed with a configured key (CreateBackup, then DescribeBackupTasks)", async () => {
    const { send } = await start();
    const created = await send(v3Call(PARAMS));
    expect(created.status).toBe(200);
    const listed = await send(v3Call({ DBInstanceId: "rm-demo" }, { action: "DescribeBackupTasks" }));
    expect(listed.status).toBe(200);
    expect((listed.json?.Items as { BackupJob: { BackupJobId: string }[] }).BackupJob[0]?.BackupJobId).toBe(created.json?.BackupJobId);
  });

  it("accepts a V3 call with a signed form body", async () => {
    const { send } = await start();
    expect((await send(v3Call({}, { body: "DBInstanceId=rm-demo&BackupMethod=Logical" }))).status).toBe(200);
  });

  it("accepts V1 calls, as a GET and as a form POST", async () => {
    const { send } = await start();
    expect((await send(v1Call({ Action: "CreateBackup", ...PARAMS }))).status).toBe(200);
    const listed = await send(v1Call({ Action: "DescribeBackupTasks", DBInstanceId: "rm-demo" }, { method: "POST" }));
    expect(listed.status).toBe(200);
  });

  it("refuses a wrong secret (SignatureDoesNotMatch), an unknown key (InvalidAccessKeyId.NotFound) and an unsigned call, before the store", async () => {
    const { send, loads } = await start();
    expectRefused(await send(v3Call(PARAMS, { secret: "not-the-secret" })), "SignatureDoesNotMatch");
    expectRefused(await send(v1Call({ Action: "CreateBackup", ...PARAMS }, { secret: "not-the-secret" })), "SignatureDoesNotMatch");
    expectRefused(await send(v3Call(PARAMS, { keyId: "LTAI-nobody" })), "InvalidAccessKeyId.NotFound");
    expectRefused(await send(v1Call({ Action: "CreateBackup", ...PARAMS }, { keyId: "LTAI-nobody" })), "InvalidAccessKeyId.NotFound");
    expectRefused(await send({ method: "GET", url: "/?Action=CreateBackup&DBInstanceId=rm-demo" }), "InvalidAccessKeyId.NotFound");
    // Before any rule: an unknown instance, a bad parameter, no Action at all — the signature speaks first.
    expectRefused(await send(v3Call({ DBInstanceId: "rm-nobody", BackupMehtod: "x" }, { secret: "wrong" })), "SignatureDoesNotMatch");
    expect(loads()).toBe(0);
  });

  it("refuses a date more than 15 minutes away from the server's clock, either way, and takes one at 14 minutes", async () => {
    const { send } = await start();
    const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
    const stale = await send(v3Call(PARAMS, { date: minutes(-16) }));
    expectRefused(stale, "SignatureDoesNotMatch");
    expect(stale.json?.Message).toContain("more than 15 minutes");
    expectRefused(await send(v3Call(PARAMS, { date: minutes(16) })), "SignatureDoesNotMatch");
    expectRefused(await send(v1Call({ Action: "CreateBackup", ...PARAMS }, { date: minutes(-16) })), "SignatureDoesNotMatch");
    expect((await send(v3Call(PARAMS, { date: minutes(-14) }))).status).toBe(200);
  });

  it("refuses a replayed nonce (SignatureNonceUsed), also from a signed copy of the same call", async () => {
    const { send } = await start();
    const call = v3Call({ DBInstanceId: "rm-demo" }, { action: "DescribeBackupTasks", nonce: "nonce-1" });
    expect((await send(call)).status).toBe(200);
    expectRefused(await send(call), "SignatureNonceUsed");
    const v1 = v1Call({ Action: "DescribeBackupTasks", DBInstanceId: "rm-demo" }, { nonce: "nonce-2" });
    expect((await send(v1)).status).toBe(200);
    expectRefused(await send(v1), "SignatureNonceUsed");
  });

  it("refuses a call changed after it was signed: a parameter, the action header, an unsigned x-acs header, the body", async () => {
    const { send } = await start();
    const call = v3Call(PARAMS);
    expectRefused(await send({ ...call, url: call.url.replace("Physical", "Logical") }), "SignatureDoesNotMatch");
    const described = v3Call({ DBInstanceId: "rm-demo" }, { action: "DescribeBackupTasks" });
    expectRefused(await send({ ...described, headers: { ...described.headers, "x-acs-action": "CreateBackup" } }), "SignatureDoesNotMatch");
    expectRefused(await send({ ...call, headers: { ...call.headers, "x-acs-extra": "1" } }), "SignatureDoesNotMatch");
    const withBody = v3Call({}, { body: "DBInstanceId=rm-demo" });
    expectRefused(await send({ ...withBody, body: "DBInstanceId=rm-other" }), "SignatureDoesNotMatch");
    const v1 = v1Call({ Action: "DescribeBackupTasks", DBInstanceId: "rm-demo" });
    expectRefused(await send({ ...v1, url: v1.url.replace("DescribeBackupTasks", "CreateBackup") }), "SignatureDoesNotMatch");
  });

  it("leaves the admin API to its token and /healthz open", async () => {
    const { send } = await start();
    expect((await send({ method: "GET", url: "/healthz" })).status).toBe(200);
    expect((await send({ method: "GET", url: "/admin/instances/rm-demo" })).status).toBe(200);
  });
});

describe("the signature check against the SDK's signing code", () => {
  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,15}$/).filter((text) => !["Signature", "AccessKeyId", "SignatureMethod", "SignatureVersion", "Timestamp", "SignatureNonce"].includes(text));
  const value = fc.string({ unit: "grapheme", maxLength: 20 });
  const params = fc.dictionary(name, value, { maxKeys: 6 });
  const secret = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 30 });
  const nonce = fc.stringMatching(/^[0-9a-f]{8,32}$/);

  it("V3: accepts what OpenApiUtil.getAuthorization signs, and refuses it once one value changes", () => {
    check(
      fc.property(params, secret, nonce, value, (query, keySecret, nonceText, extra) => {
        const body = Buffer.from("");
        const headers = {
          host: "127.0.0.1:8080",
          "x-acs-action": "CreateBackup",
          "x-acs-version": "2014-08-15",
          "x-acs-date": signedDate(NOW),
          "x-acs-signature-nonce": nonceText,
          "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        };
        const authorization = OpenApiUtil.getAuthorization({ method: "POST", pathname: "/", query, headers } as never, "ACS3-HMAC-SHA256", headers["x-acs-content-sha256"], "AK", keySecret);
        const verifier = signatureVerifier(new Map([["AK", keySecret]]));
        const call = { method: "POST", path: "/", query: Object.entries(query), form: [], headers: { ...headers, authorization }, body };
        const accepted = verifier.verify(call, NOW);
        const changed = Object.keys(query).length === 0 ? { ...query, Extra: extra } : { ...query, [Object.keys(query)[0]!]: `${Object.values(query)[0]!}${extra}x` };
        const refused = signatureVerifier(new Map([["AK", keySecret]])).verify({ ...call, query: Object.entries(changed) }, NOW);
        return accepted.ok && !refused.ok && refused.error.code === "SignatureDoesNotMatch";
      }),
      200,
    );
  });

  it("V1: accepts what OpenApiUtil.getRPCSignature signs, and refuses it once one value changes", () => {
    check(
      fc.property(params, secret, nonce, fc.constantFrom("GET", "POST"), (query, keySecret, nonceText, method) => {
        const signed = { ...query, AccessKeyId: "AK", SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0", SignatureNonce: nonceText, Timestamp: signedDate(NOW) };
        const Signature = OpenApiUtil.getRPCSignature(signed, method, keySecret);
        const call = { method, path: "/", query: Object.entries({ ...signed, Signature }), form: [], headers: {}, body: Buffer.from("") };
        const accepted = signatureVerifier(new Map([["AK", keySecret]])).verify(call, NOW);
        const refused = signatureVerifier(new Map([["AK", keySecret]])).verify({ ...call, query: Object.entries({ ...signed, SignatureNonce: `${nonceText}0`, Signature }) }, NOW);
        return accepted.ok && !refused.ok && refused.error.code === "SignatureDoesNotMatch";
      }),
      200,
    );
  });
});
