import { existsSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliIo } from "./cli-io";

/**
 * The real process as the CLI's `CliIo`: standard output and error, files, stdin and the system
 * clock, and the package's own version. The only place in the package that reads the clock.
 *
 * @example
 * ```ts
 * import { nodeIo } from "./node-io";
 *
 * const io = nodeIo();
 * expect(io.now()).toBeInstanceOf(Date);
 * ```
 */
export function nodeIo(): CliIo {
  return {
    write: (text) => process.stdout.write(text),
    writeError: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, "utf8"),
    writeFile: replaceFile,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return Buffer.concat(chunks).toString("utf8");
    },
    now: () => new Date(),
    packageVersion: () => packageVersion(dirname(fileURLToPath(import.meta.url))),
  };
}

/**
 * Replaces a file's content, whole or not at all: writes a temporary file beside it (beside the
 * target of a symbolic link), then renames it over the file, so a crash or a full disk never
 * leaves half a state.
 *
 * @example
 * ```ts
 * import { replaceFile } from "./node-io";
 *
 * expect(() => replaceFile("/no/such/folder/state.json", "{}")).toThrow("ENOENT");
 * ```
 */
export function replaceFile(path: string, text: string): void {
  const target = existsSync(path) ? realpathSync(path) : path;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, "utf8");
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The package this file belongs to, as npm installed it. */
const PACKAGE_NAME = "rds-backup-rules";

/**
 * The version in the package.json of this package, found from `directory` upwards: `dist/` in the
 * installed package, `src/cli/` in this repository. `"unknown"` if there is none.
 *
 * @example
 * ```ts
 * import { packageVersion } from "./node-io";
 *
 * expect(packageVersion(".")).toMatch(/^\d+\.\d+\.\d+/);
 * expect(packageVersion("/")).toBe("unknown");
 * ```
 */
export function packageVersion(directory: string): string {
  for (let at = directory; ; at = dirname(at)) {
    const file = join(at, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (json.name === PACKAGE_NAME && typeof json.version === "string") return json.version;
    }
    if (dirname(at) === at) return "unknown";
  }
}
