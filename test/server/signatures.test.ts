/**
 * Signed calls (`--access-keys-file`): V3 (ACS3-HMAC-SHA256) and V1 (HMAC-SHA1), signed with the
 * Alibaba Cloud SDK's own signing functions, over `inject` and a real socket: good, wrong secret,
 * unknown key, unsigned, stale date, replayed nonce, tampered after signing; all checked before
 * any rule and before the store is read. The signer's gaps (spec 1.1): hostile SignedHeaders
 * names, an unsigned content-type (a form POST re-sent as text/plain), 15 KB and malformed nonces
 * refused before they are remembered, a bounded nonce memory (503 when full), a failing nonce
 * store. Then differential properties: whatever parameters the SDK signs, the server's check
 * accepts exactly the SDK's signature and refuses any other value; and no SignedHeaders list throws.
 */
import fc from "fast-check";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { afterEach, describe, expect, it } from "vitest";
import { signatureVerifier } from "../../src/server/index";
import { memoryNonces } from "../../src/store/index";
import type { StateStore } from "../../src/store/index";
import { runs, SEED } from "../../property-tests/settings";
import {
  ACCESS_KEYS,
  NOW,
  sampleStore,
  signedDate,
  startServer,
  TRANSPORTS,
  v1Call,
  v3Call,
  type TestAnswer,
  type TestServer,
} from "./support";

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

  it("reads the names in SignedHeaders as the request's own headers: constructor, __proto__… are absent (SignatureDoesNotMatch, no 500, nothing logged as an error)", async () => {
    const { send, logs, loads } = await start();
    for (const name of ["constructor", "__proto__", "hasOwnProperty", "toString", "valueOf", "prototype", "__defineGetter__"]) {
      const call = v3Call(PARAMS);
      const authorization = call.headers!.authorization!.replace(/SignedHeaders=([^,]*)/, `SignedHeaders=$1;${name}`);
      const answer = await send({ ...call, headers: { ...call.headers, authorization } });
      expectRefused(answer, "SignatureDoesNotMatch");
      expect(String(answer.json?.Message)).toContain(name.toLowerCase());
    }
    expect(loads()).toBe(0);
    expect(logs().filter((line) => Number(line.level) >= 50 || JSON.stringify(line).includes("    at "))).toEqual([]);
  });

  it("refuses a V3 call whose body's content-type is not signed, so a form POST re-sent as text/plain cannot become another backup", async () => {
    const { send, loads } = await start();
    const form = "DBInstanceId=rm-demo&BackupMethod=Logical&BackupStrategy=db&DBName=orders";
    // Signed without its content-type (the header added after signing), then held back and sent as text/plain.
    const held = v3Call({}, { body: form, unsignedHeaders: { "content-type": "application/x-www-form-urlencoded" } });
    const asSent = await send(held);
    expectRefused(asSent, "SignatureDoesNotMatch");
    expect(String(asSent.json?.Message)).toMatch(/content-type.*signed/);
    expectRefused(await send({ ...held, headers: { ...held.headers, "content-type": "text/plain" } }), "SignatureDoesNotMatch");
    // With its content-type signed, the same re-sending is a changed call.
    const signed = v3Call({}, { body: form });
    expectRefused(await send({ ...signed, headers: { ...signed.headers, "content-type": "text/plain" } }), "SignatureDoesNotMatch");
    expect(loads()).toBe(0);
    const taken = await send(signed);
    expect(taken.status).toBe(200);
    const listed = await send(v3Call({ DBInstanceId: "rm-demo" }, { action: "DescribeBackupTasks" }));
    expect((listed.json?.Items as { BackupJob: unknown[] }).BackupJob).toMatchObject([
      { BackupJobId: taken.json?.BackupJobId, BackupMethod: "Logical", DBName: "orders" },
    ]);
  });

  it("leaves the admin API to its token and /healthz open", async () => {
    const { send } = await start();
    expect((await send({ method: "GET", url: "/healthz" })).status).toBe(200);
    expect((await send({ method: "GET", url: "/admin/instances/rm-demo" })).status).toBe(200);
  });
});

