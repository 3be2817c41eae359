/**
 * `rds-backup-rules serve --store` configured as an operator does it, as a real process on the
 * run's PostgreSQL: the URL from `RDS_BACKUP_RULES_STORE`, its password from the URL, from libpq's
 * `PGPASSWORD` or from a `.pgpass` file; never printed. Every process is stopped by the test.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bundleCli } from "../server/serve-process";
import { databaseUrl, newPool } from "./support";

/** A role of its own, owning a database of its own, with a password found nowhere else in the output. */
const ROLE = `serve_configuration_${process.pid}`;
const PASSWORD = `Pw-${randomBytes(12).toString("hex")}`;

let cli: Awaited<ReturnType<typeof bundleCli>>;
let home: string;
beforeAll(async () => {
  const admin = newPool(databaseUrl(), 1);
  try {
    await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
    await admin.query(`CREATE DATABASE ${ROLE} OWNER ${ROLE}`);
  } finally {
    await admin.end();
  }
  cli = await bundleCli();
  home = mkdtempSync(join(tmpdir(), "rds-serve-home-"));
});
afterEach(() => cli?.stopAll());
afterAll(async () => {
  cli?.remove();
  rmSync(home, { recursive: true, force: true });
  const admin = newPool(databaseUrl(), 1);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${ROLE} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${ROLE}`);
  } finally {
    await admin.end();
  }
});

/** The role's URL with its password, and without. */
function urls(): { withPassword: string; url: string } {
  const url = new URL(databaseUrl());
  url.username = ROLE;
  url.password = "";
  url.pathname = `/${ROLE}`;
  const withPassword = new URL(url);
  withPassword.password = PASSWORD;
  return { withPassword: withPassword.toString(), url: url.toString() };
}

/** An environment without the runner's variables: what a service manager gives. */
function serviceEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: home, ...extra };
}

/** Starts serve, checks that it answers from the store (a registration through the admin API), then stops it with SIGTERM: its exit code and output. */
async function servesFromTheStore(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const { child, url, output, exited } = await cli.start(["--port", "0", ...args], env);
  const id = `rm-serve-configuration-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const put = await fetch(`${url}/admin/instances/${id}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ engine: "MySQL", engineVersion: "8.0", storageType: "local_ssd", status: "Running", databases: ["orders"] }),
  });
  expect(put.status).toBe(200);
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  child.kill("SIGTERM");
  return { code: await exited, output: output() };
}

describe("serve's PostgreSQL password", () => {
  it("comes from the URL given as RDS_BACKUP_RULES_STORE, and is never printed", async () => {
    const { code, output } = await servesFromTheStore([], serviceEnv({ RDS_BACKUP_RULES_STORE: urls().withPassword }));
    expect(code).toBe(0);
    expect(output).not.toContain(PASSWORD);
    expect(output).toContain(`"store":{"value":"postgres://${ROLE}:*****@`);
    expect(output).toContain('"source":"environment RDS_BACKUP_RULES_STORE"');
    expect(output).toContain('"store-password":{"source":"the URL"}');
  });

  it("comes from libpq's PGPASSWORD when the URL has none", async () => {
    const { code, output } = await servesFromTheStore(["--store", urls().url], serviceEnv({ PGPASSWORD: PASSWORD }));
    expect(code).toBe(0);
    expect(output).not.toContain(PASSWORD);
    expect(output).toContain('"store-password":{"source":"environment PGPASSWORD"}');
  });

  it("comes from a .pgpass file when the URL has none and PGPASSWORD is unset", async () => {
    const target = new URL(urls().url);
    const pgpass = join(home, "pgpass");
    writeFileSync(pgpass, `# host:port:database:user:password\n${target.hostname}:${target.port}:${ROLE}:${ROLE}:${PASSWORD}\n`);
    chmodSync(pgpass, 0o600); // libpq and pg ignore a password file others may read
    const { code, output } = await servesFromTheStore(["--store", urls().url], serviceEnv({ PGPASSFILE: pgpass }));
    expect(code).toBe(0);
    expect(output).not.toContain(PASSWORD);
    expect(output).toContain('"store-password":{"source":"libpq\'s password file');
  });

  it("is missing: refused at start-up in one line, exit 2", async () => {
    const child = cli.run(
      ["serve", "--store", urls().url, "--port", "0", "--connect-timeout", "2s"],
      serviceEnv({ PGPASSFILE: join(home, "none") }),
    );
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.once("exit", (exit) => done(exit)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rds-backup-rules: --store: cannot prepare the PostgreSQL store: .*password.*\n$/);
  });
});
