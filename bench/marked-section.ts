/**
 * docs/performance.md has sections that other benchmarks write (`bench:store`, `bench:serve`),
 * each between its two HTML-comment markers. `npm run bench` regenerates the rest of the file and
 * carries those sections over unchanged.
 */

/** The two markers around one section. */
export interface SectionMarkers {
  readonly start: string;
  readonly end: string;
}

/** The store section, written by `npm run bench:store`. */
export const STORE_SECTION: SectionMarkers = {
  start: "<!-- store-bench:start (npm run bench:store writes this part) -->",
  end: "<!-- store-bench:end -->",
};
/** The serve section, written by `npm run bench:serve`. */
export const SERVE_SECTION: SectionMarkers = {
  start: "<!-- bench:serve:start (npm run bench:serve writes this part) -->",
  end: "<!-- bench:serve:end -->",
};

/** `document` with the marked section replaced by `section` (appended when the document has none). */
export function replaceSection(document: string, markers: SectionMarkers, section: string): string {
  const block = `${markers.start}\n${section.trim()}\n${markers.end}`;
  const start = document.indexOf(markers.start);
  const end = document.indexOf(markers.end);
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${block}\n`;
  return `${document.slice(0, start)}${block}${document.slice(end + markers.end.length)}`;
}

/** `generated` with the marked sections of `previous` carried over (each one `previous` has). */
export function keepSections(previous: string, generated: string, sections: readonly SectionMarkers[]): string {
  return sections.reduce((document, markers) => {
    const start = previous.indexOf(markers.start);
    const end = previous.indexOf(markers.end);
    return start < 0 || end < start ? document : replaceSection(document, markers, previous.slice(start + markers.start.length, end));
  }, generated);
}