describe.each(TRANSPORTS)("the nonces of signed calls, through %s", (transport) => {
  const BIG = 15 * 1024;
  async function start(nonces: ReturnType<typeof memoryNonces>, clock: () => Date = () => NOW) {
    const server = await startServer(transport, { accessKeys: ACCESS_KEYS, nonces, now: clock });
    servers.push(server);
    return server;
  }
  /** A nonce store that counts what it is asked to remember. */
  function counted(memory: ReturnType<typeof memoryNonces>) {
    let asked = 0;
    return {
      store: { ...memory, remember: (...args: Parameters<typeof memory.remember>) => ((asked += 1), memory.remember(...args)) },
      asked: () => asked,
    };
  }

  it("refuses a nonce that is not 1 to 128 printable ASCII characters before it is remembered: many calls with 15 KB nonces leave the memory empty", async () => {
    const memory = memoryNonces();
    const spy = counted(memory);
    const { send } = await start(spy.store);
    // V1 carries its nonce in the form body (room for 15 KB), V3 in a header (kept under Node's 16 KiB of headers).
    for (let index = 0; index < 60; index++) {
      const v1 = await send(
        v1Call({ Action: "CreateBackup", DBInstanceId: "rm-demo" }, { method: "POST", nonce: `${index}-`.padEnd(BIG, "n") }),
      );
      expectRefused(v1, "SignatureDoesNotMatch");
      expect(String(v1.json?.Message)).toContain("1 to 128 printable ASCII characters");
      expectRefused(
        await send(v3Call({ DBInstanceId: "rm-demo" }, { nonce: `${index}-`.padEnd(BIG - 600, "n") })),
        "SignatureDoesNotMatch",
      );
    }
    for (const nonce of ["n".repeat(129), "tab\there", "caf\u00e9", "line\nbreak"]) {
      expectRefused(await send(v1Call({ Action: "DescribeBackupTasks", DBInstanceId: "rm-demo" }, { nonce })), "SignatureDoesNotMatch");
    }
    expect([memory.size(), spy.asked()]).toEqual([0, 0]);
    // At the bound: 128 printable characters (space and ~ included) are a nonce.
    const longest = ` ~${"n".repeat(126)}`;
    expect((await send(v1Call({ Action: "DescribeBackupTasks", DBInstanceId: "rm-demo" }, { nonce: longest }))).status).toBe(200);
    expect((await send(v3Call({ DBInstanceId: "rm-demo" }, { action: "DescribeBackupTasks", nonce: "x".repeat(128) }))).status).toBe(200);
    expect(memory.size()).toBe(2);
  });

  it("answers 503 store.unavailable when the nonce store fails, its cause in the log line only, and decides nothing", async () => {
    const failing = { remember: () => Promise.reject(new Error("connect ECONNREFUSED 10.1.2.3:5432")) };
    const server = await startServer(transport, { accessKeys: ACCESS_KEYS, nonces: failing });
    servers.push(server);
    const answer = await server.send(v3Call({ DBInstanceId: "rm-demo" }));
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ Code: "ServiceUnavailable" });
    expect(answer.text).not.toContain("10.1.2.3");
    const line = server.logs().find((entry) => entry.status === 503);
    expect(line).toMatchObject({
      level: 50,
      rule: "store.unavailable",
      detail: expect.stringContaining("ECONNREFUSED 10.1.2.3:5432") as string,
    });
    const listed = await server.send(v3Call({ DBInstanceId: "rm-demo" }, { action: "DescribeBackupTasks" }));
    expect(listed.status).toBe(503);
  });

  it("remembers at most its bound: a full memory refuses new signed calls with 503 and forgets no nonce early; expired ones make room", async () => {
    let clock = NOW;
    const memory = memoryNonces({ capacity: 3 });
    const { send } = await start(memory, () => clock);
    const describe = (nonce: string, date = clock) => v3Call({ DBInstanceId: "rm-demo" }, { action: "DescribeBackupTasks", nonce, date });
    for (const nonce of ["a", "b"]) expect((await send(describe(nonce))).status).toBe(200);
    // A call the rules refuse is remembered too (its signature held), and counts against the bound.
    expect((await send(v3Call({ DBInstanceId: "rm-demo", BackupMethod: "Nope" }, { nonce: "c" }))).status).toBe(400);
    const full = await send(describe("d"));
    expect(full.status).toBe(503);
    expect(full.json).toMatchObject({ Code: "ServiceUnavailable" });
    expectRefused(await send(describe("a")), "SignatureNonceUsed");
    expect(memory.size()).toBe(3);
    clock = new Date(NOW.getTime() + 10 * 60_000);
    expectRefused(await send(describe("b", NOW)), "SignatureNonceUsed");
    expect((await send(describe("d"))).status).toBe(503);
    // Past the window of a, b and c (signed at NOW, remembered until NOW + 15 minutes), they make room.
    clock = new Date(NOW.getTime() + 16 * 60_000);
    expect((await send(describe("d"))).status).toBe(200);
    expect(memory.size()).toBe(1);
  });
});

