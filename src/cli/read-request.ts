import { CliUsageError, firstLine } from "./cli-io";

/** A URL scheme at the start of the argument: `https://…`, `http://…`. */
const URL_START = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * The request `check` was given, as the library takes it: a query string as written, the query
 * of a pasted request URL (`https://rds.aliyuncs.com/?Action=CreateBackup&…`), or the object of a
 * JSON argument (`{"Action":"CreateBackup",…}`). The library then judges its parameters, so a
 * JSON value of the wrong type is refused by the rule about it, not here. A URL without a query,
 * JSON that does not parse or is not an object, is a usage error naming what was given.
 *
 * @example
 * ```ts
 * import { readRequest } from "./read-request";
 *
 * expect(readRequest("https://rds.aliyuncs.com/?Action=CreateBackup&DBInstanceId=rm-demo")).toBe("Action=CreateBackup&DBInstanceId=rm-demo");
 * expect(readRequest('{"Action":"CreateBackup","DBInstanceId":"rm-demo"}')).toEqual({ Action: "CreateBackup", DBInstanceId: "rm-demo" });
 * expect(readRequest("Action=CreateBackup&DBInstanceId=rm-demo")).toBe("Action=CreateBackup&DBInstanceId=rm-demo");
 * expect(() => readRequest("[1]")).toThrow("the request is JSON, but an array, not an object of parameters");
 * ```
 */
export function readRequest(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return readJsonRequest(trimmed);
  if (URL_START.test(trimmed)) return readUrlRequest(trimmed);
  return text;
}

function readJsonRequest(text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`the request looks like JSON but does not parse: ${firstLine(error)}`);
  }
  // Text that starts with "{" or "[" and parses is an object or an array.
  if (Array.isArray(json))
    throw new CliUsageError(
      'the request is JSON, but an array, not an object of parameters; give {"Action":"CreateBackup","DBInstanceId":"…"}',
    );
  return json;
}

function readUrlRequest(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliUsageError(`the request looks like a URL but is not one: ${JSON.stringify(text)}`);
  }
  if (url.search === "")
    throw new CliUsageError(
      `the URL ${JSON.stringify(text)} has no query string; paste the whole request URL, with its ?Action=CreateBackup&…`,
    );
  return url.search.slice(1);
}
