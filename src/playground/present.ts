import { RULES, type HttpResponse, type RuleId, type RuleVerdict } from "../index";

/** Where docs/rules.md is published (the README links there too). */
export const RULES_DOC_URL = "https://github.com/rds-backup-rules/rds-backup-rules/blob/main/docs/rules.md";

/**
 * The address of a rule's section in docs/rules.md: the anchor its generator writes before each
 * rule (`rule-` and the id, with every character outside `a-z0-9-` as `-`).
 *
 * @example
 * ```ts
 * import { ruleDocsUrl } from "./present";
 *
 * expect(ruleDocsUrl("parameter.unknown")).toBe("https://github.com/rds-backup-rules/rds-backup-rules/blob/main/docs/rules.md#rule-parameter-unknown");
 * ```
 */
export function ruleDocsUrl(ruleId: RuleId): string {
  return `${RULES_DOC_URL}#rule-${ruleId.replace(/[^a-z0-9-]/g, "-")}`;
}

const TITLE_OF: ReadonlyMap<string, string> = new Map(RULES.map((rule) => [rule.id, rule.title]));

/**
 * A verdict of the Rules table in words: `passed`, `violated` or `not checked`, and its detail:
 * the rule's title when it passed, the violation's message, or why it was not checked.
 *
 * @example
 * ```ts
 * import { verdictWords } from "./present";
 *
 * expect(verdictWords({ number: 16, rule: "instance.not-running", verdict: "passed" })).toEqual({ verdict: "passed", detail: "The instance is running" });
 * expect(verdictWords({ number: 14, rule: "instance-id.not-found", verdict: "not-checked", reason: "Not checked: …" })).toEqual({ verdict: "not checked", detail: "Not checked: …" });
 * ```
 */
export function verdictWords(verdict: RuleVerdict): { readonly verdict: "passed" | "violated" | "not checked"; readonly detail: string } {
  if (verdict.verdict === "violated") return { verdict: "violated", detail: verdict.violation.message };
  if (verdict.verdict === "not-checked") return { verdict: "not checked", detail: verdict.reason };
  return { verdict: "passed", detail: TITLE_OF.get(verdict.rule) ?? "" };
}

const REASONS: Readonly<Record<number, string>> = {
  200: "OK",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * The HTTP answer a service sends for a decision (`toHttpResponse`), as it goes on the wire: the
 * status line, the content type and the JSON body.
 *
 * @example
 * ```ts
 * import { httpAnswerText } from "./present";
 *
 * expect(httpAnswerText({ status: 200, body: { RequestId: "r-1", BackupJobId: "1" } })).toBe(
 *   'HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  "RequestId": "r-1",\n  "BackupJobId": "1"\n}',
 * );
 * ```
 */
export function httpAnswerText(response: HttpResponse): string {
  const reason = REASONS[response.status];
  return `HTTP/1.1 ${response.status}${reason === undefined ? "" : ` ${reason}`}\nContent-Type: application/json\n\n${JSON.stringify(response.body, null, 2)}`;
}
