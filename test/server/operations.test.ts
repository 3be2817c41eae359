/**
 * `serve` as an operator runs it: stopping within its grace period even when a store call hangs
 * (the requests still in flight get 503, and the close says it was not clean), in process and as a
 * real process (exit code 1); the log level; the start-up line naming each setting's source and
 * holding no secret. Every server and process is stopped by the test, also when it fails.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../src/server/index";
import type { StateStore } from "../../src/store/index";
import { freePort } from "../support/embedded-postgres";
import { bundleCli } from "./serve-process";
import { sampleStore } from "./support";

/** What a bound may overrun by on a busy two-core machine. */
const SLACK_MS = 1_500;

/** A store whose calls never settle once `hang()` was called: a database that stopped answering. */
function hangingStore(base: StateStore) {
  let hanging = false;
  let entered: () => void = () => undefined;
  const inCall = new Promise<void>((resolve) => (entered = resolve));
  const never = new Promise<never>(() => undefined);
  const store: StateStore = {
    load: (id) => {
      if (!hanging) return base.load(id);
      entered();
      return never;
    },
    compareAndSet: (id, version, next) => (hanging ? never : base.compareAndSet(id, version, next)),
  };
  return { store, hang: () => void (hanging = true), inCall };
}

describe("closing past the grace period, in process", () => {
  it("answers the requests still in flight 503 when the grace period ends, and says the close was not clean", async () => {
    const { store, hang, inCall } = hangingStore(await sampleStore());
    const lines: string[] = [];
    const running = await serve({
      store,
      port: 0,
      handleSignals: false,
      gracePeriodMs: 300,
      log: { write: (line) => void lines.push(line) },
    });
    if (!running.ok) throw new Error(running.message);
    try {
      hang();
      const inFlight = fetch(`${running.url}/?Action=CreateBackup&DBInstanceId=rm-demo`).then(async (answer) => ({
        status: answer.status,
        body: (await answer.json()) as Record<string, unknown>,
      }));
      await inCall;
      const started = performance.now();
      void running.close();
      const answer = await inFlight;
      expect(answer).toMatchObject({ status: 503, body: { Code: "ServiceUnavailable" } });
      expect(answer.body["RequestId"]).toMatch(/^[0-9A-F-]{36}$/);
      expect(await running.closed).toEqual({ clean: false });
      expect(performance.now() - started).toBeLessThan(300 + SLACK_MS);
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged.find((line) => line["RequestId"] === answer.body["RequestId"])).toMatchObject({
        level: 50,
        status: 503,
        rule: "http.shutting-down",
      });
      expect(logged.at(-1)).toMatchObject({ msg: "stopped", clean: false, cutShort: 1 });
    } finally {
      await running.close();
    }
  });

  it("says the close was clean when every request was answered within the grace period", async () => {
    const running = await serve({ store: await sampleStore(), port: 0, handleSignals: false, gracePeriodMs: 300, log: false });
    if (!running.ok) throw new Error(running.message);
    expect((await fetch(`${running.url}/?Action=CreateBackup&DBInstanceId=rm-demo`)).status).toBe(200);
    await running.close();
    expect(await running.closed).toEqual({ clean: true });
  });
});

describe("rds-backup-rules serve as an operator runs it", () => {
  let cli: Awaited<ReturnType<typeof bundleCli>>;
  let dir: string;
  beforeAll(async () => {
    cli = await bundleCli();
    dir = mkdtempSync(join(tmpdir(), "rds-serve-operations-"));
  });
  afterEach(() => cli?.stopAll());
  afterAll(() => {
    cli?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("on SIGTERM, exits 1 within its grace period plus 5 s, answering 503 a request still in flight", async () => {
    const { child, url, exited } = await cli.start(["--port", "0", "--grace-period", "1s"]);
    const { hostname, port } = new URL(url);
    const body = "Action=CreateBackup&DBInstanceId=rm-demo";
    const socket = connect(Number(port), hostname);
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    socket.on("error", () => undefined);
    const ended = new Promise<void>((done) => socket.once("close", () => done()));
    await new Promise<void>((done) => socket.once("connect", () => done()));
    try {
      // The body never arrives in full: the request is in flight until the grace period ends.
      socket.write(
        `POST / HTTP/1.1\r\nHost: ${url.slice(7)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      await new Promise((done) => setTimeout(done, 200));
      const started = performance.now();
      child.kill("SIGTERM");
      expect(await exited).toBe(1);
      expect(performance.now() - started).toBeLessThan(1_000 + 5_000);
      await ended;
      expect(answer).toMatch(/^HTTP\/1\.1 503 /);
      expect(answer).toMatch(/"Code":"ServiceUnavailable"/);
    } finally {
      socket.destroy();
    }
  });

  it("names each setting's source in the start-up line, and prints no token or secret", async () => {
    const token = join(dir, "admin-token");
    const keys = join(dir, "access-keys");
    writeFileSync(token, "Tok3n-Never-Printed-0123\n");
    writeFileSync(keys, "LTAI-ops:Secret-Never-Printed\n");
    chmodSync(token, 0o600);
    chmodSync(keys, 0o600);
    const env = {
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
      RDS_BACKUP_RULES_ADMIN_TOKEN_FILE: token,
      RDS_BACKUP_RULES_GRACE_PERIOD: "9s",
      RDS_BACKUP_RULES_PORT: "1",
    };
    const { child, output, exited } = await cli.start(["--port", "0", "--access-keys-file", keys, "--log-level", "info"], env);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const started = JSON.parse(
      output()
        .split("\n")
        .find((line) => line.includes("serve listening on")) ?? "{}",
    ) as { settings?: Record<string, unknown> };
    expect(started.settings).toMatchObject({
      port: { value: "0", source: "flag --port" },
      "grace-period": { value: "9s", source: "environment RDS_BACKUP_RULES_GRACE_PERIOD" },
      "admin-token-file": { value: token, source: "environment RDS_BACKUP_RULES_ADMIN_TOKEN_FILE" },
      "access-keys-file": { value: keys, source: "flag --access-keys-file" },
      "request-timeout": { value: "15s", source: "default" },
      store: { value: null, source: "default" },
    });
    expect(output()).not.toMatch(/Tok3n-Never-Printed|Secret-Never-Printed/);
  });

  it("takes the Host names --allowed-hosts lists, and refuses others", async () => {
    const { child, url, exited } = await cli.start(["--port", "0", "--allowed-hosts", "rds-rules.internal, Backup.Example"]);
    const { port } = new URL(url);
    const status = (host: string) =>
      new Promise<number>((done, fail) => {
        const socket = connect(Number(port), "127.0.0.1");
        let answer = "";
        socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
        socket.on("error", fail);
        socket.on("close", () => done(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
        socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      });
    expect([await status(`rds-rules.internal:${port}`), await status("backup.example"), await status(`evil.example:${port}`)]).toEqual([
      200, 200, 403,
    ]);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("logs at the level --log-level names", async () => {
    const port = await freePort();
    const child = cli.run(["serve", "--port", String(port), "--log-level", "warn"]);
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    let status = 0;
    for (let tries = 0; tries < 100 && status === 0; tries++) {
      status = await fetch(`http://127.0.0.1:${port}/nowhere`).then(
        (answer) => answer.status,
        () => 0,
      );
      if (status === 0) await new Promise((done) => setTimeout(done, 100));
    }
    expect(status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toBe(""); // no info lines: neither the start-up line nor a request's
  });
});
