/**
 * The two servers `bench:serve` loads, each in a process of its own on loopback: `serve` (the built
 * CLI, `dist/cli.js serve`) and the floor (`floor-server.ts`, bundled here with esbuild as tsup
 * bundles `dist/`). Both answer `GET /healthz`; both log nothing to the bench (serve's JSON lines
 * go to /dev/null, written as they would be to a file).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { freePort } from "../../test/support/embedded-postgres";

export const ROOT = resolve(import.meta.dirname, "../..");
const FLOOR_BUNDLE = join(ROOT, "node_modules/.cache/bench-serve/floor-server.js");

/** A server process the bench started. */
export interface ServerProcess {
  readonly name: string;
  readonly base: string;
  readonly pid: number;
  /** What it wrote on stderr so far. */
  readonly output: () => string;
  /** SIGTERM, then its exit code (SIGKILL after `withinMs`). */
  readonly stop: (withinMs?: number) => Promise<number | null>;
  /** Sends a signal (the profile hook's SIGUSR2). */
  readonly signal: (signal: NodeJS.Signals) => void;
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Bundles the floor server (a second or two); call once before `startFloor`. */
export function buildFloor(): void {
  mkdirSync(join(ROOT, "node_modules/.cache/bench-serve"), { recursive: true });
  execFileSync(
    join(ROOT, "node_modules/.bin/esbuild"),
    [
      "bench/serve/floor-server.ts",
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--packages=external",
      "--target=node20",
      `--outfile=${FLOOR_BUNDLE}`,
      "--log-level=warning",
    ],
    { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] },
  );
}

/** `dist/cli.js serve` (or another build of the CLI) on a free port. */
export async function startServe(options: {
  readonly cli?: string;
  readonly store?: string;
  readonly dailyLimit: number;
  readonly preload?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly args?: readonly string[];
  /** The server's working folder (default: the repository's root). */
  readonly cwd?: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const args = [
    ...(options.preload === undefined ? [] : ["--import", options.preload]),
    options.cli ?? join(ROOT, "dist/cli.js"),
    "serve",
    "--port",
    String(port),
    "--daily-limit",
    String(options.dailyLimit),
    ...(options.store === undefined ? [] : ["--store", options.store]),
    ...(options.args ?? []),
  ];
  return start("serve", port, args, options.env, options.cwd);
}

/** The floor on a free port: over a `Map`, or over PostgreSQL's `table`. */
export async function startFloor(options: {
  readonly store?: string;
  readonly table?: string;
  readonly dailyLimit: number;
  readonly preload?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const args = [
    ...(options.preload === undefined ? [] : ["--import", options.preload]),
    FLOOR_BUNDLE,
    "--port",
    String(port),
    "--daily-limit",
    String(options.dailyLimit),
    ...(options.store === undefined ? [] : ["--store", options.store, "--table", options.table ?? "rds_backup_floor"]),
  ];
  return start("floor", port, args, options.env, options.cwd);
}

async function start(
  name: string,
  port: number,
  args: readonly string[],
  env: NodeJS.ProcessEnv | undefined,
  cwd = ROOT,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
  running.add(child);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => (running.delete(child), done(code))));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not start: ${stderr}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    name,
    base,
    pid: child.pid!,
    output: () => stderr,
    signal: (signal) => child.kill(signal),
    stop: async (withinMs = 10_000) => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), withinMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Registers instances on `serve` through the admin API (32 at a time). */
export async function registerOnServe(base: string, ids: readonly string[]): Promise<void> {
  const body = JSON.stringify({
    engine: "MySQL",
    engineVersion: "8.0",
    storageType: "local_ssd",
    status: "Running",
    databases: ["orders"],
  });
  for (let start = 0; start < ids.length; start += 32) {
    await Promise.all(
      ids.slice(start, start + 32).map(async (id) => {
        const answer = await fetch(`${base}/admin/instances/${id}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body,
        });
        if (!answer.ok) throw new Error(`registering ${id}: ${answer.status} ${await answer.text()}`);
      }),
    );
  }
}

/** Registers the same instances on the floor. */
export async function registerOnFloor(base: string, ids: readonly string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 2000) {
    const answer = await fetch(`${base}/seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ids: ids.slice(start, start + 2000) }),
    });
    if (!answer.ok) throw new Error(`seeding the floor: ${answer.status} ${await answer.text()}`);
  }
}
