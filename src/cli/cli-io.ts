import type { Violation } from "../index";

/**
 * Everything the CLI reads from or writes to the outside world. `main.ts` passes the real process;
 * tests pass their own, so every command runs with an injected clock, files and output.
 *
 * @example
 * ```ts
 * import { EXIT_CODES } from "./cli-io";
 * import { runCli } from "./run-cli";
 *
 * const lines: string[] = [];
 * const io: CliIo = {
 *   write: (text) => lines.push(text), writeError: (text) => lines.push(text),
 *   readFile: () => "{}", writeFile: () => {}, readStdin: async () => "{}", now: () => new Date("2026-03-02T08:00:00Z"), packageVersion: () => "1.0.0",
 * };
 * expect(await runCli(["rules"], io)).toBe(EXIT_CODES.ok);
 * ```
 */
export interface CliIo {
  /** Writes to standard output. */
  readonly write: (text: string) => void;
  /** Writes to standard error. */
  readonly writeError: (text: string) => void;
  /** Reads a UTF-8 file; throws when it cannot. */
  readonly readFile: (path: string) => string;
  /** Replaces a file's content with UTF-8 text (`--write`), whole or not at all; throws when it cannot. */
  readonly writeFile: (path: string, text: string) => void;
  /** Reads all of standard input as UTF-8. */
  readonly readStdin: () => Promise<string>;
  /** The clock, read only when `check` or `advance` is given no `--now`. */
  readonly now: () => Date;
  /** The version of the installed package, for `--version`. */
  readonly packageVersion: () => string;
  /** Loads the server entry for `serve` (it needs fastify and prom-client); by default an `import()` of it. */
  readonly loadServer?: () => Promise<ServerModule>;
}

/** The `rds-backup-rules/server` entry, which `serve` loads when it runs. */
export type ServerModule = typeof import("../server/index");

/**
 * The CLI's exit codes: 0 accepted (or a listing printed), 1 refused, 2 usage error, unreadable
 * file or invalid state JSON.
 *
 * @example
 * ```ts
 * import { EXIT_CODES } from "./cli-io";
 *
 * expect(EXIT_CODES).toEqual({ ok: 0, refused: 1, usage: 2 });
 * ```
 */
export const EXIT_CODES = { ok: 0, refused: 1, usage: 2 } as const;

/** One of the CLI's exit codes. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * A problem with how the CLI was called, or with the files it was given: reported as one line
 * on standard error with exit code 2, never as a stack trace.
 *
 * @example
 * ```ts
 * import { CliUsageError } from "./cli-io";
 *
 * expect(new CliUsageError("unknown command \"chek\"").message).toBe('unknown command "chek"');
 * ```
 */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";

  /**
   * @param message One line naming the problem.
   * @param violation The library's refusal behind it, when there is one (an invalid state file).
   */
  constructor(
    message: string,
    readonly violation?: Violation,
  ) {
    super(message);
  }
}

/**
 * The first line of an error's message, for one-line reports.
 *
 * @example
 * ```ts
 * import { firstLine } from "./cli-io";
 *
 * expect(firstLine(new Error("ENOENT: no such file\n    at x"))).toBe("ENOENT: no such file");
 * ```
 */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? "";
}
