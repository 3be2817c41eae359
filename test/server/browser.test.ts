/**
 * Nothing forged from a browser (server.md section 6). The default server (loopback, no secrets)
 * is what a developer runs on a laptop, where any web page can make the browser send requests to
 * 127.0.0.1. Requests shaped as a browser sends them — an `<img>` of `/?Action=CreateBackup…`
 * from another site, a `text/plain` admin POST (no preflight), a page on a rebound DNS name — are
 * refused before any rule and write nothing; what SDKs, curl and probes send still passes. Then the
 * one policy for a repeated header. Over inject and a real socket.
 */
import { request } from "node:http";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { serve } from "../../src/server/index";
import type { StateStore } from "../../src/store/index";
import { ACCESS_KEYS, ADMIN_TOKEN, sampleStore, startServer, TRANSPORTS, type TestAnswer, type TestServer } from "./support";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const CREATE = "/?Action=CreateBackup&DBInstanceId=rm-demo&BackupMethod=Physical";
const EVIL = "https://evil.example";

function expectRefused(answer: TestAnswer, status: number, code: string, rule: string): void {
  expect(answer.status).toBe(status);
  expect(answer.json).toMatchObject({ Code: code });
  expect(String(answer.json?.Message)).toMatch(new RegExp(`\\(rule ${rule.replaceAll(".", "\\.")}\\)$`));
}

/** A store that counts its calls, to show a refused request reaches no rule and writes nothing. */
async function countingStore(): Promise<{ store: StateStore; calls: () => number; version: () => Promise<number> }> {
  const base = await sampleStore();
  let calls = 0;
  return {
    store: {
      load: (id) => ((calls += 1), base.load(id)),
      compareAndSet: (id, version, next) => ((calls += 1), base.compareAndSet(id, version, next)),
    },
    calls: () => calls,
    version: async () => ((await base.load("rm-demo")) as { version: number }).version,
  };
}

describe.each(TRANSPORTS)("browser-shaped requests, through %s", (transport) => {
  async function start(options: Parameters<typeof startServer>[1] = {}) {
    const counted = await countingStore();
    const server = await startServer(transport, { store: counted.store, ...options });
    servers.push(server);
    return { ...server, ...counted };
  }

  it("refuses an <img> of /?Action=CreateBackup… on another site's page (Sec-Fetch-Site: cross-site), before any rule", async () => {
    const { send, calls, version } = await start();
    const img = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image", referer: `${EVIL}/cat.html` };
    expectRefused(await send({ method: "GET", url: CREATE, headers: img }), 403, "Forbidden.CrossSite", "http.cross-site");
    expectRefused(
      await send({ method: "GET", url: CREATE, headers: { ...img, "sec-fetch-site": "same-site" } }),
      403,
      "Forbidden.CrossSite",
      "http.cross-site",
    );
    const form = { origin: EVIL, "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" };
    expectRefused(
      await send({ method: "POST", url: "/", headers: form, body: "Action=CreateBackup&DBInstanceId=rm-demo" }),
      403,
      "Forbidden.CrossSite",
      "http.cross-site",
    );
    expect([calls(), await version()]).toEqual([0, 1]);
  });

  it("refuses a page of another origin on every route, even when it says nothing else (Origin only)", async () => {
    const { send, calls } = await start();
    for (const [method, url] of [
      ["GET", CREATE],
      ["GET", "/admin/instances/rm-demo"],
      ["GET", "/healthz"],
      ["GET", "/readyz"],
      ["GET", "/metrics"],
      ["GET", "/nowhere"],
    ] as const) {
      expectRefused(await send({ method, url, headers: { origin: EVIL } }), 403, "Forbidden.CrossSite", "http.cross-site");
    }
    expectRefused(
      await send({ method: "GET", url: "/healthz", headers: { origin: "null" } }),
      403,
      "Forbidden.CrossSite",
      "http.cross-site",
    );
    expect(calls()).toBe(0);
  });

  it("refuses a text/plain admin POST from a page (no preflight needed) with 403, and one without Origin with 415: the job is not failed", async () => {
    const { send, version } = await start();
    const job = await send({ method: "GET", url: CREATE });
    const url = `/admin/instances/rm-demo/jobs/${String(job.json?.BackupJobId)}`;
    const plain = { "content-type": "text/plain;charset=UTF-8" };
    expectRefused(
      await send({ method: "POST", url, headers: { ...plain, origin: EVIL, "sec-fetch-site": "cross-site" }, body: '{"status":"Failed"}' }),
      403,
      "Forbidden.CrossSite",
      "http.cross-site",
    );
    expectRefused(
      await send({ method: "POST", url, headers: plain, body: '{"status":"Failed"}' }),
      415,
      "UnsupportedMediaType",
      "http.unsupported-media-type",
    );
    const form = { "content-type": "application/x-www-form-urlencoded" };
    expectRefused(
      await send({ method: "PUT", url: "/admin/instances/rm-demo", headers: form, body: '{"engine":"MySQL"}' }),
      415,
      "UnsupportedMediaType",
      "http.unsupported-media-type",
    );
    const state = await send({ method: "GET", url: "/admin/instances/rm-demo" });
    expect((state.json?.State as { jobs: { status: string }[] }).jobs.map((each) => each.status)).toEqual(["NoStart"]);
    expect(await version()).toBe(2);
  });

  it("refuses a Host that is not the server's (DNS rebinding), on every route, even from the page's own origin", async () => {
    const { send, calls } = await start();
    const rebound = { host: "rebind.evil.example:8080", "sec-fetch-site": "same-origin", origin: "http://rebind.evil.example:8080" };
    for (const [method, url] of [
      ["GET", "/admin/instances/rm-demo"],
      ["GET", CREATE],
      ["GET", "/healthz"],
      ["GET", "/metrics"],
      ["GET", "/nowhere"],
    ] as const) {
      expectRefused(await send({ method, url, headers: rebound }), 403, "Forbidden.HostNotAllowed", "http.host-not-allowed");
    }
    expectRefused(
      await send({ method: "GET", url: "/admin/instances/rm-demo", headers: { host: "127.0.0.1.evil.example" } }),
      403,
      "Forbidden.HostNotAllowed",
      "http.host-not-allowed",
    );
    expect(calls()).toBe(0);
  });

  it("takes what SDKs, curl, probes and the server's own origin send: loopback names, allowed hosts, no Origin", async () => {
    const { send, host } = await start({ allowedHosts: ["backup-rules.internal", "Proxy.Example.COM."] });
    const port = host.split(":")[1];
    for (const name of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      "LOCALHOST",
      `backup-rules.internal:${port}`,
      "proxy.example.com",
    ]) {
      expect((await send({ method: "GET", url: "/healthz", headers: { host: name } })).status, name).toBe(200);
    }
    const own = { origin: `http://${host}`, "sec-fetch-site": "same-origin" };
    expect((await send({ method: "GET", url: "/admin/instances/rm-demo", headers: own })).status).toBe(200);
    expect((await send({ method: "GET", url: CREATE, headers: { "sec-fetch-site": "none" } })).status).toBe(200);
  });

  it("refuses a cross-site call before the signature and the admin token", async () => {
    const { send, calls } = await start({ accessKeys: ACCESS_KEYS, adminToken: ADMIN_TOKEN });
    expectRefused(
      await send({ method: "GET", url: CREATE, headers: { "sec-fetch-site": "cross-site" } }),
      403,
      "Forbidden.CrossSite",
      "http.cross-site",
    );
    expectRefused(
      await send({ method: "GET", url: "/admin/instances/rm-demo", headers: { origin: EVIL } }),
      403,
      "Forbidden.CrossSite",
      "http.cross-site",
    );
    expect(calls()).toBe(0);
  });
});

