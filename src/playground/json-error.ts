/** Where text stops being JSON, and why, in words: what the Instance state, Request and Context boxes show beside a refused text. */

const WHITE_SPACE = " \t\n\r";
const ESCAPES = '"\\/bfnrtu';
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The text being scanned and the offset reached; each step below reads from `at` and moves it on. */
interface Scan {
  readonly text: string;
  at: number;
}

/** Each step returns the problem at `scan.at`, or undefined when what it read is well-formed. */
type Problem = string | undefined;

/**
 * The first offset at which `text` stops being JSON, and why: a scanner of the JSON grammar that
 * says what was expected there and what was found, in words, the same in every browser. Meant for
 * text `JSON.parse` refused (it decides what parses): where the scanner finds nothing wrong, the
 * problem is that the browser's parser refused the text.
 *
 * @example
 * ```ts
 * import { firstJsonError } from "./json-error";
 *
 * expect(firstJsonError('{"a": [1, 2,]}')).toEqual({ offset: 12, problem: 'expected a JSON value, found "]" (JSON allows no comma before it)' });
 * expect(firstJsonError("{'a': 1}")).toEqual({ offset: 1, problem: "expected a property name in double quotes, found \"'\"" });
 * expect(firstJsonError('"\\x"')).toEqual({ offset: 2, problem: 'expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX), found "x"' });
 * expect(firstJsonError("1 2")).toEqual({ offset: 2, problem: 'expected the end of the text after the JSON value, found "2"' });
 * ```
 */
export function firstJsonError(text: string): { offset: number; problem: string } {
  const scan: Scan = { text, at: 0 };
  const problem = readValue(scan);
  if (problem !== undefined) return { offset: scan.at, problem };
  skipWhiteSpace(scan);
  if (scan.at < text.length) return { offset: scan.at, problem: `expected the end of the text after the JSON value, found ${found(scan)}` };
  return { offset: scan.at, problem: "the browser's JSON parser refused this text" };
}

/** The character at `at` (a UTF-16 code unit), or undefined at the end of the text. */
function peek(scan: Scan): string | undefined {
  return scan.text[scan.at];
}

function skipWhiteSpace(scan: Scan): void {
  while (scan.at < scan.text.length && WHITE_SPACE.includes(peek(scan)!)) scan.at += 1;
}

/** The character at `at` in words, quoted, or the end of the text. */
function found(scan: Scan): string {
  return scan.at >= scan.text.length ? "the end of the text" : JSON.stringify(String.fromCodePoint(scan.text.codePointAt(scan.at)!));
}

/** One value of any kind. */
function readValue(scan: Scan, what = "a JSON value"): Problem {
  skipWhiteSpace(scan);
  const char = peek(scan);
  if (char === "{") return readObject(scan);
  if (char === "[") return readArray(scan);
  if (char === '"') return readString(scan);
  if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) return readNumber(scan);
  for (const word of ["true", "false", "null"]) {
    if (scan.text.startsWith(word, scan.at)) {
      scan.at += word.length;
      return undefined;
    }
  }
  if (char === "'") return `expected ${what}, found "'" (JSON strings take double quotes)`;
  return `expected ${what}, found ${found(scan)}`;
}

/** An object, from its `{`. */
function readObject(scan: Scan): Problem {
  scan.at += 1;
  skipWhiteSpace(scan);
  if (peek(scan) === "}") {
    scan.at += 1;
    return undefined;
  }
  for (let first = true; ; first = false) {
    const problem = readMember(scan, first);
    if (problem !== undefined) return problem;
    skipWhiteSpace(scan);
    if (peek(scan) === ",") scan.at += 1;
    else if (peek(scan) === "}") {
      scan.at += 1;
      return undefined;
    } else return `expected "," or "}" after a property value, found ${found(scan)}`;
  }
}

/** One `"name": value` of an object; `first` tells a comma before `}` from an empty object. */
function readMember(scan: Scan, first: boolean): Problem {
  skipWhiteSpace(scan);
  if (peek(scan) !== '"')
    return `expected a property name in double quotes, found ${found(scan)}${!first && peek(scan) === "}" ? " (JSON allows no comma before it)" : ""}`;
  const name = readString(scan);
  if (name !== undefined) return name;
  skipWhiteSpace(scan);
  if (peek(scan) !== ":") return `expected ":" after the property name, found ${found(scan)}`;
  scan.at += 1;
  return readValue(scan);
}

/** An array, from its `[`. */
function readArray(scan: Scan): Problem {
  scan.at += 1;
  skipWhiteSpace(scan);
  if (peek(scan) === "]") {
    scan.at += 1;
    return undefined;
  }
  for (let first = true; ; first = false) {
    skipWhiteSpace(scan);
    if (!first && peek(scan) === "]") return `expected a JSON value, found "]" (JSON allows no comma before it)`;
    const problem = readValue(scan);
    if (problem !== undefined) return problem;
    skipWhiteSpace(scan);
    if (peek(scan) === ",") scan.at += 1;
    else if (peek(scan) === "]") {
      scan.at += 1;
      return undefined;
    } else return `expected "," or "]" after an array element, found ${found(scan)}`;
  }
}

/** A string, from its opening quote to its closing one. */
function readString(scan: Scan): Problem {
  scan.at += 1;
  for (;;) {
    if (scan.at >= scan.text.length) return "expected the string to end with a double quote, found the end of the text";
    const char = peek(scan)!;
    if (char === '"') {
      scan.at += 1;
      return undefined;
    }
    if (char < " ")
      return `expected a character of a string, found a control character (U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}): write \\n, \\t… instead`;
    if (char === "\\") {
      const problem = readEscape(scan);
      if (problem !== undefined) return problem;
      continue;
    }
    scan.at += 1;
  }
}

/** An escape of a string, from its backslash. */
function readEscape(scan: Scan): Problem {
  const escape = scan.text[scan.at + 1];
  if (escape === undefined || !ESCAPES.includes(escape)) {
    scan.at += 1;
    return `expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX), found ${found(scan)}`;
  }
  if (escape === "u" && !/^[0-9a-fA-F]{4}$/.test(scan.text.slice(scan.at + 2, scan.at + 6))) {
    scan.at += 2;
    return `expected four hexadecimal digits after \\u, found ${found(scan)}`;
  }
  scan.at += escape === "u" ? 6 : 2;
  return undefined;
}

function readNumber(scan: Scan): Problem {
  NUMBER.lastIndex = scan.at;
  const match = NUMBER.exec(scan.text);
  if (match === null) return `expected a number, found ${found(scan)}`;
  scan.at += match[0].length;
  return undefined;
}
