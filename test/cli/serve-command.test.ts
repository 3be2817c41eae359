/**
 * `rds-backup-rules serve`'s usage errors: each one line on stderr and exit 2, before anything
 * listens (the server's own behaviour is tested in test/server/).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { nodeIo } from "../../src/cli/node-io";
import { SERVE_NEEDS } from "../../src/cli/serve-command";
import packageJson from "../../package.json" with { type: "json" };

const dir = mkdtempSync(join(tmpdir(), "rds-serve-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serveError(args: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  const io = { ...nodeIo(), write: () => undefined, writeError: (text: string) => err.push(text) };
  const code = await runCli(["serve", ...args], io);
  return { code, stderr: err.join("") };
}

describe("serve's usage errors", () => {
  it.each([
    [["--port", "http"], 'rds-backup-rules: --port must be a port number from 0 to 65535; received "http"\n'],
    [["--port", "70000"], 'rds-backup-rules: --port must be a port number from 0 to 65535; received "70000"\n'],
    [["--daily-limit", "ten"], 'rds-backup-rules: --daily-limit must be a positive integer; received "ten"\n'],
    [["extra"], 'rds-backup-rules: serve takes no arguments, but was given "extra"\n'],
    [["--store", "mysql://db"], "rds-backup-rules: --store takes a postgres:// or postgresql:// URL\n"],
    [["--prot", "1"], "rds-backup-rules: serve: Unknown option '--prot'; did you mean --port?\n"],
    [["--hots", "::1"], "rds-backup-rules: serve: Unknown option '--hots'; did you mean --host?\n"],
    [["--colour", "1"], "rds-backup-rules: serve: Unknown option '--colour'\n"],
  ])("%j", async (args, message) => {
    expect(await serveError(args)).toEqual({ code: 2, stderr: message });
  });

  it("names the option the rule set refuses", async () => {
    const { code, stderr } = await serveError(["--time-zone", "Mars/Olympus"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rds-backup-rules: --time-zone: .*Mars\/Olympus.*\n$/);
  });

  it("refuses unreadable or malformed secrets files, naming the option and the line", async () => {
    writeFileSync(join(dir, "keys"), "LTAI-1:secret\nLTAI-2\n");
    writeFileSync(join(dir, "empty-token"), "\n");
    expect(await serveError(["--access-keys-file", join(dir, "keys")])).toEqual({
      code: 2,
      stderr: `rds-backup-rules: --access-keys-file ${JSON.stringify(join(dir, "keys"))}: line 2 is not AccessKeyId:AccessKeySecret\n`,
    });
    expect(await serveError(["--admin-token-file", join(dir, "empty-token")])).toEqual({
      code: 2,
      stderr: `rds-backup-rules: --admin-token-file ${JSON.stringify(join(dir, "empty-token"))}: it is empty\n`,
    });
    const missing = await serveError(["--admin-token-file", join(dir, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^rds-backup-rules: --admin-token-file: cannot read ".*nope": ENOENT/);
  });

  it("refuses a host beyond loopback without both files, and a port already taken", async () => {
    writeFileSync(join(dir, "token"), "t\n");
    expect(await serveError(["--host", "0.0.0.0", "--admin-token-file", join(dir, "token")])).toEqual({
      code: 2,
      stderr: "rds-backup-rules: refusing to listen on 0.0.0.0 without --access-keys-file: beyond loopback every API call must be signed and the admin API must need a token\n",
    });
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, "127.0.0.1", () => done()));
    try {
      const port = (taken.address() as AddressInfo).port;
      const busy = await serveError(["--port", String(port)]);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toMatch(new RegExp(`^rds-backup-rules: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.*\\n$`));
    } finally {
      await new Promise((done) => taken.close(done));
    }
  });
});

describe("serve without its optional peers", () => {
  /** The error Node gives an import of a package that is not installed. */
  const notInstalled = (name: string, code = "ERR_MODULE_NOT_FOUND") =>
    Object.assign(new Error(`Cannot find package '${name}' imported from /app/node_modules/rds-backup-rules/dist/cli-index-x.js`), { code });

  it.each(["fastify", "prom-client"])("exits 2 with one line giving the npm install command when %s is missing", async (name) => {
    const err: string[] = [];
    const io = { ...nodeIo(), write: () => undefined, writeError: (text: string) => err.push(text), loadServer: () => Promise.reject(notInstalled(name)) };
    expect(await runCli(["serve"], io)).toBe(2);
    expect(err.join("")).toBe("rds-backup-rules: serve needs fastify and prom-client: npm install fastify@5 prom-client@15\n");
  });

  it("passes on any other failure to load the server as an internal error, not as the install hint", async () => {
    const err: string[] = [];
    const io = { ...nodeIo(), write: () => undefined, writeError: (text: string) => err.push(text), loadServer: () => Promise.reject(notInstalled("pino-std-serializers")) };
    expect(await runCli(["serve"], io)).toBe(2);
    expect(err.join("")).toMatch(/^rds-backup-rules: internal error: Cannot find package 'pino-std-serializers'/);
  });

  it("names the optional peers at the majors package.json asks for", () => {
    const peers = packageJson.peerDependencies as Record<string, string>;
    const optional = packageJson.peerDependenciesMeta as Record<string, { optional?: boolean }>;
    for (const name of ["fastify", "prom-client"]) {
      expect(optional[name]?.optional).toBe(true);
      expect(Object.keys(packageJson.dependencies)).not.toContain(name);
      expect(SERVE_NEEDS).toContain(`${name}@${/^\^(\d+)$/.exec(peers[name] ?? "")?.[1]}`);
    }
  });
});
