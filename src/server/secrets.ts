/** A parsed secrets file, or what is wrong with it (one line, naming the line number). */
export type ParsedSecrets<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * Parses an access-keys file: one `AccessKeyId:AccessKeySecret` a line (split at the first `:`),
 * blank lines and `#` comments ignored, surrounding spaces trimmed; an id given twice, an empty
 * id or secret, or a file without keys is refused.
 *
 * @example
 * ```ts
 * import { parseAccessKeys } from "rds-backup-rules/server";
 *
 * const keys = parseAccessKeys("# staging\nLTAI-1:s3cr:et\n\nLTAI-2: other \n");
 * expect(keys.ok && [...keys.value]).toEqual([["LTAI-1", "s3cr:et"], ["LTAI-2", "other"]]);
 * expect(parseAccessKeys("LTAI-1\n")).toEqual({ ok: false, message: "line 1 is not AccessKeyId:AccessKeySecret" });
 * ```
 */
export function parseAccessKeys(text: string): ParsedSecrets<ReadonlyMap<string, string>> {
  const keys = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const at = line.indexOf(":");
    const id = line.slice(0, at).trim();
    const secret = line.slice(at + 1).trim();
    if (at < 0 || id === "" || secret === "") return { ok: false, message: `line ${index + 1} is not AccessKeyId:AccessKeySecret` };
    if (keys.has(id)) return { ok: false, message: `line ${index + 1} repeats the access key id ${id}` };
    keys.set(id, secret);
  }
  return keys.size === 0 ? { ok: false, message: "it holds no AccessKeyId:AccessKeySecret line" } : { ok: true, value: keys };
}

/**
 * Parses an admin token file: its text without surrounding white space (a trailing newline is
 * usual); an empty one is refused.
 *
 * @example
 * ```ts
 * import { parseAdminToken } from "rds-backup-rules/server";
 *
 * expect(parseAdminToken("t0ken\n")).toEqual({ ok: true, value: "t0ken" });
 * expect(parseAdminToken(" \n").ok).toBe(false);
 * ```
 */
export function parseAdminToken(text: string): ParsedSecrets<string> {
  const token = text.trim();
  return token === "" ? { ok: false, message: "it is empty" } : { ok: true, value: token };
}
