/**
 * SIGTERM to `rds-backup-rules serve --store postgres://…` while the database has stopped answering
 * (a proxy in front of the run's PostgreSQL drops every packet without closing a socket): the
 * process exits within its grace period plus 5 s, the request still in flight gets 503, and the
 * exit code (1) says the stop was not clean. The proxy and every process are stopped by the test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bundleCli } from "../server/serve-process";
import { startFreezableProxy, type FreezableProxy } from "../support/freezable-proxy";
import { databaseUrl } from "./support";

let cli: Awaited<ReturnType<typeof bundleCli>>;
let proxy: FreezableProxy | undefined;
beforeAll(async () => {
  cli = await bundleCli();
});
afterEach(async () => {
  cli?.stopAll();
  await proxy?.close();
  proxy = undefined;
});
afterAll(() => cli?.remove());

describe("SIGTERM while PostgreSQL does not answer", () => {
  it("exits 1 within the grace period plus 5 s, answering 503 the request whose store call hangs", async () => {
    const target = new URL(databaseUrl());
    proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const through = new URL(databaseUrl());
    through.hostname = proxy.host;
    through.port = String(proxy.port);
    // Deadlines far beyond the grace period: only the shutdown can end the hung call in time.
    const { child, url, output, exited } = await cli.start([
      ...["--store", through.toString(), "--port", "0", "--grace-period", "1s"],
      ...["--connect-timeout", "60s", "--statement-timeout", "60s", "--request-timeout", "60s"],
    ]);
    const id = `rm-serve-shutdown-${process.pid}`;
    const put = await fetch(`${url}/admin/instances/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] }),
    });
    expect(put.status).toBe(200);
    proxy.freeze();
    const inFlight = fetch(`${url}/?Action=CreateBackup&DBInstanceId=${id}`).then(async (answer) => ({
      status: answer.status,
      body: (await answer.json()) as Record<string, unknown>,
    }));
    await new Promise((done) => setTimeout(done, 300)); // the call is waiting on the frozen database
    const started = performance.now();
    child.kill("SIGTERM");
    expect(await inFlight).toMatchObject({ status: 503, body: { Code: "ServiceUnavailable" } });
    expect(await exited).toBe(1);
    expect(performance.now() - started).toBeLessThan(1_000 + 5_000);
    expect(output()).toContain('"clean":false,"cutShort":1,"msg":"stopped"');
    expect(output()).toContain(
      "rds-backup-rules: stopped, not cleanly: requests still in flight at the end of the grace period were answered 503",
    );
  });
});
