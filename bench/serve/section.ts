/**
 * The serve section of docs/performance.md: `npm run bench:serve` writes it between two markers,
 * and `npm run bench`, which rewrites the rest of the file, keeps it.
 */
const START = "<!-- bench:serve:start (npm run bench:serve writes this part) -->";
const END = "<!-- bench:serve:end -->";

/** The document with its serve section replaced by `section` (appended when it has none). */
export function replaceServeSection(document: string, section: string): string {
  const block = `${START}\n${section.trim()}\n${END}`;
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${block}\n`;
  return `${document.slice(0, start)}${block}${document.slice(end + END.length)}`;
}

/** The serve section of `previous` carried over into a freshly generated document (nothing when there was none). */
export function keepServeSection(previous: string, generated: string): string {
  const start = previous.indexOf(START);
  const end = previous.indexOf(END);
  if (start < 0 || end < start) return generated;
  return replaceServeSection(generated, previous.slice(start + START.length, end));
}
