/**
 * `rds-backup-rules serve` as a real process: the CLI bundled as the package build does it (ESM,
 * the server split into its own chunk), into a scratch folder inside node_modules so that its
 * dependencies resolve. `stopAll()` kills what is still running (the tests' afterEach), and
 * `remove()` deletes the bundle.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "tsup";

export interface ServeProcess {
  readonly child: ChildProcess;
  /** The URL of its start-up line. */
  readonly url: string;
  /** What it wrote so far, stdout and stderr. */
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

export const ROOT = resolve(import.meta.dirname, "../..");

export async function bundleCli() {
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, "serve-process-test-"));
  await build({
    entry: { cli: join(ROOT, "src/cli/main.ts") },
    format: ["esm"],
    outDir: scratch,
    target: "node20",
    config: false,
    silent: true,
  });
  const bundle = join(scratch, "cli.js");
  const children: ChildProcess[] = [];

  /** Runs the CLI with these arguments (`serve …` or anything else), not waiting for a start-up line; `env` replaces the environment. */
  function run(args: readonly string[], env?: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      ...(env === undefined ? {} : { env }),
    });
    children.push(child);
    return child;
  }

  /** Starts `serve` and resolves once its start-up line names the URL; rejects if it exits first. */
  function start(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<ServeProcess> {
    const child = run(["serve", ...args], env);
    let out = "";
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    return new Promise((done, fail) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        const url = /serve listening on (http:\/\/[^"]+)"/.exec(out)?.[1];
        if (url !== undefined) done({ child, url, output: () => out, exited });
      });
      child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
      void exited.then((code) => fail(new Error(`serve exited ${String(code)} before listening: ${out}`)));
    });
  }

  const stopAll = () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  const remove = () => rmSync(scratch, { recursive: true, force: true });
  return { run, start, stopAll, remove };
}
