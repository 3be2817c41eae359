/**
 * Replaces the generated region `name` of a hand-written Markdown file: the lines between
 * `<!-- generated:NAME:start -->` and `<!-- generated:NAME:end -->`. Throws when the markers are
 * missing, so a README edit that drops them is caught by docs:check.
 */
export function replaceRegion(text: string, name: string, content: string): string {
  const start = `<!-- generated:${name}:start (npm run docs writes this part; do not edit it by hand) -->`;
  const end = `<!-- generated:${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from) throw new Error(`the markers of the generated region "${name}" are missing; put back\n${start}\n${end}`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}
