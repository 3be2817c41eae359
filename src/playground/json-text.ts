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

const WHITE_SPACE = " \t\n\r";
const ESCAPES = '"\\/bfnrtu';
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The first offset at which `text` stops being JSON, and why. */
function firstJsonError(text: string): { offset: number; problem: string } {
  let at = 0;
  const skipWhiteSpace = () => {
    while (at < text.length && WHITE_SPACE.includes(text[at]!)) at += 1;
  };
  const found = () => (at >= text.length ? "the end of the text" : JSON.stringify(String.fromCodePoint(text.codePointAt(at)!)));

  /** Reads one value at `at`; returns the problem, or undefined when the value is well-formed. */
  const value = (what = "a JSON value"): string | undefined => {
    skipWhiteSpace();
    const char = text[at];
    if (char === "{") return object();
    if (char === "[") return array();
    if (char === '"') return string();
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) return number();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return undefined;
      }
    }
    if (char === "'") return `expected ${what}, found "'" (JSON strings take double quotes)`;
    return `expected ${what}, found ${found()}`;
  };

  const object = (): string | undefined => {
    at += 1;
    skipWhiteSpace();
    if (text[at] === "}") {
      at += 1;
      return undefined;
    }
    for (let first = true; ; first = false) {
      skipWhiteSpace();
      if (text[at] !== '"')
        return `expected a property name in double quotes, found ${found()}${!first && text[at] === "}" ? " (JSON allows no comma before it)" : ""}`;
      const name = string();
      if (name !== undefined) return name;
      skipWhiteSpace();
      if (text[at] !== ":") return `expected ":" after the property name, found ${found()}`;
      at += 1;
      const problem = value();
      if (problem !== undefined) return problem;
      skipWhiteSpace();
      if (text[at] === ",") at += 1;
      else if (text[at] === "}") {
        at += 1;
        return undefined;
      } else return `expected "," or "}" after a property value, found ${found()}`;
    }
  };

  const array = (): string | undefined => {
    at += 1;
    skipWhiteSpace();
    if (text[at] === "]") {
      at += 1;
      return undefined;
    }
    for (let first = true; ; first = false) {
      skipWhiteSpace();
      if (!first && text[at] === "]") return `expected a JSON value, found "]" (JSON allows no comma before it)`;
      const problem = value();
      if (problem !== undefined) return problem;
      skipWhiteSpace();
      if (text[at] === ",") at += 1;
      else if (text[at] === "]") {
        at += 1;
        return undefined;
      } else return `expected "," or "]" after an array element, found ${found()}`;
    }
  };

  const string = (): string | undefined => {
    at += 1;
    for (;;) {
      if (at >= text.length) return "expected the string to end with a double quote, found the end of the text";
      const char = text[at]!;
      if (char === '"') {
        at += 1;
        return undefined;
      }
      if (char < " ")
        return `expected a character of a string, found a control character (U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}): write \\n, \\t… instead`;
      if (char === "\\") {
        const escape = text[at + 1];
        if (escape === undefined || !ESCAPES.includes(escape)) {
          at += 1;
          return `expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX), found ${found()}`;
        }
        if (escape === "u" && !/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
          at += 2;
          return `expected four hexadecimal digits after \\u, found ${found()}`;
        }
        at += escape === "u" ? 6 : 2;
        continue;
      }
      at += 1;
    }
  };

  const number = (): string | undefined => {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (match === null) return `expected a number, found ${found()}`;
    at += match[0].length;
    return undefined;
  };

  const problem = value();
  if (problem !== undefined) return { offset: at, problem };
  skipWhiteSpace();
  if (at < text.length) return { offset: at, problem: `expected the end of the text after the JSON value, found ${found()}` };
  return { offset: at, problem: "the browser's JSON parser refused this text" };
}
