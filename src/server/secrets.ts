/** A parsed secrets file, or what is wrong with it (one line, naming the line number; never the secret). */
export type ParsedSecrets<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** The shortest admin token taken. */
const MIN_ADMIN_TOKEN_LENGTH = 16;

/** Visible ASCII: `!` to `~`, no space. */
const VISIBLE_ASCII = /^[\x21-\x7E]*$/;

/** The first character of `text` that is not visible ASCII, described without showing the text around it. */
function foreignCharacter(text: string): string | undefined {
  for (const character of text) {
    if (VISIBLE_ASCII.test(character)) continue;
    const code = character.codePointAt(0) ?? 0;
    return /^[\t\n\v\f\r ]$/.test(character)
      ? "white space"
      : `a character that is not visible ASCII (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
  }
  return undefined;
}

/**
 * Parses an access-keys file: one `AccessKeyId:AccessKeySecret` a line (split at the first `:`),
 * each part one or more visible ASCII characters with no white space inside or around; blank lines
 * and lines starting with `#` are skipped. A line that is anything else, an id given twice, or a
 * file without keys is refused, naming the line (never the secret), so no key is accepted that no
 * caller could sign with.
 *
 * @example
 * ```ts
 * import { parseAccessKeys } from "rds-backup-rules/server";
 *
 * const keys = parseAccessKeys("# staging\nLTAI-1:s3cr:et\n\nLTAI-2:other\r\n");
 * expect(keys.ok && [...keys.value]).toEqual([["LTAI-1", "s3cr:et"], ["LTAI-2", "other"]]);
 * expect(parseAccessKeys("LTAI-1\n")).toEqual({ ok: false, message: "line 1 is not AccessKeyId:AccessKeySecret" });
 * expect(parseAccessKeys("LTAI-1:ok\nLTAI-2: other\n")).toEqual({ ok: false, message: "line 2 holds white space: each line is AccessKeyId:AccessKeySecret, nothing else" });
 * ```
 */
export function parseAccessKeys(text: string): ParsedSecrets<ReadonlyMap<string, string>> {
  const keys = new Map<string, string>();
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const refusal = accessKeyLineRefusal(line, keys);
    if (refusal !== undefined) return { ok: false, message: `line ${index + 1} ${refusal}` };
    const at = line.indexOf(":");
    keys.set(line.slice(0, at), line.slice(at + 1));
  }
  return keys.size === 0 ? { ok: false, message: "it holds no AccessKeyId:AccessKeySecret line" } : { ok: true, value: keys };
}

/** Why a line of an access-keys file is not a key, or undefined when it is one. */
function accessKeyLineRefusal(line: string, keys: ReadonlyMap<string, string>): string | undefined {
  const foreign = foreignCharacter(line);
  if (foreign !== undefined) return `holds ${foreign}: each line is AccessKeyId:AccessKeySecret, nothing else`;
  const at = line.indexOf(":");
  if (at <= 0 || at === line.length - 1) return "is not AccessKeyId:AccessKeySecret";
  const id = line.slice(0, at);
  return keys.has(id) ? `repeats the access key id ${id}` : undefined;
}

/**
 * Parses an admin token file: one line of at least 16 visible ASCII characters, no white space
 * inside or around; the line breaks that end the file are not part of it. Anything else is
 * refused, naming the line (never the token), so no token is accepted that no caller could send.
 *
 * @example
 * ```ts
 * import { parseAdminToken } from "rds-backup-rules/server";
 *
 * expect(parseAdminToken("k4Jq-8vP2-xW9z-Lm3T\n")).toEqual({ ok: true, value: "k4Jq-8vP2-xW9z-Lm3T" });
 * expect(parseAdminToken(" \n")).toEqual({ ok: false, message: "line 1 holds white space: the token is 16 or more visible ASCII characters, nothing else" });
 * expect(parseAdminToken("t0ken\n")).toEqual({ ok: false, message: "line 1 holds a token of 5 characters: it needs at least 16" });
 * ```
 */
export function parseAdminToken(text: string): ParsedSecrets<string> {
  const lines = text.replace(/(?:\r?\n)+$/, "").split(/\r?\n/);
  if (lines.length > 1) return { ok: false, message: `line 2 follows the token: the file holds the token on one line, nothing else` };
  const token = lines[0] ?? "";
  if (token === "") return { ok: false, message: "it is empty" };
  const foreign = foreignCharacter(token);
  if (foreign !== undefined)
    return {
      ok: false,
      message: `line 1 holds ${foreign}: the token is ${MIN_ADMIN_TOKEN_LENGTH} or more visible ASCII characters, nothing else`,
    };
  if (token.length < MIN_ADMIN_TOKEN_LENGTH)
    return {
      ok: false,
      message: `line 1 holds a token of ${token.length} character${token.length === 1 ? "" : "s"}: it needs at least ${MIN_ADMIN_TOKEN_LENGTH}`,
    };
  return { ok: true, value: token };
}
