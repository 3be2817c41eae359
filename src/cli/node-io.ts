import { readFileSync } from "node:fs";
import type { CliIo } from "./cli-io";

/**
 * The real process as the CLI's `CliIo`: standard output and error, files, stdin and the system
 * clock. The only place in the package that reads the clock.
 *
 * @example
 * ```ts
 * const io = nodeIo();
 * expect(io.now()).toBeInstanceOf(Date);
 * ```
 */
export function nodeIo(): CliIo {
  return {
    write: (text) => process.stdout.write(text),
    writeError: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, "utf8"),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return Buffer.concat(chunks).toString("utf8");
    },
    now: () => new Date(),
  };
}
