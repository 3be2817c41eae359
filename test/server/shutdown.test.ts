/**
 * Graceful shutdown: closing (or SIGTERM/SIGINT to `rds-backup-rules serve`) stops accepting, lets
 * the requests in flight finish, closes the store, and the process exits 0. In process with a
 * store that holds a request inside `load`; then the CLI as a real process (bundled as the package
 * build does), with a request whose body is still arriving when the signal comes. Every server and
 * process is stopped by the test, also when it fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../src/server/index";
import { bundleCli } from "./serve-process";
import { sampleStore } from "./support";

describe("closing a server with a request in flight", () => {
  it("finishes the request, refuses new connections, then closes the store", async () => {
    const base = await sampleStore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inLoad = new Promise<void>((resolve) => (entered = resolve));
    const events: string[] = [];
    const running = await serve({
      store: {
        load: async (id) => {
          entered();
          await gate;
          return base.load(id);
        },
        compareAndSet: async (id, version, next) => {
          const written = await base.compareAndSet(id, version, next);
          events.push(`written ${String(written)}`);
          return written;
        },
      },
      port: 0,
      log: false,
      handleSignals: false,
      onClose: () => {
        events.push("store closed");
      },
    });
    if (!running.ok) throw new Error(running.message);
    try {
      // A keep-alive client (fetch keeps its connection open): the close must still end once the answer is sent.
      const inFlight = fetch(`${running.url}/?Action=CreateBackup&DBInstanceId=rm-demo`).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      }));
      await inLoad;
      const closing = running.close();
      await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
      expect(events).toEqual([]);
      release();
      expect(await inFlight).toMatchObject({ status: 200, body: { BackupJobId: "2" } });
      await closing;
      await running.closed;
      expect(events).toEqual(["written true", "store closed"]);
    } finally {
      release();
      await running.close();
    }
  });
});

describe("rds-backup-rules serve as a process", () => {
  let cli: Awaited<ReturnType<typeof bundleCli>>;
  beforeAll(async () => {
    cli = await bundleCli();
  });
  afterEach(() => cli?.stopAll());
  afterAll(() => cli?.remove());
  const start = (args: string[]) => cli.start(args);

  it("on SIGTERM finishes the request whose body is still arriving, then exits 0", async () => {
    const { child, url, output, exited } = await start(["--port", "0"]);
    expect(output()).toContain("not authenticated (no access keys; loopback only)");
    expect(output()).toContain("open (no admin token; loopback only)");
    const { hostname, port } = new URL(url);
    const body = "Action=CreateBackup&DBInstanceId=rm-demo";
    const socket = connect(Number(port), hostname);
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    const ended = new Promise<void>((done) => socket.once("close", () => done()));
    await new Promise<void>((done) => socket.once("connect", () => done()));
    socket.write(
      `POST / HTTP/1.1\r\nHost: ${url.slice(7)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((done) => setTimeout(done, 200));
    child.kill("SIGTERM");
    await new Promise((done) => setTimeout(done, 300));
    expect(child.exitCode).toBeNull();
    socket.write(body.slice(10));
    expect(await exited).toBe(0);
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/"BackupJobId":"2"/);
    expect(output()).toContain('"msg":"stopped"');
  });

  it("on SIGINT exits 0 when idle", async () => {
    const { child, exited } = await start(["--port", "0", "--daily-limit", "5", "--time-zone", "Asia/Shanghai"]);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("refuses to listen beyond loopback without the admin token and access keys, in one line, exit 2", async () => {
    const child = cli.run(["serve", "--host", "0.0.0.0", "--port", "0"]);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.once("exit", (exit) => done(exit)));
    expect(code).toBe(2);
    expect(stderr).toBe(
      "rds-backup-rules: refusing to listen on 0.0.0.0 without --access-keys-file and --admin-token-file: beyond loopback every API call must be signed and the admin API must need a token\n",
    );
  });

  it("listens beyond loopback with both files, and then takes only signed calls and the token", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rds-serve-"));
    try {
      writeFileSync(join(dir, "token"), "t0ken-0123456789-abcdef\n");
      writeFileSync(join(dir, "keys"), "LTAI-1:secret\n");
      const { child, url, output, exited } = await start([
        "--host",
        "0.0.0.0",
        "--port",
        "0",
        "--admin-token-file",
        join(dir, "token"),
        "--access-keys-file",
        join(dir, "keys"),
      ]);
      expect(output()).toContain("signed by one of 1 access keys");
      const local = url.replace("0.0.0.0", "127.0.0.1");
      expect((await fetch(`${local}/?Action=CreateBackup&DBInstanceId=rm-demo`)).status).toBe(403);
      expect((await fetch(`${local}/admin/instances/rm-demo`)).status).toBe(401);
      expect(
        (await fetch(`${local}/admin/instances/rm-demo`, { headers: { authorization: "Bearer t0ken-0123456789-abcdef" } })).status,
      ).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
