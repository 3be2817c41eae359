import type { Violation } from "../index";

/** The names of a request's parameters, as sent: a query string's or an object's keys. */
function parameterNames(request: unknown): string[] {
  if (typeof request === "string") return [...new URLSearchParams(request).keys()];
  if (typeof request === "object" && request !== null) return Object.keys(request);
  return [];
}

/**
 * Why a required parameter is "missing" when the request sends it under another case
 * (`action=CreateBackup`): names are case-sensitive, so the library sees no `Action`. The CLI
 * shows this beside the library's message, which names the rule that is first violated but not
 * the spelling that caused it. `undefined` for any other refusal.
 *
 * @example
 * ```ts
 * import { nameCaseNote } from "./name-case-note";
 *
 * const error = { rule: "action.missing", code: "MissingParameter", httpStatus: 400, message: "…", parameter: "Action" };
 * expect(nameCaseNote(error, "action=CreateBackup&DBInstanceId=rm-demo"))
 *   .toEqual({ cause: 'the request has "action", not Action: parameter names are case-sensitive', fix: 'rename "action" to Action' });
 * expect(nameCaseNote(error, "DBInstanceId=rm-demo")).toBeUndefined();
 * ```
 */
export function nameCaseNote(error: Violation, request: unknown): { readonly cause: string; readonly fix: string } | undefined {
  const wanted = error.parameter;
  if (!error.rule.endsWith(".missing") || wanted === undefined) return undefined;
  const sent = parameterNames(request).find((name) => name !== wanted && name.toLowerCase() === wanted.toLowerCase());
  if (sent === undefined) return undefined;
  return {
    cause: `the request has ${JSON.stringify(sent)}, not ${wanted}: parameter names are case-sensitive`,
    fix: `rename ${JSON.stringify(sent)} to ${wanted}`,
  };
}
