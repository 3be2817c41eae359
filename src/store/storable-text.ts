/**
 * Whether a store can hold `text` as a key or in JSON: well-formed UTF-16 (no lone surrogate, which
 * a driver would send as U+FFFD, naming another key) and no U+0000 (PostgreSQL's `text` and `jsonb`
 * refuse it). An instance id that is not is an instance no store holds. The same rule as the
 * core's `parseInstanceState` applies to the text of a state.
 *
 * @example
 * ```ts
 * import { isStorableText } from "./storable-text";
 *
 * expect(isStorableText("rm-1")).toBe(true);
 * expect(isStorableText("rm-\u{1F600}")).toBe(true);
 * expect(isStorableText("rm-1\u0000")).toBe(false);
 * expect(isStorableText("rm-\uD800")).toBe(false);
 * expect(isStorableText("\uDC00rm")).toBe(false);
 * ```
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** U+0000, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
