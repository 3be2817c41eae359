/**
 * `rds-backup-rules serve`'s usage errors: each one line on stderr and exit 2, before anything
 * listens (the server's own behaviour is tested in test/server/).
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { nodeIo } from "../../src/cli/node-io";
import { CliUsageError, type ServerModule } from "../../src/cli/cli-io";
import { readSecretFile } from "../../src/cli/secret-files";
import { loadServer, runServe, SERVE_NEEDS } from "../../src/cli/serve-command";
import type { ServeOptions } from "../../src/server/index";
import type { StoreTimeouts } from "../../src/server/open-store";
import packageJson from "../../package.json" with { type: "json" };

const dir = mkdtempSync(join(tmpdir(), "rds-serve-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file of the scratch folder with these permission bits (set after writing, whatever the umask), and gives its path. */
function secretFile(name: string, text: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

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
    [["--store", "mysql://db"], "rds-backup-rules: --store: the store URL must start with postgres:// or postgresql://\n"],
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
    secretFile("token", "k4Jq-8vP2-xW9z-Lm3T\n");
    expect(await serveError(["--host", "0.0.0.0", "--admin-token-file", join(dir, "token")])).toEqual({
      code: 2,
      stderr:
        "rds-backup-rules: refusing to listen on 0.0.0.0 without --access-keys-file: beyond loopback every API call must be signed and the admin API must need a token\n",
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
    Object.assign(new Error(`Cannot find package '${name}' imported from /app/node_modules/rds-backup-rules/dist/cli-index-x.js`), {
      code,
    });

  it.each(["fastify", "prom-client"])("exits 2 with one line giving the npm install command when %s is missing", async (name) => {
    const err: string[] = [];
    const io = {
      ...nodeIo(),
      write: () => undefined,
      writeError: (text: string) => err.push(text),
      loadServer: () => Promise.reject(notInstalled(name)),
    };
    expect(await runCli(["serve"], io)).toBe(2);
    expect(err.join("")).toBe("rds-backup-rules: serve needs fastify and prom-client: npm install fastify@5 prom-client@15\n");
  });

  it("passes on any other failure to load the server as an internal error, not as the install hint", async () => {
    const err: string[] = [];
    const io = {
      ...nodeIo(),
      write: () => undefined,
      writeError: (text: string) => err.push(text),
      loadServer: () => Promise.reject(notInstalled("pino-std-serializers")),
    };
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

describe("serve's secret files", () => {
  const TOKEN = "k4Jq-8vP2-xW9z-Lm3T";

  it.each([
    [
      "a token with a space inside",
      "k4Jq 8vP2-xW9z-Lm3T\n",
      "line 1 holds white space: the token is 16 or more visible ASCII characters, nothing else",
    ],
    [
      "a token with a trailing space",
      `${TOKEN} \n`,
      "line 1 holds white space: the token is 16 or more visible ASCII characters, nothing else",
    ],
    [
      "a token with a tab before it",
      `\t${TOKEN}\n`,
      "line 1 holds white space: the token is 16 or more visible ASCII characters, nothing else",
    ],
    ["a token of 15 characters", "k4Jq-8vP2-xW9z-\n", "line 1 holds a token of 15 characters: it needs at least 16"],
    [
      "a token with a non-ASCII letter",
      "k4Jq-8vP2-xW9z-Lm3Té\n",
      "line 1 holds a character that is not visible ASCII (U+00E9): the token is 16 or more visible ASCII characters, nothing else",
    ],
    ["a second line", `${TOKEN}\nsecond\n`, "line 2 follows the token: the file holds the token on one line, nothing else"],
  ])("refuses an admin token file with %s, in one line naming the file and the line", async (_name, text, problem) => {
    const path = secretFile("bad-token", text);
    expect(await serveError(["--admin-token-file", path])).toEqual({
      code: 2,
      stderr: `rds-backup-rules: --admin-token-file ${JSON.stringify(path)}: ${problem}\n`,
    });
  });

  it.each([
    [
      "a space after the colon",
      "LTAI-1:secret\nLTAI-2: other\n",
      "line 2 holds white space: each line is AccessKeyId:AccessKeySecret, nothing else",
    ],
    ["a space in the id", "LTAI 1:secret\n", "line 1 holds white space: each line is AccessKeyId:AccessKeySecret, nothing else"],
    ["a trailing space", "LTAI-1:secret \n", "line 1 holds white space: each line is AccessKeyId:AccessKeySecret, nothing else"],
    ["an indented line", "  LTAI-1:secret\n", "line 1 holds white space: each line is AccessKeyId:AccessKeySecret, nothing else"],
    [
      "a no-break space",
      "LTAI-1:sec\u00a0ret\n",
      "line 1 holds a character that is not visible ASCII (U+00A0): each line is AccessKeyId:AccessKeySecret, nothing else",
    ],
    [
      "a byte-order mark",
      "\ufeffLTAI-1:secret\n",
      "line 1 holds a character that is not visible ASCII (U+FEFF): each line is AccessKeyId:AccessKeySecret, nothing else",
    ],
    ["an empty secret", "# keys\nLTAI-1:\n", "line 2 is not AccessKeyId:AccessKeySecret"],
    ["an empty id", ":secret\n", "line 1 is not AccessKeyId:AccessKeySecret"],
    ["a repeated id", "LTAI-1:a\nLTAI-1:b\n", "line 2 repeats the access key id LTAI-1"],
    ["no key", "# none yet\n\n", "it holds no AccessKeyId:AccessKeySecret line"],
  ])("refuses an access-keys file with %s, in one line naming the file and the line", async (_name, text, problem) => {
    const path = secretFile("bad-keys", text);
    const { code, stderr } = await serveError(["--access-keys-file", path]);
    expect({ code, stderr }).toEqual({ code: 2, stderr: `rds-backup-rules: --access-keys-file ${JSON.stringify(path)}: ${problem}\n` });
    expect(stderr).not.toMatch(/secret|sec.ret|other/);
  });

  it.each([
    ["writable by its group", 0o620, "0620"],
    ["writable by anyone", 0o602, "0602"],
    ["writable by all", 0o666, "0666"],
  ])("refuses a secret file %s", async (_name, mode, shown) => {
    const token = secretFile("open-token", `${TOKEN}\n`, mode);
    expect(await serveError(["--admin-token-file", token])).toEqual({
      code: 2,
      stderr: `rds-backup-rules: --admin-token-file ${JSON.stringify(token)}: its group or others may write it (mode ${shown}): make it writable by its owner alone, e.g. chmod 600\n`,
    });
    const keys = secretFile("open-keys", "LTAI-1:secret\n", mode);
    expect((await serveError(["--access-keys-file", keys])).stderr).toBe(
      `rds-backup-rules: --access-keys-file ${JSON.stringify(keys)}: its group or others may write it (mode ${shown}): make it writable by its owner alone, e.g. chmod 600\n`,
    );
  });

  it("takes files its owner alone may write, readable by others or not, with a trailing newline, CRLF lines and comments", async () => {
    const token = secretFile("good-token", `${TOKEN}\r\n`, 0o644);
    const keys = secretFile("good-keys", "# staging\r\nLTAI-1:s3cr:et\r\n\r\nLTAI-2:other\r\n", 0o400);
    const { options } = await captured(["--admin-token-file", token, "--access-keys-file", keys]);
    expect(options.adminToken).toBe(TOKEN);
    expect([...(options.accessKeys ?? [])]).toEqual([
      ["LTAI-1", "s3cr:et"],
      ["LTAI-2", "other"],
    ]);
  });
});

/**
 * Runs `serve` in process with the real server module, except that `serve` itself only records the
 * options it was given (and the store's timeouts) and refuses, so nothing listens.
 */
async function captured(args: string[], env: Record<string, string> = {}) {
  const real = await loadServer();
  let options: ServeOptions | undefined;
  let timeouts: StoreTimeouts | undefined;
  let url: string | undefined;
  const err: string[] = [];
  const io = {
    ...nodeIo(),
    write: () => undefined,
    writeError: (text: string) => err.push(text),
    loadServer: (): Promise<ServerModule> =>
      Promise.resolve({
        ...real,
        openStore: (storeUrl, instances, given) => {
          [url, timeouts] = [storeUrl, given];
          return real.openStore(undefined, instances, given);
        },
        serve: (given) => {
          options = given;
          return Promise.resolve({ ok: false as const, message: "captured" });
        },
      }),
  };
  await expect(runServe(args, io, { env, readSecretFile })).rejects.toThrow(/^captured$/);
  if (options === undefined || timeouts === undefined) throw new Error(`serve was not reached: ${err.join("")}`);
  return { options, timeouts, url };
}

describe("serve's settings from the environment", () => {
  it("takes every flag as RDS_BACKUP_RULES_<FLAG>, and a flag wins over its variable", async () => {
    const token = secretFile("env-token", "k4Jq-8vP2-xW9z-Lm3T\n");
    const keys = secretFile("env-keys", "LTAI-1:secret\n");
    const env = {
      RDS_BACKUP_RULES_HOST: "0.0.0.0",
      RDS_BACKUP_RULES_PORT: "9100",
      RDS_BACKUP_RULES_TIME_ZONE: "Asia/Shanghai",
      RDS_BACKUP_RULES_DAILY_LIMIT: "7",
      RDS_BACKUP_RULES_ADMIN_TOKEN_FILE: token,
      RDS_BACKUP_RULES_ACCESS_KEYS_FILE: keys,
      RDS_BACKUP_RULES_CONNECT_TIMEOUT: "2s",
      RDS_BACKUP_RULES_STATEMENT_TIMEOUT: "1500ms",
      RDS_BACKUP_RULES_REQUEST_TIMEOUT: "1m",
      RDS_BACKUP_RULES_GRACE_PERIOD: "2s",
      RDS_BACKUP_RULES_LOG_LEVEL: "warn",
      RDS_BACKUP_RULES_ALLOWED_HOSTS: "rds.internal,[fd00::1]",
    };
    const fromEnv = await captured([], env);
    expect(fromEnv.options).toMatchObject({
      host: "0.0.0.0",
      port: 9100,
      policy: { timeZone: "Asia/Shanghai", dailyBackupLimit: 7 },
      adminToken: "k4Jq-8vP2-xW9z-Lm3T",
    });
    expect(fromEnv.options.accessKeys?.get("LTAI-1")).toBe("secret");
    expect(fromEnv.timeouts).toEqual({ connectTimeoutMs: 2_000, statementTimeoutMs: 1_500, requestTimeoutMs: 60_000 });
    expect(fromEnv.options.commit).toEqual({ deadlineMs: 60_000 });
    expect(fromEnv.options).toMatchObject({ gracePeriodMs: 2_000, logLevel: "warn", allowedHosts: ["rds.internal", "[fd00::1]"] });
    await expect(fromEnv.options.ready?.()).resolves.toBeUndefined(); // the store's ping
    const flagsWin = await captured(
      [
        "--host",
        "127.0.0.1",
        "--port",
        "9200",
        "--daily-limit",
        "3",
        "--request-timeout",
        "2s",
        "--log-level",
        "debug",
        "--allowed-hosts",
        "a.example",
      ],
      env,
    );
    expect(flagsWin.options).toMatchObject({
      host: "127.0.0.1",
      port: 9200,
      policy: { timeZone: "Asia/Shanghai", dailyBackupLimit: 3 },
      logLevel: "debug",
      allowedHosts: ["a.example"],
    });
    expect(flagsWin.timeouts.requestTimeoutMs).toBe(2_000);
  });

  it("uses the defaults when neither is given: 127.0.0.1:8080, 5 s to connect and a statement, 15 s a request", async () => {
    const { options, timeouts, url } = await captured([], { RDS_BACKUP_RULES_STORE: "" });
    expect(options).toMatchObject({ host: "127.0.0.1", port: 8080, policy: {}, gracePeriodMs: 30_000, logLevel: "info", allowedHosts: [] });
    expect(timeouts).toEqual({ connectTimeoutMs: 5_000, statementTimeoutMs: 5_000, requestTimeoutMs: 15_000 });
    expect(url).toBeUndefined();
  });

  it.each([
    [{ RDS_BACKUP_RULES_PORT: "http" }, 'RDS_BACKUP_RULES_PORT must be a port number from 0 to 65535; received "http"'],
    [{ RDS_BACKUP_RULES_DAILY_LIMIT: "ten" }, 'RDS_BACKUP_RULES_DAILY_LIMIT must be a positive integer; received "ten"'],
    [{ RDS_BACKUP_RULES_STORE: "mysql://db" }, "RDS_BACKUP_RULES_STORE: the store URL must start with postgres:// or postgresql://"],
    [
      { RDS_BACKUP_RULES_CONNECT_TIMEOUT: "5" },
      'RDS_BACKUP_RULES_CONNECT_TIMEOUT must be a duration such as 5s, 500ms or 2m, from 1ms to 24h; received "5"',
    ],
    [
      { RDS_BACKUP_RULES_GRACE_PERIOD: "-1s" },
      'RDS_BACKUP_RULES_GRACE_PERIOD must be a duration such as 5s, 500ms or 2m, from 0ms to 24h; received "-1s"',
    ],
    [
      { RDS_BACKUP_RULES_LOG_LEVEL: "verbose" },
      'RDS_BACKUP_RULES_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent; received "verbose"',
    ],
    [
      { RDS_BACKUP_RULES_ALLOWED_HOSTS: "rds.internal,evil host" },
      'RDS_BACKUP_RULES_ALLOWED_HOSTS takes host names separated by commas (no port, IPv6 in brackets); "evil host" is not one',
    ],
    [
      { RDS_BACKUP_RULES_PROT: "8080" },
      "unknown environment variable RDS_BACKUP_RULES_PROT; did you mean RDS_BACKUP_RULES_PORT? (serve reads RDS_BACKUP_RULES_<FLAG> for each of its flags)",
    ],
  ])("refuses %j in one line naming the variable, exit 2", async (env, message) => {
    const io = { ...nodeIo(), write: () => undefined, writeError: () => undefined };
    await expect(runServe([], io, { env, readSecretFile })).rejects.toThrow(new CliUsageError(message));
  });

  it("names the variable when the rule set refuses a time zone it gave, and the flag when the flag gave it", async () => {
    const io = { ...nodeIo(), write: () => undefined, writeError: () => undefined };
    await expect(runServe([], io, { env: { RDS_BACKUP_RULES_TIME_ZONE: "Mars/Olympus" }, readSecretFile })).rejects.toThrow(
      /^RDS_BACKUP_RULES_TIME_ZONE: .*Mars\/Olympus/,
    );
    await expect(
      runServe(["--time-zone", "Mars/Olympus"], io, { env: { RDS_BACKUP_RULES_TIME_ZONE: "UTC" }, readSecretFile }),
    ).rejects.toThrow(/^--time-zone: .*Mars\/Olympus/);
  });

  it("reads a secret file named by a variable, and names the variable when it refuses it", async () => {
    const path = secretFile("env-bad-token", "short\n");
    const io = { ...nodeIo(), write: () => undefined, writeError: () => undefined };
    await expect(runServe([], io, { env: { RDS_BACKUP_RULES_ADMIN_TOKEN_FILE: path }, readSecretFile })).rejects.toThrow(
      `RDS_BACKUP_RULES_ADMIN_TOKEN_FILE ${JSON.stringify(path)}: line 1 holds a token of 5 characters: it needs at least 16`,
    );
  });
});