describe.each(TRANSPORTS)("a repeated header, through %s", (transport) => {
  it("is refused (400 http.header-repeated) when the server reads it, and ignored when it does not", async () => {
    const store = await sampleStore();
    const server = await startServer(transport, { store, adminToken: ADMIN_TOKEN });
    servers.push(server);
    const bearer = `Bearer ${ADMIN_TOKEN}`;
    const cases = [
      { method: "GET", url: CREATE, repeatedHeaders: { "idempotency-key": ["order-1", "order-2"] } },
      { method: "GET", url: "/admin/instances/rm-demo", repeatedHeaders: { authorization: [bearer, "Bearer other"] } },
      { method: "POST", url: "/?DBInstanceId=rm-demo", repeatedHeaders: { "x-acs-action": ["DescribeBackupTasks", "CreateBackup"] } },
      {
        method: "POST",
        url: "/",
        repeatedHeaders: { "content-type": ["application/x-www-form-urlencoded", "text/plain"] },
        body: "Action=CreateBackup&DBInstanceId=rm-demo",
      },
    ];
    for (const call of cases) expectRefused(await server.send(call), 400, "InvalidParameter", "http.header-repeated");
    expect(((await store.load("rm-demo")) as { version: number }).version).toBe(1);
    const accepted = await server.send({ method: "GET", url: "/healthz", repeatedHeaders: { accept: ["application/json", "text/plain"] } });
    expect(accepted.status).toBe(200);
  });
});

const outside = Object.values(networkInterfaces())
  .flat()
  .find((each) => each !== undefined && each.family === "IPv4" && !each.internal)?.address;

describe.skipIf(outside === undefined)("a server listening beyond loopback", () => {
  it.each([outside!, "0.0.0.0"])("listening on %s takes the address it was reached at as Host, and refuses another name", async (host) => {
    const running = await serve({
      store: await sampleStore(),
      host,
      port: 0,
      log: false,
      handleSignals: false,
      adminToken: ADMIN_TOKEN,
      accessKeys: ACCESS_KEYS,
    });
    if (!running.ok) throw new Error(running.message);
    try {
      const port = new URL(running.url).port;
      const reached = await fetch(`http://${outside!}:${port}/healthz`);
      expect(reached.status).toBe(200);
      const rebound = await new Promise<number>((resolve, reject) => {
        const headers = { host: `rebind.evil.example:${port}` };
        request(
          { host: outside, port, path: "/healthz", headers, agent: false },
          (answer) => (answer.resume(), resolve(answer.statusCode ?? 0)),
        )
          .on("error", reject)
          .end();
      });
      expect(rebound).toBe(403);
    } finally {
      await running.close();
    }
  });
});
