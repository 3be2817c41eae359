/**
 * Whether a string is text any JSON store can hold: well-formed Unicode (no lone surrogate, which a
 * driver would send as U+FFFD, naming another key) and no U+0000 (PostgreSQL's `text` and `jsonb`
 * refuse both). A state's text must be (`state.invalid` otherwise), and an instance id that is not
 * names no instance: a store adapter checks its keys with it.
 *
 * @example
 * ```ts
 * import { isStorableText } from "rds-backup-rules";
 *
 * expect(isStorableText("orders_2026")).toBe(true);
 * expect(isStorableText("emoji \u{1F600}")).toBe(true);
 * expect(isStorableText("rm-1\u0000")).toBe(false);
 * expect(isStorableText("rm-\uD800")).toBe(false);
 * expect(isStorableText("\uDC00rm")).toBe(false);
 * ```
 */
export function isStorableText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit === 0) return false;
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit > 0xdbff) return false; // a low surrogate with no high one before it
    const next = text.charCodeAt(index + 1); // NaN past the end
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    index++;
  }
  return true;
}
