import { readJson, type JsonReading } from "./json-text";

/** A URL scheme at the start of the text: `https://…`, `http://…`. */
const URL_START = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** The Request box read: the request to pass to the library, or why there is none. */
export type RequestReading =
  | { readonly ok: true; readonly request: unknown }
  | { readonly ok: false; readonly json?: Extract<JsonReading, { ok: false }>; readonly problem: string };

/**
 * Reads the Request box as the CLI's `check` reads its argument: text that starts with `{` or `[`
 * is JSON (an object of parameters; an array goes to the library, which refuses it with rule 3),
 * a URL gives its query string, anything else is the query string itself. White space around the
 * text is dropped (a text box keeps the line break a paste ends with). Never throws: JSON that
 * does not parse, and a URL without a query, are reported.
 *
 * @example
 * ```ts
 * import { readRequestText } from "./request-text";
 *
 * expect(readRequestText("Action=CreateBackup&DBInstanceId=rm-demo\n")).toEqual({ ok: true, request: "Action=CreateBackup&DBInstanceId=rm-demo" });
 * expect(readRequestText("https://rds.aliyuncs.com/?Action=CreateBackup&DBInstanceId=rm-demo")).toEqual({ ok: true, request: "Action=CreateBackup&DBInstanceId=rm-demo" });
 * expect(readRequestText('{"Action": "CreateBackup"}')).toEqual({ ok: true, request: { Action: "CreateBackup" } });
 * expect(readRequestText('{"Action": CreateBackup}')).toMatchObject({ ok: false, json: { line: 1, column: 12 } });
 * expect(readRequestText("https://rds.aliyuncs.com/")).toMatchObject({ ok: false, problem: "this URL has no query string: paste the whole request URL, with its ?Action=CreateBackup&…" });
 * ```
 */
export function readRequestText(text: string): RequestReading {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    const json = readJson(text);
    return json.ok ? { ok: true, request: json.value } : { ok: false, json, problem: json.problem };
  }
  if (URL_START.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return { ok: false, problem: "this looks like a URL but is not one" };
    }
    if (url.search === "")
      return { ok: false, problem: "this URL has no query string: paste the whole request URL, with its ?Action=CreateBackup&…" };
    return { ok: true, request: url.search.slice(1) };
  }
  return { ok: true, request: trimmed };
}
