#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { nodeIo } from "./node-io";
import { runCli } from "./run-cli";

/**
 * Whether this module is the program node was asked to run (and not imported, as the tests and
 * the doc-example runner do), following the symlink npm puts in `node_modules/.bin`.
 *
 * @example
 * ```ts
 * import { isProgram } from "./main";
 *
 * expect(isProgram("file:///x/cli.js", undefined)).toBe(false);
 * ```
 */
export function isProgram(moduleUrl: string, scriptPath: string | undefined): boolean {
  if (scriptPath === undefined) return false;
  try {
    return realpathSync(scriptPath) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

if (isProgram(import.meta.url, process.argv[1])) {
  // A reader that stops early (`| head`) closes the pipe: the output is no longer wanted, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  runCli(process.argv.slice(2), nodeIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`rds-backup-rules: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
