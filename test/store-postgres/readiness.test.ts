/**
 * `/readyz` over a real PostgreSQL behind a proxy that can freeze (packets dropped, no socket
 * closed): 200 while the database answers, 503 `store.unavailable` once it stops — answered within
 * its second, with `/healthz` still 200 — and 200 again after it answers again. With the opened
 * store's `ping` (`SELECT 1`) and with the default probe (a `load` through the pool). On a socket.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, serve } from "../../src/server/index";
import { startFreezableProxy, type FreezableProxy } from "../support/freezable-proxy";
import { databaseUrl } from "./support";

let proxy: FreezableProxy;
beforeEach(async () => {
  const target = new URL(databaseUrl());
  proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
});
afterEach(() => proxy.close());

function throughProxy(): string {
  const url = new URL(databaseUrl());
  url.hostname = proxy.host;
  url.port = String(proxy.port);
  return url.toString();
}

async function status(url: string): Promise<{ status: number; code: unknown; text: string }> {
  const answer = await fetch(url);
  const text = await answer.text();
  return { status: answer.status, code: (JSON.parse(text) as { Code?: unknown }).Code, text };
}

describe.each([
  ["the store's ping (SELECT 1)", true],
  ["the default probe (a load)", false],
] as const)("readiness with %s", (_name, withPing) => {
  it("is 200, then 503 while the database drops packets (liveness still 200), then 200 again", async () => {
    const opened = await openStore(throughProxy(), [], { connectTimeoutMs: 2_000, statementTimeoutMs: 2_000 });
    if (!opened.ok) throw new Error(opened.message);
    const running = await serve({
      store: opened.store,
      commit: opened.commit,
      ...(withPing ? { ready: () => opened.ping() } : {}),
      onClose: () => opened.close(1_000),
      port: 0,
      log: false,
      handleSignals: false,
    });
    if (!running.ok) throw new Error(running.message);
    try {
      expect((await status(`${running.url}/readyz`)).status).toBe(200);
      proxy.freeze();
      const [ready, live] = await Promise.all([status(`${running.url}/readyz`), status(`${running.url}/healthz`)]);
      expect(ready).toMatchObject({ status: 503, code: "ServiceUnavailable" });
      expect(ready.text).not.toContain(String(proxy.port));
      expect(live.status).toBe(200);
      proxy.thaw();
      let again = 0;
      for (let tries = 0; tries < 20 && again !== 200; tries++) {
        again = (await status(`${running.url}/readyz`)).status;
        if (again !== 200) await new Promise((done) => setTimeout(done, 250));
      }
      expect(again).toBe(200);
    } finally {
      proxy.thaw();
      await running.close();
    }
  });
});
