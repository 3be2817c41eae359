import { spawnSync } from "node:child_process";

/** What a finished command printed and how it exited. */
export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program without a shell (arguments are passed as they are), optionally with stdin. */
export function runCommand(program: string, args: readonly string[], options: { cwd?: string; input?: string } = {}): CommandResult {
  const result = spawnSync(program, [...args], { cwd: options.cwd, input: options.input, encoding: "utf8" });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Quotes an argument for showing a command line to a reader (not for running it). */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}