/** A property over async checks, with the fixed seed of property-tests/settings.ts. */
const checkAsync = <Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<Ts>, defaultRuns: number) =>
  fc.assert(property, { seed: SEED, numRuns: runs(defaultRuns) });

describe("the signature check against the SDK's signing code", () => {
  const name = fc
    .stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,15}$/)
    .filter((text) => !["Signature", "AccessKeyId", "SignatureMethod", "SignatureVersion", "Timestamp", "SignatureNonce"].includes(text));
  const value = fc.string({ unit: "grapheme", maxLength: 20 });
  const params = fc.dictionary(name, value, { maxKeys: 6 });
  const secret = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 30 });
  const nonce = fc.stringMatching(/^[0-9a-f]{8,32}$/);

  it("V3: accepts what OpenApiUtil.getAuthorization signs, and refuses it once one value changes", async () => {
    await checkAsync(
      fc.asyncProperty(params, secret, nonce, value, async (query, keySecret, nonceText, extra) => {
        const body = Buffer.from("");
        const headers = {
          host: "127.0.0.1:8080",
          "x-acs-action": "CreateBackup",
          "x-acs-version": "2014-08-15",
          "x-acs-date": signedDate(NOW),
          "x-acs-signature-nonce": nonceText,
          "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        };
        const authorization = OpenApiUtil.getAuthorization(
          { method: "POST", pathname: "/", query, headers } as never,
          "ACS3-HMAC-SHA256",
          headers["x-acs-content-sha256"],
          "AK",
          keySecret,
        );
        const verifier = signatureVerifier(new Map([["AK", keySecret]]));
        const call = { method: "POST", path: "/", query: Object.entries(query), form: [], headers: { ...headers, authorization }, body };
        const accepted = await verifier.verify(call, NOW);
        const changed =
          Object.keys(query).length === 0
            ? { ...query, Extra: extra }
            : { ...query, [Object.keys(query)[0]!]: `${Object.values(query)[0]!}${extra}x` };
        const refused = await signatureVerifier(new Map([["AK", keySecret]])).verify({ ...call, query: Object.entries(changed) }, NOW);
        return accepted.ok && !refused.ok && refused.error.code === "SignatureDoesNotMatch";
      }),
      200,
    );
  });

  it("V3: whatever names SignedHeaders lists (Object.prototype's among them), the check resolves to a refusal, never a throw", async () => {
    const hostile = fc.oneof(
      fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype), "prototype", "__proto__"),
      fc.string({ maxLength: 12 }),
    );
    await checkAsync(
      fc.asyncProperty(fc.array(hostile, { maxLength: 5 }), nonce, async (names, nonceText) => {
        const headers = { "x-acs-date": signedDate(NOW), "x-acs-signature-nonce": nonceText };
        const authorization = `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=${["x-acs-date", "x-acs-signature-nonce", ...names].join(";")},Signature=00`;
        const call = { method: "POST", path: "/", query: [], form: [], headers: { ...headers, authorization }, body: Buffer.from("") };
        const check = await signatureVerifier(new Map([["AK", "secret"]])).verify(call, NOW);
        return !check.ok && check.error.code === "SignatureDoesNotMatch";
      }),
      200,
    );
  });

  it("V1: accepts what OpenApiUtil.getRPCSignature signs, and refuses it once one value changes", async () => {
    await checkAsync(
      fc.asyncProperty(params, secret, nonce, fc.constantFrom("GET", "POST"), async (query, keySecret, nonceText, method) => {
        const signed = {
          ...query,
          AccessKeyId: "AK",
          SignatureMethod: "HMAC-SHA1",
          SignatureVersion: "1.0",
          SignatureNonce: nonceText,
          Timestamp: signedDate(NOW),
        };
        const Signature = OpenApiUtil.getRPCSignature(signed, method, keySecret);
        const call = { method, path: "/", query: Object.entries({ ...signed, Signature }), form: [], headers: {}, body: Buffer.from("") };
        const accepted = await signatureVerifier(new Map([["AK", keySecret]])).verify(call, NOW);
        const refused = await signatureVerifier(new Map([["AK", keySecret]])).verify(
          { ...call, query: Object.entries({ ...signed, SignatureNonce: `${nonceText}0`, Signature }) },
          NOW,
        );
        return accepted.ok && !refused.ok && refused.error.code === "SignatureDoesNotMatch";
      }),
      200,
    );
  });
});
