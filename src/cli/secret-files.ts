import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { CliUsageError, firstLine } from "./cli-io";

/** A secret file's text and permission bits, read through one open file (so both are of the same file). */
export interface SecretFile {
  readonly text: string;
  readonly mode: number;
}

/**
 * Reads a secret file with the real file system: its UTF-8 text and its mode, from one file
 * descriptor. Throws as `fs` does when it cannot.
 *
 * @example
 * ```ts
 * import { readSecretFile } from "./secret-files";
 *
 * expect(() => readSecretFile("/no/such/token")).toThrow("ENOENT");
 * ```
 */
export function readSecretFile(path: string): SecretFile {
  const descriptor = openSync(path, "r");
  try {
    const { mode } = fstatSync(descriptor);
    return { text: readFileSync(descriptor, "utf8"), mode };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Why a secret file with these permission bits must not be used, or undefined when it may: a file
 * its group or anyone else may write could hold a token or key someone else chose (OpenSSH refuses
 * such key files alike). Being readable by others is not refused: Kubernetes mounts secrets 0644.
 *
 * @example
 * ```ts
 * import { secretFileModeRefusal } from "./secret-files";
 *
 * expect(secretFileModeRefusal(0o100600)).toBeUndefined();
 * expect(secretFileModeRefusal(0o100644)).toBeUndefined();
 * expect(secretFileModeRefusal(0o100664)).toBe("its group or others may write it (mode 0664): make it writable by its owner alone, e.g. chmod 600");
 * ```
 */
export function secretFileModeRefusal(mode: number): string | undefined {
  if ((mode & 0o022) === 0) return undefined;
  return `its group or others may write it (mode ${(mode & 0o7777).toString(8).padStart(4, "0")}): make it writable by its owner alone, e.g. chmod 600`;
}

/**
 * Reads and parses one of `serve`'s secret files, or throws one usage error line naming where the
 * path came from (`label`: the flag or its variable), the file, and what is wrong: unreadable,
 * writable by others, or a line the parser refuses. The secret itself is never in the message.
 *
 * @example
 * ```ts
 * import { parseAdminToken } from "rds-backup-rules/server";
 * import { loadSecretFile } from "./secret-files";
 *
 * const read = () => ({ text: "short\n", mode: 0o100600 });
 * expect(() => loadSecretFile("--admin-token-file", "/run/secrets/admin", parseAdminToken, read)).toThrow(
 *   '--admin-token-file "/run/secrets/admin": line 1 holds a token of 5 characters: it needs at least 16',
 * );
 * ```
 */
export function loadSecretFile<T>(
  label: string,
  path: string,
  parse: (text: string) => { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string },
  read: (path: string) => SecretFile = readSecretFile,
): T {
  let file: SecretFile;
  try {
    file = read(path);
  } catch (error) {
    throw new CliUsageError(`${label}: cannot read ${JSON.stringify(path)}: ${firstLine(error)}`);
  }
  const unsafe = secretFileModeRefusal(file.mode);
  if (unsafe !== undefined) throw new CliUsageError(`${label} ${JSON.stringify(path)}: ${unsafe}`);
  const parsed = parse(file.text);
  if (!parsed.ok) throw new CliUsageError(`${label} ${JSON.stringify(path)}: ${parsed.message}`);
  return parsed.value;
}
