import { firstJsonError } from "./json-error";

/** Text read as JSON: its value, or where and why it does not parse. */
export type JsonReading =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      /** The UTF-16 offset of the first character that does not fit, for the caret. */
      readonly offset: number;
      /** 1-based line and column (in characters) of that offset. */
      readonly line: number;
      readonly column: number;
      /** What was expected there and what was found, in words. */
      readonly problem: string;
    };

/**
 * Reads a text box's text as JSON. `JSON.parse` decides what parses; when it refuses, a small
 * scanner of the JSON grammar finds the first character that does not fit and says what was
 * expected there, with its line and column, the same in every browser.
 *
 * @example
 * ```ts
 * import { readJson } from "./json-text";
 *
 * expect(readJson('{"now": "2026-03-02T08:00:00Z"}')).toEqual({ ok: true, value: { now: "2026-03-02T08:00:00Z" } });
 * expect(readJson('{\n  "a": 1,\n  "b": 2,\n}')).toMatchObject({ ok: false, line: 4, column: 1, problem: 'expected a property name in double quotes, found "}" (JSON allows no comma before it)' });
 * expect(readJson("")).toMatchObject({ ok: false, line: 1, column: 1, problem: "expected a JSON value, found the end of the text" });
 * ```
 */
export function readJson(text: string): JsonReading {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const { offset, problem } = firstJsonError(text);
    const before = text.slice(0, offset);
    const lineStart = before.lastIndexOf("\n") + 1;
    return { ok: false, offset, line: before.split("\n").length, column: [...before.slice(lineStart)].length + 1, problem };
  }
}

/**
 * A value as the text boxes show it: JSON with two-space indents, which `readJson` reads back.
 *
 * @example
 * ```ts
 * import { jsonForBox, readJson } from "./json-text";
 *
 * expect(jsonForBox({ now: "2026-03-02T08:00:00Z" })).toBe('{\n  "now": "2026-03-02T08:00:00Z"\n}');
 * expect(readJson(jsonForBox({ a: [1, 2] }))).toEqual({ ok: true, value: { a: [1, 2] } });
 * ```
 */
export function jsonForBox(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
